import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { openNotification } from "~/notifications/notifications.server";
import { notFound } from "~/http/responses.server";

/**
 * A notification's link: marks it read and goes to what it is about (GitHub's way, so the
 * bell's count drops as the teacher reads, without JavaScript). Someone else's, or one about
 * something no longer visible, is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = Number(params.id);
  const target = Number.isSafeInteger(id) && id > 0 ? openNotification(user.id, id) : undefined;
  if (!target) throw notFound();
  return redirect(target);
}
