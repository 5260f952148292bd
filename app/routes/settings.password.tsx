import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireUser, startSession } from "~/auth/auth.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { getT } from "~/i18n/i18next.server";
import { passwordChangeSchema } from "~/users/schemas";
import { changePassword } from "~/users/users.server";
import { titleMeta } from "~/utils/meta";

export const meta = titleMeta;

const HIDDEN = ["currentPassword", "newPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const t = await getT(request);
  return json({ title: t("settings.passwordHeading") });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: passwordChangeSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: HIDDEN }), changed: false }, { status: 400 });
  }
  const result = await changePassword(user.id, submission.value.currentPassword, submission.value.newPassword);
  if (!result.ok) {
    return json(
      { result: submission.reply({ fieldErrors: { [result.field]: [result.error] }, hideFields: HIDDEN }), changed: false },
      { status: 400 },
    );
  }
  // Every session ended, this one too: the person who changed it gets a fresh one.
  return json(
    { result: submission.reply({ resetForm: true }), changed: true },
    { headers: { "Set-Cookie": await startSession(user.id) } },
  );
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof passwordChangeSchema>>({ id: "password", lastResult: actionData?.result, shouldRevalidate: "onBlur" });
  return (
    <>
      <h1>{t("settings.passwordHeading")}</h1>
      {actionData?.changed ? (
        <p className="notice" role="status">
          {t("settings.passwordChanged")}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.currentPassword, fields.newPassword]} />
        <TextField
          meta={fields.currentPassword}
          label={t("settings.currentPassword")}
          type="password"
          autoComplete="current-password"
          required
        />
        <TextField
          meta={fields.newPassword}
          label={t("settings.newPassword")}
          hint={t("auth.passwordHint")}
          type="password"
          autoComplete="new-password"
          required
        />
        <button type="submit" className="primary">
          {t("settings.changePassword")}
        </button>
      </Form>
    </>
  );
}
