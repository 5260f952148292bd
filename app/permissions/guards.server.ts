import { json } from "@remix-run/node";
import type { User } from "lucia";
import { requireUser } from "~/auth/auth.server";
import { actorOf, standingIn } from "~/networks/networks.server";
import { can, type Action, type Context, type NetworkScope } from "./permissions";

export function forbidden(): Response {
  return json({ message: "forbidden" }, { status: 403 });
}

/** The permission context of a user in a network (or site-wide when network is omitted). */
export function contextFor(user: User | null, network?: NetworkScope & { id: number }): Context {
  const actor = user ? actorOf(user.id) : null;
  if (!network) return { actor };
  return { actor, network, standing: actor ? standingIn(actor.id, network.id) : null };
}

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
