import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser, safeRedirect } from "~/auth/auth.server";
import { isLocale } from "~/i18n/i18n";
import { localeCookie } from "~/i18n/i18next.server";
import { setLocale } from "~/users/users.server";

export async function loader() {
  return redirect("/");
}

/** The choice sticks: a year-long cookie, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const lng = formData.get("lng");
  const back = safeRedirect(formData.get("redirectTo"));
  if (!isLocale(lng)) return redirect(back);
  const user = await getUser(request);
  if (user) setLocale(user.id, lng);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}
