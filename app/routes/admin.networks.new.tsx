import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { ErrorSummary, SelectField, TextareaField, TextField } from "~/components/forms";
import { getT } from "~/i18n/i18next.server";
import { networkSchema } from "~/networks/schemas";
import { createNetwork } from "~/networks/networks.server";
import { requireAdmin } from "~/permissions/guards.server";
import { titleMeta } from "~/utils/meta";
import { membersPath } from "~/paths";
import { fieldErrorReply, invalidForm } from "~/http/responses.server";

export const meta = titleMeta;

/** Russia's zones first: the people who create networks pick one of these. */
const RUSSIAN_ZONES = [
  "Europe/Kaliningrad",
  "Europe/Moscow",
  "Europe/Samara",
  "Asia/Yekaterinburg",
  "Asia/Omsk",
  "Asia/Novosibirsk",
  "Asia/Krasnoyarsk",
  "Asia/Irkutsk",
  "Asia/Yakutsk",
  "Asia/Vladivostok",
  "Asia/Magadan",
  "Asia/Kamchatka",
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const t = await getT(request);
  return json({ title: t("admin.newNetwork"), zones: RUSSIAN_ZONES });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const submission = parseWithZod(await request.formData(), { schema: networkSchema });
  if (submission.status !== "success") return invalidForm(submission.reply());
  const result = createNetwork(submission.value);
  if (!result.ok) return invalidForm(fieldErrorReply(submission, result));
  return redirect(membersPath(result.network.slug));
}

export default function NewNetwork() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof networkSchema>>({
    id: "network",
    lastResult,
    defaultValue: { timeZone: "Europe/Moscow", visibility: "public" },
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <h1>{t("admin.newNetwork")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.name, fields.slug, fields.region, fields.timeZone, fields.description, fields.visibility]} />
        <TextField meta={fields.name} label={t("admin.name")} required />
        <TextField meta={fields.slug} label={t("admin.slug")} hint={t("admin.slugHint")} required />
        <TextField meta={fields.region} label={t("admin.region")} required />
        <TextField meta={fields.timeZone} label={t("admin.timeZone")} hint={RUSSIAN_ZONES.join(", ")} required />
        <TextareaField meta={fields.description} label={t("admin.description")} />
        <SelectField
          meta={fields.visibility}
          label={t("admin.visibility")}
          options={[
            { value: "public", label: t("admin.visibilityPublic") },
            { value: "members", label: t("admin.visibilityMembers") },
          ]}
        />
        <button type="submit" className="primary">
          {t("admin.create")}
        </button>
      </Form>
    </>
  );
}
