import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { getUser, startSession } from "~/auth/auth.server";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { invalidForm, retryAfterHeaders, tooManyAttempts } from "~/http/responses.server";
import { getT } from "~/i18n/i18next.server";
import { listNetworks } from "~/networks/networks.server";
import { registerSchema } from "~/users/schemas";
import { mayRegisterInto, registerUser } from "~/users/users.server";
import { titleMeta } from "~/utils/meta";
import { loginPath, networkPath } from "~/paths";

export const meta = titleMeta;
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  const t = await getT(request);
  const networks = listNetworks()
    .filter(mayRegisterInto)
    .map((n) => ({ value: n.slug, label: `${n.name} (${n.region})` }));
  return json({ title: t("auth.registerHeading"), networks });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: registerSchema });
  if (submission.status !== "success") {
    return invalidForm(submission.reply({ hideFields: ["password"] }));
  }
  const result = await registerUser(submission.value, context.clientIp ?? null);
  if (!result.ok && "reason" in result) {
    return tooManyAttempts(request, result.retryAt, (formError) => submission.reply({ formErrors: [formError], hideFields: ["password"] }));
  }
  if (!result.ok) {
    return json(submission.reply({ fieldErrors: { [result.field]: [result.error] }, hideFields: ["password"] }), {
      status: 400,
    });
  }
  return redirect(networkPath(submission.value.homeNetwork), {
    headers: { "Set-Cookie": await startSession(result.userId) },
  });
}

export default function Register() {
  const { t } = useTranslation();
  const { networks } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof registerSchema>>({ id: "register", lastResult, shouldRevalidate: "onBlur" });
  return (
    <>
      <h1>{t("auth.registerHeading")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorSummary
          fields={[fields.email, fields.password, fields.displayName, fields.homeNetwork, fields.school, fields.subjects]}
          formErrors={form.errors}
        />
        <TextField meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" required />
        <TextField
          meta={fields.password}
          label={t("auth.password")}
          hint={t("auth.passwordHint")}
          type="password"
          autoComplete="new-password"
          required
        />
        <TextField meta={fields.displayName} label={t("auth.displayName")} autoComplete="name" required />
        <SelectField
          meta={fields.homeNetwork}
          label={t("auth.homeNetwork")}
          options={networks}
          placeholder={t("auth.chooseNetwork")}
          required
        />
        <TextField meta={fields.school} label={t("auth.school")} hint={t("auth.schoolHint")} autoComplete="organization" />
        <TextField meta={fields.subjects} label={t("auth.subjects")} hint={t("auth.subjectsHint")} />
        <button type="submit" className="primary">
          {t("auth.submitRegister")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to={loginPath()}>{t("nav.login")}</Link>
      </p>
    </>
  );
}
