import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireUser, startSession } from "~/auth/auth.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { fieldErrorReply, invalidForm, retryAfterHeaders, tooManyAttempts } from "~/http/responses.server";
import { getT } from "~/i18n/i18next.server";
import { passwordChangeSchema } from "~/users/schemas";
import { changePassword } from "~/users/users.server";
import { titleMeta } from "~/utils/meta";
import { passwordSettingsPath } from "~/paths";

export const meta = titleMeta;
export const headers = retryAfterHeaders;

const HIDDEN = ["currentPassword", "newPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const t = await getT(request);
  return json({ title: t("settings.passwordHeading") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: passwordChangeSchema });
  if (submission.status !== "success") {
    return invalidForm({ result: submission.reply({ hideFields: HIDDEN }) });
  }
  const result = await changePassword({ userId: user.id, ...submission.value, ip: context.clientIp ?? null });
  if (!result.ok && "reason" in result) {
    return tooManyAttempts(request, result.retryAt, (error) => ({
      result: submission.reply({ fieldErrors: { currentPassword: [error] }, hideFields: HIDDEN }),
    }));
  }
  if (!result.ok) {
    return invalidForm({ result: fieldErrorReply(submission, result, { hideFields: HIDDEN }) });
  }
  // Every session ended, this one too: the person who changed it gets a fresh one, on a redirect so
  // that no loader runs with the old cookie (without JavaScript its blank cookie logged the person out).
  return redirect(passwordSettingsPath({ changed: true }), { headers: { "Set-Cookie": await startSession(user.id) } });
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof passwordChangeSchema>>({
    id: "password",
    lastResult: actionData?.result,
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <h1>{t("settings.passwordHeading")}</h1>
      {searchParams.has("changed") && !actionData ? (
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
