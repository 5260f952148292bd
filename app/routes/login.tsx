import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { getUser, safeRedirect, startSession } from "~/auth/auth.server";
import { ErrorSummary, TextField } from "~/components/forms";
import { env } from "~/env.server";
import { invalidForm, retryAfterHeaders, tooManyAttempts } from "~/http/responses.server";
import { getT, localeCookie } from "~/i18n/i18next.server";
import { loginSchema } from "~/users/schemas";
import { checkLogin } from "~/users/users.server";
import { titleMeta } from "~/utils/meta";
import { registerPath } from "~/paths";

export const meta = titleMeta;
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  const t = await getT(request);
  return json({ title: t("auth.loginHeading"), demo: env.SEED_DEMO === "true" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return invalidForm(submission.reply({ hideFields: ["password"] }));
  }
  const { email, password, redirectTo } = submission.value;
  const result = await checkLogin(email, password, context.clientIp ?? null);
  if (!result.ok && result.reason === "throttled") {
    return tooManyAttempts(request, result.retryAt, (formError) => submission.reply({ formErrors: [formError], hideFields: ["password"] }));
  }
  if (!result.ok) {
    return invalidForm(submission.reply({ formErrors: ["errors.wrongPassword"], hideFields: ["password"] }));
  }
  const headers = new Headers({ "Set-Cookie": await startSession(result.userId) });
  if (result.locale) headers.append("Set-Cookie", await localeCookie.serialize(result.locale));
  return redirect(safeRedirect(redirectTo), { headers });
}

export default function Login() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { demo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof loginSchema>>({ id: "login", lastResult, shouldRevalidate: "onBlur" });
  return (
    <>
      <h1>{t("auth.loginHeading")}</h1>
      {demo ? <p className="notice">{t("auth.demoAccounts")}</p> : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.email, fields.password]} formErrors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" required />
        <TextField meta={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" required />
        <button type="submit" className="primary">
          {t("auth.submitLogin")}
        </button>
      </Form>
      <p>
        {t("auth.noAccount")} <Link to={registerPath()}>{t("nav.register")}</Link>
      </p>
    </>
  );
}
