import { and, asc, count, eq, like, or, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { claimInvites } from "~/courses/invites.server";
import type { Actor, Standing } from "~/permissions/permissions";
import type { NetworkInput } from "./schemas";
import { notFound } from "~/http/responses.server";
import type { MessageKey } from "~/i18n/keys";

const { networks, memberships, users } = schema;

export type Network = typeof networks.$inferSelect;
export type NetworkSummary = Pick<Network, "id" | "slug" | "name" | "region" | "timeZone" | "visibility"> & {
  memberCount: number;
};

const summaryColumns = {
  id: networks.id,
  slug: networks.slug,
  name: networks.name,
  region: networks.region,
  timeZone: networks.timeZone,
  visibility: networks.visibility,
  memberCount: sql<number>`(select count(*) from ${memberships} where ${memberships.networkId} = ${networks.id})`,
};

export function listNetworks(): NetworkSummary[] {
  return getDb().select(summaryColumns).from(networks).orderBy(asc(networks.name)).all();
}

export function listNetworksOf(userId: number): NetworkSummary[] {
  return getDb()
    .select(summaryColumns)
    .from(networks)
    .innerJoin(memberships, and(eq(memberships.networkId, networks.id), eq(memberships.userId, userId)))
    .orderBy(asc(networks.name))
    .all();
}

export function getNetworkBySlug(slug: string): Network | undefined {
  return getDb().select().from(networks).where(eq(networks.slug, slug)).get();
}

export function getNetworkById(id: number): Network | undefined {
  return getDb().select().from(networks).where(eq(networks.id, id)).get();
}

export function actorOf(userId: number, now = new Date()): Actor | null {
  const row = getDb()
    .select({ id: users.id, isAdmin: users.isAdmin, suspendedUntil: users.suspendedUntil })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!row) return null;
  return {
    id: row.id,
    isAdmin: row.isAdmin,
    suspended: row.suspendedUntil !== null && row.suspendedUntil.getTime() > now.getTime(),
  };
}

export function standingIn(userId: number, networkId: number, now = new Date()): Standing {
  const row = getDb()
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.networkId, networkId)))
    .get();
  if (!row) return null;
  return {
    mentor: row.isMentor,
    moderator: row.isModerator,
    silenced: row.silencedUntil !== null && row.silencedUntil.getTime() > now.getTime(),
  };
}

export type CreateNetworkResult = { ok: true; network: Network } | { ok: false; field: "slug"; error: MessageKey };

export function createNetwork(input: NetworkInput): CreateNetworkResult {
  const db = getDb();
  return db.transaction((tx) => {
    const taken = tx.select({ id: networks.id }).from(networks).where(eq(networks.slug, input.slug)).get();
    if (taken) return { ok: false as const, field: "slug" as const, error: "errors.slugTaken" };
    const network = tx.insert(networks).values(input).returning().get();
    return { ok: true as const, network };
  });
}

/** Joining (or being added) also enrols the member in the network's courses whose list holds their email. */
export function joinNetwork(userId: number, networkId: number): void {
  getDb().transaction((tx) => {
    tx.insert(memberships).values({ userId, networkId }).onConflictDoNothing().run();
    claimInvites(tx, userId);
  });
}

/** Leaving drops the roles with the membership; a home network left is no longer home. */
export function leaveNetwork(userId: number, networkId: number): void {
  getDb().transaction((tx) => {
    tx.delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.networkId, networkId)))
      .run();
    tx.update(users)
      .set({ homeNetworkId: null })
      .where(and(eq(users.id, userId), eq(users.homeNetworkId, networkId)))
      .run();
  });
}

/** Returns false when the user is not a member (roles are held within a network). */
export function setRole(networkId: number, userId: number, role: "mentor" | "moderator", grant: boolean): boolean {
  const column = role === "mentor" ? { isMentor: grant } : { isModerator: grant };
  const result = getDb()
    .update(memberships)
    .set(column)
    .where(and(eq(memberships.userId, userId), eq(memberships.networkId, networkId)))
    .run();
  return result.changes > 0;
}

export type Member = {
  userId: number;
  displayName: string;
  email: string;
  school: string;
  isMentor: boolean;
  isModerator: boolean;
};

const MEMBER_PAGE = 50;

/** Moderators and mentors first, then by name; a query narrows by name or email. */
export function listMembers(networkId: number, query = ""): { members: Member[]; total: number } {
  const db = getDb();
  const pattern = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const where = and(
    eq(memberships.networkId, networkId),
    query ? or(sql`${users.displayName} like ${pattern} escape '\\'`, like(users.email, pattern.toLowerCase())) : undefined,
  );
  const members = db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      school: users.school,
      isMentor: memberships.isMentor,
      isModerator: memberships.isModerator,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    .orderBy(sql`${memberships.isModerator} desc`, sql`${memberships.isMentor} desc`, asc(users.displayName))
    .limit(MEMBER_PAGE)
    .all();
  const total = db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where).get()!.n;
  return { members, total };
}

/** Names shown on the network page; larger networks show the first few and a count. */
const STAFF_SHOWN = 8;

export function staffOf(networkId: number): { mentors: string[]; moderators: string[]; mentorCount: number; moderatorCount: number } {
  const db = getDb();
  const named = (column: typeof memberships.isMentor | typeof memberships.isModerator) => {
    // A literal 1 (not a bound parameter) lets SQLite use the partial staff indexes.
    const where = and(eq(memberships.networkId, networkId), sql`${column} = 1`);
    const names = db
      .select({ name: users.displayName })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(asc(users.displayName))
      .limit(STAFF_SHOWN)
      .all()
      .map((r) => r.name);
    const total = db.select({ n: count() }).from(memberships).where(where).get()!.n;
    return { names, total };
  };
  const mentors = named(memberships.isMentor);
  const moderators = named(memberships.isModerator);
  return { mentors: mentors.names, mentorCount: mentors.total, moderators: moderators.names, moderatorCount: moderators.total };
}

/** Members-only networks grow by invitation: a moderator or admin adds a registered teacher. */
export function addMemberByEmail(networkId: number, email: string): { ok: true } | { ok: false; error: MessageKey } {
  const db = getDb();
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!user) return { ok: false, error: "errors.unknownEmail" };
  joinNetwork(user.id, networkId);
  return { ok: true };
}

/** The network a route is about, or a 404 for the route's error boundary. */
export function networkOr404(slug: string | undefined): Network {
  const network = slug ? getNetworkBySlug(slug) : undefined;
  if (!network) throw notFound();
  return network;
}
