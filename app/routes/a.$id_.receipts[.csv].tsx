import type { LoaderFunctionArgs } from "@remix-run/node";
import { announcementOr404 } from "~/announcements/access.server";
import { receiptsCsv } from "~/announcements/csv.server";
import { requireUser } from "~/auth/auth.server";
import { getLocale, getT } from "~/i18n/i18next.server";
import { assertCan } from "~/permissions/guards.server";

/** The receipts as a spreadsheet: name, email, school, acknowledged yes/no, when (in the network's time zone). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { announcement, network, context } = announcementOr404(params.id, user);
  assertCan("viewReceipts", context);
  const t = await getT(request);
  return new Response(receiptsCsv(announcement, network.timeZone, t, await getLocale(request)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="announcement-${announcement.id}-receipts.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
