import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { digestAvailable } from "~/digest/mailer.server";
import { getLocale, getT, localeCookie } from "~/i18n/i18next.server";
import { listNetworksOf } from "~/networks/networks.server";
import { profileSchema } from "~/users/schemas";
import { getAccount, updateProfile } from "~/users/users.server";
import { titleMeta } from "~/utils/meta";
import { networkPath, notificationSettingsPath, passwordSettingsPath } from "~/paths";
import { fieldErrorReply, invalidForm, notFound } from "~/http/responses.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = await getT(request);
  const account = getAccount(user.id);
  if (!account) throw notFound();
  const locale = await getLocale(request);
  return json({
    title: t("settings.profileHeading"),
    account: { ...account, homeNetwork: account.homeNetwork ?? "", locale: account.locale ?? locale },
    networks: listNetworksOf(user.id).map((n) => ({ value: n.slug, label: n.name })),
    // No link to a page that could only say "email is not set up".
    digestLink: digestAvailable(),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: profileSchema });
  if (submission.status !== "success") return invalidForm({ result: submission.reply(), saved: false });
  const result = updateProfile(user.id, submission.value);
  if (!result.ok) {
    return invalidForm({ result: fieldErrorReply(submission, result), saved: false });
  }
  const headers = submission.value.locale ? { "Set-Cookie": await localeCookie.serialize(submission.value.locale) } : undefined;
  return json({ result: submission.reply(), saved: true }, { headers });
}

export default function Profile() {
  const { t } = useTranslation();
  const { account, networks, digestLink } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof profileSchema>>({
    id: "profile",
    lastResult: actionData?.result,
    defaultValue: account,
    shouldRevalidate: "onBlur",
  });
  return (
    <>
      <h1>{t("settings.profileHeading")}</h1>
      <p className="muted">{account.email}</p>
      {actionData?.saved ? (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.displayName, fields.school, fields.subjects, fields.homeNetwork]} />
        <TextField meta={fields.displayName} label={t("auth.displayName")} autoComplete="name" required />
        <TextField meta={fields.school} label={t("auth.school")} hint={t("auth.schoolHint")} autoComplete="organization" />
        <TextField meta={fields.subjects} label={t("auth.subjects")} hint={t("auth.subjectsHint")} />
        <SelectField meta={fields.homeNetwork} label={t("auth.homeNetwork")} options={networks} placeholder={t("auth.chooseNetwork")} />
        <SelectField
          meta={fields.locale}
          label={t("settings.language")}
          options={[
            { value: "ru", label: "Русский" },
            { value: "en", label: "English" },
          ]}
        />
        <button type="submit" className="primary">
          {t("settings.save")}
        </button>
      </Form>
      <h2>{t("settings.myNetworks")}</h2>
      <ul>
        {networks.map((n) => (
          <li key={n.value}>
            <Link to={networkPath(n.value)}>{n.label}</Link>
          </li>
        ))}
      </ul>
      <ul className="plain-list">
        <li>
          <Link to={passwordSettingsPath()}>{t("settings.changePassword")}</Link>
        </li>
        {digestLink ? (
          <li>
            <Link to={notificationSettingsPath()}>{t("digest.heading")}</Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}
