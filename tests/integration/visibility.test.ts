/**
 * The SQL conditions and Meilisearch filters of app/permissions/visibility.server.ts agree with the
 * predicates they stand for, for every role, on a real SQLite database with public and members-only
 * networks and a real Meilisearch index: the networks (and threads) a condition lets through are
 * exactly those `can("readNetwork")` allows, and the networks "moderated" exactly those where
 * `can("reviewFlags")` holds (the moderation actions all hang on the same moderator-or-admin rule).
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { threadsIndex } from "../../search/client";
import { ensureIndex } from "../../search/reindex";
import { drain } from "../../search/worker";
import { isModeratorAnywhere, moderatedNetworks } from "~/moderation/scope.server";
import { contextFor } from "~/permissions/context.server";
import { can } from "~/permissions/permissions";
import { moderatedFilter, moderatedNetwork, readableFilter, readableNetwork } from "~/permissions/visibility.server";
import { readableThreadIds } from "~/search/queries.server";
import { createThread } from "~/threads/threads.server";
import { DAY_MS } from "~/utils/zoned-time";
import { asUser, makeNetwork, makeUser } from "./helpers";

type Network = ReturnType<typeof makeNetwork>;
type Account = Awaited<ReturnType<typeof makeUser>>;

let networks: Network[];
/** Every role, as real accounts (null: a guest). */
let roles: Record<string, Account | null>;
/** One live and one removed thread in each network. */
const threadsOf = new Map<number, { live: number; removed: number }>();

function join(user: Account, network: Network, role: { mentor?: boolean; moderator?: boolean; silenced?: boolean } = {}) {
  getDb()
    .insert(schema.memberships)
    .values({
      userId: user.id,
      networkId: network.id,
      isMentor: role.mentor ?? false,
      isModerator: role.moderator ?? false,
      silencedUntil: role.silenced ? new Date(Date.now() + DAY_MS) : null,
    })
    .run();
}

function suspend(user: Account, until: Date) {
  getDb().update(schema.users).set({ suspendedUntil: until }).where(eq(schema.users.id, user.id)).run();
}

beforeAll(async () => {
  await ensureIndex();
  const [open, otherOpen, closed, otherClosed] = [
    makeNetwork("public"),
    makeNetwork("public"),
    makeNetwork("members"),
    makeNetwork("members"),
  ];
  networks = [open, otherOpen, closed, otherClosed];
  const account = () => makeUser();
  roles = {
    guest: null,
    /** Signed in, a member of nothing yet. */
    newcomer: await account(),
    member: await account(),
    silencedMember: await account(),
    mentor: await account(),
    moderator: await account(),
    /** Moderator of the other members-only network only. */
    moderatorElsewhere: await account(),
    suspendedMember: await account(),
    suspendedModerator: await account(),
    /** A suspension that has run out: an ordinary member again. */
    formerlySuspended: await account(),
    admin: await makeUser({ isAdmin: true }),
    suspendedAdmin: await makeUser({ isAdmin: true }),
  };
  const r = roles as Record<string, Account>;
  join(r.member!, open);
  join(r.member!, closed);
  join(r.silencedMember!, closed, { silenced: true });
  join(r.mentor!, closed, { mentor: true });
  join(r.moderator!, open, { moderator: true });
  join(r.moderator!, closed, { moderator: true });
  join(r.moderator!, otherClosed);
  join(r.moderatorElsewhere!, otherClosed, { moderator: true });
  join(r.suspendedMember!, closed);
  join(r.suspendedModerator!, closed, { moderator: true });
  join(r.formerlySuspended!, closed);
  suspend(r.suspendedMember!, new Date(Date.now() + DAY_MS));
  suspend(r.suspendedModerator!, new Date(Date.now() + DAY_MS));
  suspend(r.suspendedAdmin!, new Date(Date.now() + DAY_MS));
  suspend(r.formerlySuspended!, new Date(Date.now() - DAY_MS));

  const author = await makeUser();
  const later = new Date(Date.now() + 3 * DAY_MS);
  for (const network of networks) {
    const ids = ["Живая тема", "Удалённая тема"].map((title) => {
      const result = createThread(
        {
          kind: "discussion",
          title: `${title} сети ${network.id}`,
          body: `${title} сети ${network.id}: текст темы для проверки видимости.`,
          tags: ["общее"],
          networkId: network.id,
          authorId: author.id,
          exemptFromRateLimit: true,
        },
        later,
      );
      if (!result.ok) throw new Error(result.error);
      return result.thread.id;
    });
    getDb().update(schema.threads).set({ deletedAt: new Date() }).where(eq(schema.threads.id, ids[1]!)).run();
    threadsOf.set(network.id, { live: ids[0]!, removed: ids[1]! });
  }
  await drain();
});

const ours = () => networks.map((n) => n.id);
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

/** The networks of this test where the predicate holds for the role. */
function allowed(account: Account | null, action: "readNetwork" | "reviewFlags"): number[] {
  return networks.filter((n) => can(action, contextFor(account ? asUser(account) : null, n))).map((n) => n.id);
}

function passedBy(condition: ReturnType<typeof readableNetwork>): number[] {
  const rows = getDb()
    .select({ id: schema.networks.id })
    .from(schema.networks)
    .where(and(inArray(schema.networks.id, ours()), condition))
    .all();
  return sorted(rows.map((r) => r.id));
}

/** The networks of the threads Meilisearch returns under the filter. */
async function foundUnder(filter: string | null): Promise<number[]> {
  const response = await threadsIndex().search("", {
    filter: [filter, `networkId IN [${ours().join(", ")}]`].filter(Boolean).join(" AND "),
    limit: 100,
    attributesToRetrieve: ["id", "networkId"],
  });
  return sorted(new Set(response.hits.map((h) => h.networkId as number)));
}

describe("what a viewer may read", () => {
  it("the fixtures cover both kinds of network, and the roles disagree (the comparison below is not vacuous)", () => {
    expect(allowed(roles.guest!, "readNetwork")).toHaveLength(2);
    expect(allowed(roles.admin!, "readNetwork")).toHaveLength(4);
    expect(allowed(roles.suspendedAdmin!, "readNetwork")).toHaveLength(2);
    expect(allowed(roles.member!, "readNetwork")).toHaveLength(3);
  });

  it("SQL lets through exactly the networks can('readNetwork') allows, for every role", () => {
    for (const [role, account] of Object.entries(roles)) {
      expect(passedBy(readableNetwork(account?.id ?? null)), role).toEqual(sorted(allowed(account, "readNetwork")));
    }
  });

  it("search's check of its hits lets through the readable networks' threads, never a removed one", () => {
    const all = [...threadsOf.values()].flatMap((t) => [t.live, t.removed]);
    for (const [role, account] of Object.entries(roles)) {
      const viewer = account ? { id: account.id, isAdmin: account.isAdmin } : null;
      const expected = allowed(account, "readNetwork").map((id) => threadsOf.get(id)!.live);
      expect(sorted(readableThreadIds(all, viewer)), role).toEqual(sorted(expected));
    }
  });

  it("the Meilisearch filter finds exactly the readable networks' threads, for every role", async () => {
    for (const [role, account] of Object.entries(roles)) {
      expect(await foundUnder(readableFilter(account?.id ?? null)), role).toEqual(sorted(allowed(account, "readNetwork")));
    }
  });
});

describe("what a user moderates", () => {
  it("the fixtures moderate something and not everything", () => {
    expect(allowed(roles.moderator!, "reviewFlags")).toHaveLength(2);
    expect(allowed(roles.admin!, "reviewFlags")).toHaveLength(4);
    expect(allowed(roles.suspendedModerator!, "reviewFlags")).toEqual([]);
  });

  it("SQL lets through exactly the networks where can('reviewFlags') holds, for every role", () => {
    for (const [role, account] of Object.entries(roles)) {
      expect(passedBy(moderatedNetwork(account?.id ?? null)), role).toEqual(sorted(allowed(account, "reviewFlags")));
    }
  });

  it("the moderation pages' list of networks and the header's link agree", () => {
    for (const [role, account] of Object.entries(roles)) {
      if (!account) continue;
      const listed = moderatedNetworks(account.id)
        .map((n) => n.id)
        .filter((id) => ours().includes(id));
      expect(sorted(listed), role).toEqual(sorted(allowed(account, "reviewFlags")));
      expect(isModeratorAnywhere(account), role).toBe(allowed(account, "reviewFlags").length > 0);
    }
  });

  it("the Meilisearch filter finds exactly the moderated networks' threads, for every role", async () => {
    for (const [role, account] of Object.entries(roles)) {
      expect(await foundUnder(moderatedFilter(account?.id ?? null)), role).toEqual(sorted(allowed(account, "reviewFlags")));
    }
  });
});
