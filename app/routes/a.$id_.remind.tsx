import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { announcementOr404 } from "~/announcements/access.server";
import { remind } from "~/announcements/announcements.server";
import { requireUser } from "~/auth/auth.server";
import { forbidden } from "~/http/responses.server";
import { announcementPath } from "~/paths";
import { can, refusedAsWithdrawn } from "~/permissions/permissions";

/** A withdrawn announcement asks nothing of anyone; the refusal says so (the page shows no button then). */
const withdrawnRefusal = () => forbidden("announcements.errors.remindWithdrawn");

/** "Remind those who have not read it": one round at most per REMINDER_SPACING_MS; the page says which happened. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { announcement, context } = announcementOr404(params.id, user);
  if (!can("remindAnnouncement", context)) throw refusedAsWithdrawn("remindAnnouncement", context) ? withdrawnRefusal() : forbidden();
  // Withdrawn since the check: the domain call checks again, in its transaction.
  const result = remind(announcement.id);
  if (!result.ok && result.reason === "withdrawn") throw withdrawnRefusal();
  const query = result.ok ? { reminded: result.reminded } : { tooSoon: result.nextAt.getTime() };
  return redirect(announcementPath(announcement.id, query, "receipts"));
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(announcementPath(Number(params.id) || 0));
}
