import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CourseCrumbs } from "~/courses/components";
import { unansweredQuestions } from "~/courses/courses.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { formatAge } from "~/utils/dates";
import { titleMeta } from "~/utils/meta";
import { modulePath, threadPath } from "~/paths";
import { requireCourse } from "~/permissions/guards.server";

export const meta = titleMeta;

/** The curator's list: every question of the course still without an answer, then those answered but not solved; oldest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, course } = await requireCourse(request, params, "viewCourseUnanswered");
  const [t, locale] = await Promise.all([getT(request), getLocale(request)]);
  const lists = unansweredQuestions(course.id);
  const now = new Date();
  const present = (rows: typeof lists.unanswered) =>
    rows.map((r) => ({ ...r, createdAt: undefined, age: formatAge(r.createdAt, now, locale, network.timeZone) }));
  return json({
    title: `${t("courses.unanswered")}: ${course.title}`,
    network: { slug: network.slug, name: network.name },
    course: { id: course.id, title: course.title },
    unanswered: present(lists.unanswered),
    unansweredTotal: lists.unansweredTotal,
    unsolved: present(lists.unsolved),
    unsolvedTotal: lists.unsolvedTotal,
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["unanswered"][number];

function Questions({ rows, slug, courseId }: { rows: Row[]; slug: string; courseId: number }) {
  const { t } = useTranslation();
  return (
    <ol className="thread-list">
      {rows.map((q) => (
        <li key={q.id} className="thread-row">
          <div className="thread-main">
            <h3>
              <a href={threadPath(q)}>{q.title}</a>
            </h3>
            <p className="thread-meta muted">
              <a href={modulePath(slug, courseId, q.moduleId)}>{q.moduleTitle}</a> · {q.authorName} · {q.age} ·{" "}
              {t("network.answers", { count: q.answerCount })}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

export default function Unanswered() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <CourseCrumbs network={data.network} course={data.course} />
      <h1>{t("courses.unanswered")}</h1>
      <p className="muted">{t("courses.unansweredIntro")}</p>
      <section aria-labelledby="no-answers">
        <h2 id="no-answers">
          {t("courses.noAnswersYet")} <span className="count-badge">{data.unansweredTotal}</span>
        </h2>
        {data.unanswered.length ? (
          <Questions rows={data.unanswered} slug={data.network.slug} courseId={data.course.id} />
        ) : (
          <p>{t("courses.allAnswered")}</p>
        )}
        {data.unansweredTotal > data.unanswered.length ? (
          <p className="muted">{t("courses.moreNotShown", { count: data.unansweredTotal - data.unanswered.length })}</p>
        ) : null}
      </section>
      <section aria-labelledby="not-solved">
        <h2 id="not-solved">
          {t("courses.notSolvedYet")} <span className="count-badge">{data.unsolvedTotal}</span>
        </h2>
        {data.unsolved.length ? (
          <Questions rows={data.unsolved} slug={data.network.slug} courseId={data.course.id} />
        ) : (
          <p>{t("courses.noneUnsolved")}</p>
        )}
        {data.unsolvedTotal > data.unsolved.length ? (
          <p className="muted">{t("courses.moreNotShown", { count: data.unsolvedTotal - data.unsolved.length })}</p>
        ) : null}
      </section>
    </>
  );
}
