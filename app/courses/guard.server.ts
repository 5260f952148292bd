/**
 * What every course route starts with: the network and course from the URL (404 when either is
 * missing or the course belongs to another network), the reader, and their permission context.
 */
import { json } from "@remix-run/node";
import type { User } from "lucia";
import { getAuth, requireUser } from "~/auth/auth.server";
import { networkOr404, type Network } from "~/networks/networks.server";
import { assertCan } from "~/permissions/guards.server";
import { can, type Action, type Context } from "~/permissions/permissions";
import { courseContext } from "./context.server";
import { courseOr404, type Course } from "./courses.server";

type Params = { slug?: string; courseId?: string };

/** A 403 whose message (an i18n key) the error boundary shows instead of the generic one. */
export function refuse(messageKey: string): Response {
  return json({ message: messageKey }, { status: 403 });
}

/** For pages anyone who may read the network may see. */
export async function readCourse(request: Request, params: Params) {
  const network = networkOr404(params.slug);
  const course = courseOr404(network.id, params.courseId);
  const auth = await getAuth(request);
  const context = courseContext(auth.user, network, course);
  if (!can("readNetwork", context)) throw refuse("courses.errors.membersOnly");
  return { network, course, user: auth.user, headers: auth.headers, context };
}

/** For the curator's pages and every change: signed in, and allowed the action. */
export async function requireCourse(
  request: Request,
  params: Params,
  action: Action,
): Promise<{ network: Network; course: Course; user: User; context: Context }> {
  const network = networkOr404(params.slug);
  const course = courseOr404(network.id, params.courseId);
  const user = await requireUser(request);
  const context = assertCan(action, courseContext(user, network, course));
  return { network, course, user, context };
}
