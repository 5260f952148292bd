import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { AnnouncementForm } from "~/announcements/announcement-form";
import { audiencesFor, createAnnouncement, type AudienceOption } from "~/announcements/announcements.server";
import { newAnnouncementSchema } from "~/announcements/schemas";
import { requireUser } from "~/auth/auth.server";
import { getT } from "~/i18n/i18next.server";
import { previewMarkdown } from "~/markdown/markdown.server";
import { networkOr404 } from "~/networks/networks.server";
import { titleMeta } from "~/utils/meta";
import { announcementPath, announcementsPath, networkPath } from "~/paths";
import { forbidden, invalidForm } from "~/http/responses.server";

export const meta = titleMeta;

const choices = (options: AudienceOption[], t: TFunction) =>
  options.map((o) => ({
    value: o.value,
    label: o.courseId === null ? t("announcements.audienceNetwork") : t("announcements.audienceCourse", { course: o.title }),
  }));

/** Moderators (to the network or any course) and curators (to their courses); ?course=ID picks the audience. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  const user = await requireUser(request);
  const options = audiencesFor(user, network);
  if (options.length === 0) throw forbidden();
  const t = await getT(request);
  const course = new URL(request.url).searchParams.get("course");
  const preselected = options.find((o) => o.value === course)?.value ?? options[0]!.value;
  return json({
    title: t("announcements.new"),
    network: { slug: network.slug, name: network.name },
    audiences: choices(options, t),
    preselected,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = networkOr404(params.slug);
  const user = await requireUser(request);
  const options = audiencesFor(user, network);
  if (options.length === 0) throw forbidden();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: newAnnouncementSchema });
  if (formData.get("intent") === "preview") {
    return json({ result: submission.reply(), preview: previewMarkdown(submission.payload.body) });
  }
  if (submission.status !== "success") return invalidForm({ result: submission.reply(), preview: null });
  const audience = submission.value.audience;
  // A course of another network, or one the author does not curate, reads as not offered: a field message.
  if (!options.some((o) => o.courseId === audience)) {
    return invalidForm({
      result: submission.reply({ fieldErrors: { audience: ["announcements.errors.audienceForbidden"] } }),
      preview: null,
    });
  }
  const id = createAnnouncement({ ...submission.value, networkId: network.id, courseId: audience, authorId: user.id });
  return redirect(announcementPath(id));
}

export default function NewAnnouncement() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumb">
        <a href={networkPath(data.network.slug)}>{data.network.name}</a> ·{" "}
        <a href={announcementsPath(data.network.slug)}>{t("announcements.heading")}</a>
      </p>
      <h1>{t("announcements.new")}</h1>
      <AnnouncementForm
        lastResult={actionData?.result}
        defaultValue={{ audience: data.preselected }}
        preview={actionData?.preview}
        audiences={data.audiences}
        submitLabel={t("announcements.create")}
      />
    </>
  );
}
