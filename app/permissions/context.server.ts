/**
 * Who is acting, as the permission predicates read it: the account's standing in the network,
 * looked up fresh. Guards (guards.server.ts) and the nouns that add their own scope
 * (courses/context.server.ts, announcements) build on it.
 */
import type { User } from "lucia";
import { actorOf, standingIn } from "~/networks/networks.server";
import type { Context, NetworkScope } from "./permissions";

/** The permission context of a user in a network (or site-wide when network is omitted). */
export function contextFor(user: User | null, network?: NetworkScope & { id: number }): Context {
  const actor = user ? actorOf(user.id) : null;
  if (!network) return { actor };
  return { actor, network, standing: actor ? standingIn(actor.id, network.id) : null };
}
