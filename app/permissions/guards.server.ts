/**
 * Every guard a route starts with, in one place: who is asking, and may they? Each builds the
 * permission context the server really builds and asks the predicates of permissions.ts; a
 * refusal is a thrown 403 (app/http/responses.server.ts) for the route's error boundary.
 * Signing in is app/auth (`requireUser` sends a guest to the login page, not a 403).
 */
import type { User } from "lucia";
import { getAuth, requireUser } from "~/auth/auth.server";
import { courseContext } from "~/courses/context.server";
import { courseOr404, type Course } from "~/courses/courses.server";
import { forbidden } from "~/http/responses.server";
import { moderatedNetworks, type ModeratedNetwork } from "~/moderation/scope.server";
import { networkOr404, type Network } from "~/networks/networks.server";
import { contextFor } from "./context.server";
import { can, type Action, type Context, type NetworkScope } from "./permissions";

/** Throws 403 unless the user may do the action; returns the context for reuse. */
export function assertCan(action: Action, context: Context): Context {
  if (!can(action, context)) throw forbidden();
  return context;
}

export async function requirePermission(
  request: Request,
  action: Action,
  network?: NetworkScope & { id: number },
): Promise<{ user: User; context: Context }> {
  const user = await requireUser(request);
  const context = assertCan(action, contextFor(user, network));
  return { user, context };
}

export async function requireAdmin(request: Request): Promise<User> {
  return (await requirePermission(request, "viewAdminArea")).user;
}

export type ModeratorScope = { user: User; networks: ModeratedNetwork[]; isAdmin: boolean };

/**
 * The moderator guard every moderation route calls (tests/integration/moderation-guard.test.ts
 * lists those routes and fails when one does not). Throws 403 unless the signed-in user
 * moderates the given network — or, without a network, at least one network.
 */
export async function requireModerator(request: Request): Promise<ModeratorScope>;
export async function requireModerator(
  request: Request,
  network: NetworkScope & { id: number },
  action?: Action,
): Promise<ModeratorScope & { context: Context }>;
export async function requireModerator(
  request: Request,
  network?: NetworkScope & { id: number },
  action: Action = "reviewFlags",
): Promise<ModeratorScope & { context?: Context }> {
  const user = await requireUser(request);
  const base = contextFor(user);
  if (!base.actor || base.actor.suspended) throw forbidden();
  const networks = moderatedNetworks(user.id);
  const scope = { user, networks, isAdmin: base.actor.isAdmin };
  if (network) return { ...scope, context: assertCan(action, contextFor(user, network)) };
  if (networks.length === 0) throw forbidden();
  return scope;
}

type CourseParams = { slug?: string; courseId?: string };

/**
 * What every course page anyone who may read the network may see starts with: the network and
 * course from the URL (404 when either is missing or the course belongs to another network),
 * the reader, and their permission context.
 */
export async function readCourse(request: Request, params: CourseParams) {
  const network = networkOr404(params.slug);
  const course = courseOr404(network.id, params.courseId);
  const auth = await getAuth(request);
  const context = courseContext(auth.user, network, course);
  if (!can("readNetwork", context)) throw forbidden("courses.errors.membersOnly");
  return { network, course, user: auth.user, headers: auth.headers, context };
}

/** For the curator's pages and every change to a course: signed in, and allowed the action. */
export async function requireCourse(
  request: Request,
  params: CourseParams,
  action: Action,
): Promise<{ network: Network; course: Course; user: User; context: Context }> {
  const network = networkOr404(params.slug);
  const course = courseOr404(network.id, params.courseId);
  const user = await requireUser(request);
  const context = assertCan(action, courseContext(user, network, course));
  return { network, course, user, context };
}
