import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser, safeRedirect } from "~/auth/auth.server";
import { isLocale } from "~/i18n/i18n";
import { localeCookie } from "~/i18n/i18next.server";
import { setLocale } from "~/users/users.server";
import { parseOrBadRequest } from "~/http/responses.server";
import { languageSchema } from "~/users/schemas";

export async function loader() {
  return redirect("/");
}

/** The choice sticks: a year-long cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const { lng, redirectTo } = parseOrBadRequest(await request.formData(), languageSchema);
  const back = safeRedirect(redirectTo ?? null);
  if (!isLocale(lng)) return redirect(back);
  const user = await getUser(request);
  if (user) setLocale(user.id, lng);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}
