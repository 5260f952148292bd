import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorSummary, TextareaField, TextField, useFormFor } from "~/components/forms";
import { Pagination } from "~/components/thread-list";
import { CourseCrumbs } from "~/courses/components";
import { addCurator, curatorsOf, removeCurator } from "~/courses/curators.server";
import { enrolByEmails, enrolledPage, pendingInvites, removeEnrolment, removeInvite, type PasteResult } from "~/courses/enrolment.server";
import { curatorSchema, EMAILS_PER_PASTE_MAX, emailsSchema, inviteRowSchema, personRowSchema } from "~/courses/schemas";
import { getT } from "~/i18n/i18next.server";
import { titleMeta } from "~/utils/meta";
import { coursePeoplePath, userPath } from "~/paths";
import { requireCourse } from "~/permissions/guards.server";
import { badRequest, fieldErrorReply, invalidForm, notFound, parseOrBadRequest } from "~/http/responses.server";
import { type Course } from "~/courses/courses.server";

export const meta = titleMeta;

/** Who takes the course: the enrolled (a page at a time), the list's pending invites, the curators; pasting a list of emails. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, course } = await requireCourse(request, params, "manageCourse");
  const t = await getT(request);
  const page = Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10);
  return json({
    title: `${t("courses.people")}: ${course.title}`,
    network: { slug: network.slug, name: network.name },
    course: { id: course.id, title: course.title, enrolment: course.enrolment },
    enrolled: enrolledPage(course.id, Number.isFinite(page) ? page : 1),
    invites: pendingInvites(course.id),
    curators: curatorsOf(course.id),
  });
}

type ActionData =
  | { form: "emails"; result: SubmissionResult<string[]>; paste: PasteResult | null }
  | { form: "curator"; result: SubmissionResult<string[]>; paste: null };

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, course, user } = await requireCourse(request, params, "manageCourse");
  const formData = await request.formData();
  const back = (hash: string) => redirect(coursePeoplePath(network.slug, course.id, undefined, hash));
  switch (formData.get("intent")) {
    case "emails":
      return enrolPasted(formData, course, user.id);
    case "curator-add":
      return addCuratorByEmail(formData, course, back("curators"));
    case "curator-remove":
      if (!removeCurator(course.id, parseOrBadRequest(formData, personRowSchema).userId)) throw notFound();
      return back("curators");
    case "remove":
      if (!removeEnrolment(course.id, parseOrBadRequest(formData, personRowSchema).userId)) throw notFound();
      return back("enrolled");
    case "uninvite":
      if (!removeInvite(course.id, parseOrBadRequest(formData, inviteRowSchema).email)) throw notFound();
      return back("invites");
    default:
      throw badRequest();
  }
}

function enrolPasted(formData: FormData, course: Course, curatorId: number) {
  const submission = parseWithZod(formData, { schema: emailsSchema });
  if (submission.status !== "success") return invalidForm<ActionData>({ form: "emails", result: submission.reply(), paste: null });
  const paste = enrolByEmails(course, submission.value.emails, curatorId);
  // The page stays, with the text as pasted, so the curator can fix the malformed entries in place.
  return json<ActionData>({ form: "emails", result: submission.reply(), paste });
}

function addCuratorByEmail(formData: FormData, course: Course, done: ReturnType<typeof redirect>) {
  const submission = parseWithZod(formData, { schema: curatorSchema });
  if (submission.status !== "success") return invalidForm<ActionData>({ form: "curator", result: submission.reply(), paste: null });
  const result = addCurator(course, submission.value.email);
  if (!result.ok)
    return invalidForm<ActionData>({
      form: "curator",
      result: fieldErrorReply(submission, { field: "email", error: result.error }),
      paste: null,
    });
  return done;
}

function PasteForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof emailsSchema>>({
    id: "emails",
    lastResult: actionData?.form === "emails" ? actionData.result : undefined,
  });
  const paste = actionData?.form === "emails" ? actionData.paste : null;
  return (
    <section aria-labelledby="paste-heading">
      <h2 id="paste-heading">{t("courses.pasteHeading")}</h2>
      {paste ? (
        <div className="notice" role="status" id="paste-result">
          <p>
            {t("courses.pasteEnrolled", { count: paste.enrolled })} · {t("courses.pasteAlready", { count: paste.alreadyEnrolled })} ·{" "}
            {t("courses.pasteInvited", { count: paste.invited })}
          </p>
          {paste.invited > 0 ? <p className="hint">{t("courses.pasteInvitedHint")}</p> : null}
          {paste.overLimit > 0 ? (
            <p className="notice warning">{t("courses.pasteOverLimit", { count: paste.overLimit, max: EMAILS_PER_PASTE_MAX })}</p>
          ) : null}
          {paste.malformed.length ? (
            <>
              <p>{t("courses.pasteMalformed", { count: paste.malformed.length })}</p>
              <ul className="malformed">
                {paste.malformed.map((entry, i) => (
                  <li key={i}>
                    <code>{entry}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <form method="post" className="stack wide" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.emails]} formErrors={form.errors} />
        <TextareaField meta={fields.emails} label={t("courses.pasteLabel")} hint={t("courses.pasteHint")} rows={8} />
        <button type="submit" name="intent" value="emails" className="primary">
          {t("courses.pasteSubmit")}
        </button>
      </form>
    </section>
  );
}

function CuratorForm() {
  const { t } = useTranslation();
  const [form, fields] = useFormFor<z.input<typeof curatorSchema>>("curator");
  return (
    <form method="post" className="stack" {...getFormProps(form)}>
      <TextField meta={fields.email} label={t("courses.curatorEmail")} hint={t("courses.curatorEmailHint")} type="email" required />
      <button type="submit" name="intent" value="curator-add" className="secondary">
        {t("courses.addCurator")}
      </button>
    </form>
  );
}

/** Curators or enrolled teachers: name, address, and a Remove button that says whom it removes. */
function PeopleList({
  people,
  intent,
  removeLabel,
}: {
  people: Array<{ userId: number; displayName: string; email: string }>;
  intent: "remove" | "curator-remove";
  removeLabel: (name: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <ul className="people">
      {people.map((p) => (
        <li key={p.userId}>
          <a href={userPath(p.userId)}>{p.displayName}</a> <span className="muted">{p.email}</span>
          <Form method="post" className="inline-form">
            <input type="hidden" name="userId" value={p.userId} />
            <button type="submit" name="intent" value={intent} className="secondary" aria-label={removeLabel(p.displayName)}>
              {t("courses.remove")}
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

export default function People() {
  const { t } = useTranslation();
  const { network, course, enrolled, invites, curators } = useLoaderData<typeof loader>();
  return (
    <>
      <CourseCrumbs network={network} course={course} />
      <h1>{t("courses.people")}</h1>
      <PasteForm />
      <section aria-labelledby="curators">
        <h2 id="curators">{t("courses.curators", { count: curators.length })}</h2>
        <PeopleList people={curators} intent="curator-remove" removeLabel={(name) => t("courses.removeCuratorLabel", { name })} />
        <CuratorForm />
      </section>
      <section aria-labelledby="enrolled">
        <h2 id="enrolled">{t("courses.enrolledCount", { count: enrolled.total })}</h2>
        {enrolled.rows.length === 0 ? <p className="muted">{t("courses.nobodyEnrolled")}</p> : null}
        <PeopleList people={enrolled.rows} intent="remove" removeLabel={(name) => t("courses.removeLabel", { name })} />
        <Pagination
          page={enrolled.page}
          pageCount={enrolled.pageCount}
          hrefFor={(page) => coursePeoplePath(network.slug, course.id, { page }, "enrolled")}
        />
      </section>
      <section aria-labelledby="invites">
        <h2 id="invites">{t("courses.invitesHeading", { count: enrolled.invites })}</h2>
        <p className="hint">{t("courses.pasteInvitedHint")}</p>
        <ul className="people">
          {invites.map((email) => (
            <li key={email}>
              <span>{email}</span>
              <Form method="post" className="inline-form">
                <input type="hidden" name="email" value={email} />
                <button
                  type="submit"
                  name="intent"
                  value="uninvite"
                  className="secondary"
                  aria-label={t("courses.uninviteLabel", { email })}
                >
                  {t("courses.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
