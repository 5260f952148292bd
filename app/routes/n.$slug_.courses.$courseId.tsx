import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CourseCrumbs, CourseDates, Materials } from "~/courses/components";
import { curatorsOf } from "~/courses/curators.server";
import { enrolledCount, enrolSelf, removeEnrolment } from "~/courses/enrolment.server";
import { moduleQuestions, modulesOf } from "~/courses/modules.server";
import { cookDescription, courseDates, formatDay, materialsOf } from "~/courses/present";
import { getLocale } from "~/i18n/i18next.server";
import { renderMarkdown } from "~/markdown/markdown.server";
import { can } from "~/permissions/permissions";
import { titleMeta } from "~/utils/meta";
import {
  askPath,
  courseEditPath,
  coursePath,
  coursePeoplePath,
  courseUnansweredPath,
  loginPath,
  modulePath,
  networkPath,
  newAnnouncementPath,
  searchPath,
  threadPath,
  userPath,
} from "~/paths";
import { readCourse, requireCourse } from "~/permissions/guards.server";
import { badRequest } from "~/http/responses.server";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, course, headers, context } = await readCourse(request, params);
  const locale = await getLocale(request);
  const questions = moduleQuestions(course.id);
  const place = context.course!;
  const modules = modulesOf(course.id).map((m) => {
    const counts = questions.counts.find((c) => c.moduleId === m.id);
    return {
      id: m.id,
      title: m.title,
      description: m.description,
      materials: materialsOf(m.materials),
      due: formatDay(m.dueOn, locale),
      total: counts?.total ?? 0,
      solvedCount: counts?.solved ?? 0,
      open: questions.open.filter((q) => q.moduleId === m.id),
      solved: questions.solved.filter((q) => q.moduleId === m.id),
    };
  });
  return json(
    {
      title: course.title,
      network: { slug: network.slug, name: network.name },
      course: {
        id: course.id,
        title: course.title,
        descriptionHtml: course.description ? cookDescription(course.description, renderMarkdown) : "",
        enrolment: course.enrolment,
        ...courseDates(course, locale),
      },
      curators: curatorsOf(course.id).map((c) => ({ userId: c.userId, displayName: c.displayName })),
      enrolledCount: enrolledCount(course.id),
      modules,
      me: {
        signedIn: context.actor !== null,
        member: context.standing != null,
        enrolled: place.enrolled,
        curator: place.curator,
        canEnrol: can("enrolInCourse", context),
        canLeave: can("leaveCourse", context),
        canAsk: can("askInCourse", context),
        canManage: can("manageCourse", context),
        canViewUnanswered: can("viewCourseUnanswered", context),
        canAnnounce: can("createAnnouncement", context),
      },
    },
    { headers },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const intent = (await request.clone().formData()).get("intent");
  switch (intent) {
    case "enrol": {
      const { network, course, user } = await requireCourse(request, params, "enrolInCourse");
      enrolSelf(course.id, user);
      return redirect(coursePath(network.slug, course.id));
    }
    case "leave": {
      const { network, course, user } = await requireCourse(request, params, "leaveCourse");
      removeEnrolment(course.id, user.id);
      return redirect(coursePath(network.slug, course.id));
    }
    default:
      throw badRequest();
  }
}

type Question = { id: number; slug: string; title: string; answerCount: number };

function QuestionLinks({ questions, solved }: { questions: Question[]; solved: boolean }) {
  const { t } = useTranslation();
  if (questions.length === 0) return null;
  return (
    <ul className="module-questions">
      {questions.map((q) => (
        <li key={q.id}>
          {solved ? <span className="badge solved">✓ {t("thread.solved")}</span> : null} <a href={threadPath(q)}>{q.title}</a>{" "}
          <span className="muted">· {t("network.answers", { count: q.answerCount })}</span>
        </li>
      ))}
    </ul>
  );
}

function Enrolment() {
  const { t } = useTranslation();
  const { network, course, me } = useLoaderData<typeof loader>();
  const back = coursePath(network.slug, course.id);
  return (
    <div className="actions">
      {me.enrolled ? <p>✓ {t("courses.youAreEnrolled")}</p> : null}
      {me.canEnrol ? (
        <Form method="post">
          <button type="submit" name="intent" value="enrol" className="primary">
            {t("courses.enrol")}
          </button>
        </Form>
      ) : null}
      {me.canLeave ? (
        <Form method="post">
          <button type="submit" name="intent" value="leave" className="secondary">
            {t("courses.leave")}
          </button>
        </Form>
      ) : null}
      {!me.enrolled && !me.canEnrol && me.member && course.enrolment === "list" && !me.curator ? (
        <p className="notice">{t("courses.byListAsk")}</p>
      ) : null}
      {!me.signedIn ? (
        <p>
          <a href={loginPath(back)}>{t("courses.loginToEnrol")}</a>
        </p>
      ) : me.member ? null : (
        <p>
          <a href={networkPath(network.slug)}>{t("courses.joinNetworkFirst")}</a>
        </p>
      )}
    </div>
  );
}

export default function CoursePage() {
  const { t } = useTranslation();
  const { network, course, curators, enrolledCount, modules, me } = useLoaderData<typeof loader>();
  return (
    <>
      <CourseCrumbs network={network} />
      <h1>{course.title}</h1>
      <p className="thread-meta">
        <CourseDates starts={course.starts} ends={course.ends} /> · {t("courses.enrolledCount", { count: enrolledCount })} ·{" "}
        {t(course.enrolment === "open" ? "courses.enrolment.openShort" : "courses.enrolment.listShort")}
      </p>
      {curators.length ? (
        <p>
          {t("courses.curators", { count: curators.length })}:{" "}
          {curators.map((c, i) => (
            <span key={c.userId}>
              {i > 0 ? ", " : null}
              <a href={userPath(c.userId)}>{c.displayName}</a>
            </span>
          ))}
        </p>
      ) : null}
      <Enrolment />
      {me.canManage || me.canViewUnanswered || me.canAnnounce ? (
        <nav aria-label={t("courses.curatorNav")}>
          <ul className="tabs">
            {me.canManage ? (
              <li>
                <a href={courseEditPath(network.slug, course.id)}>{t("courses.edit")}</a>
              </li>
            ) : null}
            {me.canManage ? (
              <li>
                <a href={coursePeoplePath(network.slug, course.id)}>{t("courses.people")}</a>
              </li>
            ) : null}
            {me.canViewUnanswered ? (
              <li>
                <a href={courseUnansweredPath(network.slug, course.id)}>{t("courses.unanswered")}</a>
              </li>
            ) : null}
            {me.canAnnounce ? (
              <li>
                <a href={newAnnouncementPath(network.slug, { course: course.id })}>{t("courses.announce")}</a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      {course.descriptionHtml ? <div className="post-body" dangerouslySetInnerHTML={{ __html: course.descriptionHtml }} /> : null}
      <p>
        <a href={searchPath({ network: network.slug, course: course.id })}>{t("courses.searchThis")}</a>
      </p>
      <section aria-labelledby="modules-heading">
        <h2 id="modules-heading">{t("courses.modulesHeading")}</h2>
        {modules.length === 0 ? <p className="muted">{t("courses.noModules")}</p> : null}
        <ol className="module-list">
          {modules.map((m) => (
            <li key={m.id} className="module" id={`module-${m.id}`}>
              <h3>
                <a href={modulePath(network.slug, course.id, m.id)}>{m.title}</a>
              </h3>
              {m.due ? <p className="thread-meta">{t("courses.due", { date: m.due })}</p> : null}
              {m.description ? <p className="module-description">{m.description}</p> : null}
              <Materials materials={m.materials} heading="h4" />
              <p className="thread-meta">
                <a href={modulePath(network.slug, course.id, m.id)}>{t("courses.questionsCount", { count: m.total })}</a> ·{" "}
                {t("courses.solvedCount", { count: m.solvedCount })}
              </p>
              <QuestionLinks questions={m.open} solved={false} />
              <QuestionLinks questions={m.solved} solved />
              {me.canAsk ? (
                <p>
                  <a href={askPath(network.slug, { module: m.id })} className="button secondary">
                    {t("courses.askInModule")}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
