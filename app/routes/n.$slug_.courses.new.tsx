import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CourseCrumbs, CourseForm } from "~/courses/components";
import { createCourse } from "~/courses/courses.server";
import { courseSchema } from "~/courses/schemas";
import { getT } from "~/i18n/i18next.server";
import { previewMarkdown } from "~/markdown/markdown.server";
import { networkOr404 } from "~/networks/networks.server";
import { requirePermission } from "~/permissions/guards.server";
import { titleMeta } from "~/utils/meta";
import { courseEditPath } from "~/paths";
import { invalidForm } from "~/http/responses.server";

export const meta = titleMeta;

/** A new course: the network's moderators (and admins) create it and become its first curator. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = networkOr404(params.slug);
  await requirePermission(request, "createCourse", network);
  const t = await getT(request);
  return json({ title: t("courses.new"), network: { slug: network.slug, name: network.name } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = networkOr404(params.slug);
  const { user } = await requirePermission(request, "createCourse", network);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: courseSchema });
  if (formData.get("intent") === "preview") {
    return json({ result: submission.reply(), preview: previewMarkdown(submission.payload.description) });
  }
  if (submission.status !== "success") return invalidForm({ result: submission.reply(), preview: null });
  const id = createCourse({ ...submission.value, networkId: network.id, createdById: user.id });
  return redirect(courseEditPath(network.slug, id, "modules"));
}

export default function NewCourse() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <CourseCrumbs network={data.network} />
      <h1>{t("courses.new")}</h1>
      <p className="muted">{t("courses.newIntro")}</p>
      <CourseForm lastResult={actionData?.result} preview={actionData?.preview} submitLabel={t("courses.createSubmit")} />
    </>
  );
}
