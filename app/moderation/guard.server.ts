/**
 * The moderator guard every moderation route calls (tests/integration/moderation-guard.test.ts
 * lists those routes and fails when one does not). Throws 403 unless the signed-in user
 * moderates the given network — or, without a network, at least one network.
 */
import type { User } from "lucia";
import { requireUser } from "~/auth/auth.server";
import { assertCan, contextFor, forbidden } from "~/permissions/guards.server";
import type { Action, Context, NetworkScope } from "~/permissions/permissions";
import { moderatedNetworks, type ModeratedNetwork } from "./scope.server";

export type ModeratorScope = { user: User; networks: ModeratedNetwork[]; isAdmin: boolean };

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
