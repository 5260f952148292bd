import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { ErrorSummary, FieldErrors } from "~/components/forms";
import { digestSettingOf, setDigest } from "~/digest/digest.server";
import { digestAvailable } from "~/digest/mailer.server";
import { DIGEST_CHOICES, digestSchema, type DigestChoice } from "~/digest/schemas";
import { getT } from "~/i18n/i18next.server";
import { titleMeta } from "~/utils/meta";
import { profileSettingsPath } from "~/paths";
import { invalidForm } from "~/http/responses.server";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = await getT(request);
  // Without SMTP the page stays (old digest emails link here) and says why there is nothing to choose.
  const setting = digestAvailable() ? digestSettingOf(user.id) : undefined;
  return json({ title: t("digest.heading"), setting: setting ?? null });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!digestAvailable()) return json({ result: null, saved: false }, { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: digestSchema });
  if (submission.status !== "success") return invalidForm({ result: submission.reply(), saved: false });
  setDigest(user.id, submission.value.digest);
  return json({ result: submission.reply(), saved: true });
}

export default function DigestSettings() {
  const { t } = useTranslation();
  const { setting } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("digest.heading")}</h1>
      {setting ? <DigestForm setting={setting} /> : <p className="notice warning">{t("digest.unavailable")}</p>}
      <p>
        <Link to={profileSettingsPath()}>{t("settings.profileHeading")}</Link>
      </p>
    </>
  );
}

function DigestForm({ setting }: { setting: { digest: DigestChoice; timeZone: string } }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof digestSchema>>({
    id: "digest",
    lastResult: actionData?.result ?? undefined,
    defaultValue: { digest: setting.digest },
  });
  const hints: Record<DigestChoice, string | null> = {
    off: null,
    daily: t("digest.dailyHint", { zone: setting.timeZone }),
    weekly: t("digest.weeklyHint"),
  };
  return (
    <>
      <p>{t("digest.intro")}</p>
      {actionData?.saved ? (
        <p className="notice" role="status">
          {t("digest.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorSummary fields={[fields.digest]} />
        <fieldset className="field" aria-describedby={fields.digest.errors?.length ? fields.digest.errorId : undefined}>
          <legend id={fields.digest.id}>{t("digest.label")}</legend>
          {DIGEST_CHOICES.map((value) => {
            const { key, ...props } = getInputProps(fields.digest, { type: "radio", value, ariaAttributes: false });
            const id = `digest-${value}`;
            const hint = hints[value];
            return (
              <div key={value} className="choice">
                <input key={key} {...props} id={id} aria-describedby={hint ? `${id}-hint` : undefined} />
                <label htmlFor={id}>{t(`digest.${value}`)}</label>
                {hint ? (
                  <p id={`${id}-hint`} className="hint">
                    {hint}
                  </p>
                ) : null}
              </div>
            );
          })}
          <FieldErrors id={fields.digest.errorId} errors={fields.digest.errors} />
        </fieldset>
        <button type="submit" className="primary">
          {t("digest.save")}
        </button>
      </Form>
    </>
  );
}
