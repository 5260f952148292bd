import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { announcementOr404 } from "~/announcements/access.server";
import { acknowledge } from "~/announcements/announcements.server";
import { requireUser, safeRedirect } from "~/auth/auth.server";
import { forbidden } from "~/http/responses.server";
import { announcementPath } from "~/paths";
import { can, refusedAsWithdrawn } from "~/permissions/permissions";

/**
 * "I have read this", from the announcement page or the banner on any page; back to where it was pressed.
 * Pressed on a banner that was withdrawn meanwhile: to the announcement, which says so.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { announcement, context } = announcementOr404(params.id, user);
  if (!can("acknowledgeAnnouncement", context)) {
    if (refusedAsWithdrawn("acknowledgeAnnouncement", context)) return redirect(announcementPath(announcement.id));
    throw forbidden();
  }
  acknowledge(announcement.id, user.id);
  const formData = await request.formData();
  return redirect(safeRedirect(formData.get("redirectTo"), announcementPath(announcement.id, { acknowledged: true })));
}

/** Nothing to show here: a link or a reload lands on the announcement. */
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(announcementPath(Number(params.id) || 0));
}
