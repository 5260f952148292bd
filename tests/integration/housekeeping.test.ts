/** The server's hourly clean-up, against the worker's real SQLite file, with the clock in the test's hands. */
import { inArray, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { housekeeping } from "~/housekeeping.server";

const NOW = new Date("2031-06-02T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("housekeeping", () => {
  it("drops delivered outbox rows a week old and keeps newer and undelivered ones", async () => {
    const db = getDb();
    const row = (deliveredAt: Date | null, createdAt: Date) =>
      db
        .insert(schema.searchOutbox)
        .values({ entity: "thread", entityId: 1, deliveredAt, createdAt })
        .returning({ id: schema.searchOutbox.id })
        .get().id;
    const old = row(ago(8 * DAY), ago(8 * DAY));
    const recent = row(ago(6 * DAY), ago(6 * DAY));
    const stuck = row(null, ago(30 * DAY));
    await housekeeping(NOW);
    const left = db
      .select({ id: schema.searchOutbox.id })
      .from(schema.searchOutbox)
      .where(inArray(schema.searchOutbox.id, [old, recent, stuck]))
      .all();
    expect(left.map((r) => r.id).sort((a, b) => a - b)).toEqual([recent, stuck]);
  });

  it("forgets login failures the throttle no longer counts, keeps the last hour's", async () => {
    const db = getDb();
    const key = (name: string) => `account:housekeeping-${name}@example.org`;
    db.insert(schema.loginThrottle)
      .values([
        { key: key("old"), failures: 3, lastFailureAt: ago(2 * HOUR) },
        { key: key("fresh"), failures: 6, lastFailureAt: ago(10 * 60_000), lockedUntil: new Date(NOW.getTime() + 60_000) },
      ])
      .run();
    await housekeeping(NOW);
    const left = db
      .select({ key: schema.loginThrottle.key })
      .from(schema.loginThrottle)
      .where(like(schema.loginThrottle.key, "account:housekeeping-%"))
      .all();
    expect(left.map((r) => r.key)).toEqual([key("fresh")]);
  });
});
