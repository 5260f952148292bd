import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms";
import { getT } from "~/i18n/i18next.server";
import { getMentorProfile, saveMentorProfile } from "~/mentoring/profile.server";
import { CAPACITY_MAX, CAPACITY_MIN, profileSchema } from "~/mentoring/schemas";
import { networkOr404 } from "~/networks/networks.server";
import { contextFor } from "~/permissions/context.server";
import { assertCan } from "~/permissions/guards.server";
import { can } from "~/permissions/permissions";
import { requireUser } from "~/auth/auth.server";
import { titleMeta } from "~/utils/meta";
import { membersPath, mentorProfilePath, mentorQueuePath, networkPath } from "~/paths";
import { fieldErrorReply, invalidForm, notFound } from "~/http/responses.server";

export const meta = titleMeta;

/** The mentor themself, or the network's moderators; anyone else gets 403, a non-mentor 404. */
async function authorize(request: Request, params: LoaderFunctionArgs["params"]) {
  const network = networkOr404(params.slug);
  const user = await requireUser(request);
  const userId = Number(params.userId);
  const context = assertCan("editMentorProfile", { ...contextFor(user, network), profile: { userId } });
  const profile = Number.isSafeInteger(userId) ? getMentorProfile(network.id, userId, network.timeZone) : undefined;
  if (!profile) throw notFound();
  return { network, user, context, profile };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, context, profile } = await authorize(request, params);
  const t = await getT(request);
  return json({
    title: `${t("mentoring.profile.heading")}: ${profile.name}`,
    network: { slug: network.slug, name: network.name, timeZone: network.timeZone },
    profile,
    canManage: can("manageMentoring", context),
    saved: new URL(request.url).searchParams.get("saved") === "1",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, profile } = await authorize(request, params);
  const submission = parseWithZod(await request.formData(), { schema: profileSchema });
  if (submission.status !== "success") return invalidForm({ result: submission.reply() });
  const result = saveMentorProfile({ ...submission.value, networkId: network.id, userId: profile.userId, timeZone: network.timeZone });
  if (!result.ok) return invalidForm({ result: fieldErrorReply(submission, result) });
  return redirect(mentorProfilePath(network.slug, profile.userId, { saved: 1 }));
}

export default function MentorProfile() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { profile } = data;
  const [form, fields] = useForm<{ tags: string; capacity: string; awayUntil: string }>({
    id: "mentor-profile",
    lastResult: actionData?.result,
    defaultValue: { tags: profile.tags.join(", "), capacity: String(profile.capacity), awayUntil: profile.awayThrough },
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to={networkPath(data.network.slug)}>{data.network.name}</Link>
      </p>
      <h1>
        {t("mentoring.profile.heading")}: {profile.name}
      </h1>
      {data.saved ? (
        <p className="notice" role="status">
          {t("mentoring.profile.saved")}
        </p>
      ) : null}
      <p>{t("mentoring.profile.load", { open: profile.open, capacity: profile.capacity })}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.tags, fields.capacity, fields.awayUntil]} formErrors={form.errors} />
        <TextField meta={fields.tags} label={t("mentoring.profile.tags")} hint={t("mentoring.profile.tagsHint")} />
        <TextField
          meta={fields.capacity}
          type="number"
          min={CAPACITY_MIN}
          max={CAPACITY_MAX}
          label={t("mentoring.profile.capacity")}
          hint={t("mentoring.profile.capacityHint")}
        />
        <TextField
          meta={fields.awayUntil}
          type="date"
          label={t("mentoring.profile.awayUntil")}
          hint={t("mentoring.profile.awayHint", { zone: data.network.timeZone })}
        />
        <button type="submit" className="primary">
          {t("mentoring.profile.save")}
        </button>
      </Form>
      <p>
        {data.canManage ? (
          <Link to={membersPath(data.network.slug)}>{t("mentoring.profile.members")}</Link>
        ) : (
          <Link to={mentorQueuePath()}>{t("mentoring.profile.queue")}</Link>
        )}
      </p>
    </>
  );
}
