/**
 * Login back-off, per account and per IP, kept in SQLite so every server process sees it.
 * Many teachers of one school share an IP address behind the same router, so the IP
 * threshold is far higher than the account one.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";

const ACCOUNT_FREE_FAILURES = 5;
const IP_FREE_FAILURES = 30;
const FIRST_LOCK_MS = 30_000;
/** Past a quarter of an hour a locked-out teacher calls support instead; attackers gain little more. */
const MAX_LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const FAILURE_MEMORY_MS = 60 * 60_000;

export type ThrottleKeys = { account: string; ip: string | null };

function keysOf({ account, ip }: ThrottleKeys): string[] {
  return ip ? [`account:${account}`, `ip:${ip}`] : [`account:${account}`];
}

export function lockDuration(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - freeFailures), MAX_LOCK_MS);
}

/** When the caller may try again, or null if it may try now. */
export function lockedUntil(keys: ThrottleKeys, now: Date): Date | null {
  const rows = getDb()
    .select()
    .from(schema.loginThrottle)
    .where(inArray(schema.loginThrottle.key, keysOf(keys)))
    .all();
  const until = rows
    .map((r) => r.lockedUntil)
    .filter((d): d is Date => d !== null && d.getTime() > now.getTime())
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return until ?? null;
}

export function recordFailure(keys: ThrottleKeys, now: Date): void {
  const db = getDb();
  db.transaction((tx) => {
    for (const key of keysOf(keys)) {
      const free = key.startsWith("ip:") ? IP_FREE_FAILURES : ACCOUNT_FREE_FAILURES;
      const row = tx.select().from(schema.loginThrottle).where(eq(schema.loginThrottle.key, key)).get();
      const stale = !row || now.getTime() - row.lastFailureAt.getTime() > FAILURE_MEMORY_MS;
      const failures = stale ? 1 : row.failures + 1;
      const lock = lockDuration(failures, free);
      const values = {
        failures,
        lastFailureAt: now,
        lockedUntil: lock > 0 ? new Date(now.getTime() + lock) : null,
      };
      tx.insert(schema.loginThrottle)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: schema.loginThrottle.key, set: values })
        .run();
    }
  });
}

/** A successful login clears the account's count, never the IP's (one good account must not unlock an IP). */
export function clearAccountFailures(account: string): void {
  getDb().delete(schema.loginThrottle).where(eq(schema.loginThrottle.key, `account:${account}`)).run();
}

export function forgetOldFailures(now: Date): void {
  getDb()
    .delete(schema.loginThrottle)
    .where(sql`${schema.loginThrottle.lastFailureAt} < ${now.getTime() - FAILURE_MEMORY_MS}`)
    .run();
}
