/**
 * The permission predicates of permissions.ts, as a list or a search reads them: "what may this
 * viewer read" and "what does this user moderate", as an SQL condition (a drizzle fragment to put
 * in a `where`) and as a Meilisearch filter. Every list, search, digest and notification takes its
 * condition from here; visibility.test.ts (tests/integration) checks, for every role, that the rows
 * let through are exactly those `can("readNetwork")` and `can("reviewFlags")` allow.
 *
 * The viewer is given by id and looked up in the query itself, so that a suspension or a role
 * taken back counts at once (the session's copy of the user may be older):
 * - read: a public network, by anyone; a members-only one, by its members and admins, while not
 *   suspended (a suspended account reads like a guest);
 * - moderate: the networks where the user holds the moderator role, every network for an admin,
 *   nothing while suspended.
 */
import { and, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { getDb, schema } from "../../db/index";

const { networks, memberships, users } = schema;

/** A value in the query: a number, or a placeholder of a prepared statement (`sql.placeholder("user")`). */
type Param = number | SQLWrapper;
/** The network a row belongs to: its id and visibility columns (drizzle columns or `sql\`w.id\``). */
export type NetworkColumns = { id: SQLWrapper; visibility: SQLWrapper };

const NETWORK: NetworkColumns = { id: networks.id, visibility: networks.visibility };

const nowMs = (now: Date | SQLWrapper) => (now instanceof Date ? now.getTime() : now);

/** The viewer's users row, if the account is active (not suspended) at `now`. */
function activeViewer(viewerId: Param, now: Date | SQLWrapper, also: SQL): SQL {
  return sql`exists (select 1 from ${users} vu where vu.id = ${viewerId}
    and (vu.suspended_until is null or vu.suspended_until <= ${nowMs(now)}) and ${also})`;
}

/** SQL: the viewer may read the network (can("readNetwork")). Guests: public networks only. */
export function readableNetwork(viewerId: number | null, network: NetworkColumns = NETWORK, now: Date = new Date()): SQL {
  const open = sql`${network.visibility} = 'public'`;
  if (viewerId === null) return open;
  const admitted = sql`(vu.is_admin = 1 or exists (select 1 from ${memberships} vm where vm.user_id = vu.id and vm.network_id = ${network.id}))`;
  return sql`(${open} or ${activeViewer(viewerId, now, admitted)})`;
}

/**
 * SQL: the user moderates the network (can("reviewFlags") and the rest of moderation): the
 * moderator role there, or admin; never while suspended.
 */
export function moderatedNetwork(userId: Param | null, networkId: SQLWrapper = networks.id, now: Date | SQLWrapper = new Date()): SQL {
  if (userId === null) return sql`0`;
  const role = sql`(vu.is_admin = 1 or exists (select 1 from ${memberships} vm where vm.user_id = vu.id and vm.network_id = ${networkId} and vm.is_moderator = 1))`;
  return activeViewer(userId, now, role);
}

type Account = { isAdmin: boolean; suspended: boolean };

function account(userId: number, now: Date): Account | null {
  const row = getDb().select({ isAdmin: users.isAdmin, until: users.suspendedUntil }).from(users).where(eq(users.id, userId)).get();
  return row ? { isAdmin: row.isAdmin, suspended: row.until !== null && row.until.getTime() > now.getTime() } : null;
}

function networkIds(userId: number, moderatorOnly: boolean): number[] {
  return getDb()
    .select({ id: memberships.networkId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), moderatorOnly ? eq(memberships.isModerator, true) : undefined))
    .all()
    .map((m) => m.id);
}

/** The Meilisearch filter for readableNetwork (documents carry `visibility` and `networkId`); null: no filter (admins). */
export function readableFilter(viewerId: number | null, now: Date = new Date()): string | null {
  const who = viewerId === null ? null : account(viewerId, now);
  if (!who || who.suspended) return `visibility = "public"`;
  if (who.isAdmin) return null;
  const ids = networkIds(viewerId!, false);
  return ids.length ? `(visibility = "public" OR networkId IN [${ids.join(", ")}])` : `visibility = "public"`;
}

/** The Meilisearch filter for moderatedNetwork; null: no filter (admins). */
export function moderatedFilter(userId: number | null, now: Date = new Date()): string | null {
  const who = userId === null ? null : account(userId, now);
  if (!who || who.suspended) return `networkId IN []`;
  if (who.isAdmin) return null;
  return `networkId IN [${networkIds(userId!, true).join(", ")}]`;
}
