/**
 * Back-off for guessing passwords and for mass sign-ups, kept in SQLite so every server process
 * sees it (docs/decisions/003-login-throttle.md). A login attempt counts against three buckets:
 * - the account and address together: 5 free failures, then a growing wait. This is the one a
 *   guesser meets; the teacher at another computer is not slowed by it;
 * - the account alone: 50 free failures, against guessing one account from many addresses;
 * - the address alone: 30 free failures, because a whole staff room shares one school router.
 * After the free ones each further event doubles a lock that starts at 30 s, up to 15 minutes.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";

const PAIR_FREE_FAILURES = 5;
const ACCOUNT_FREE_FAILURES = 50;
const IP_FREE_FAILURES = 30;
/** A training day registers a room of teachers from one address; a script registers hundreds. */
const SIGNUPS_PER_IP_PER_HOUR = 20;
const FIRST_LOCK_MS = 30_000;
/** Past a quarter of an hour a locked-out teacher calls support instead; attackers gain little more. */
const MAX_LOCK_MS = 15 * 60_000;
/** Events older than this are forgotten. */
const MEMORY_MS = 60 * 60_000;

/** One counter: its key in the table and how many events it lets through before locking. */
export type Bucket = { key: string; free: number };

export type ThrottleKeys = { account: string; ip: string | null };

/** The buckets a password attempt counts against (login, and the current password when changing it). */
export function passwordBuckets({ account, ip }: ThrottleKeys): Bucket[] {
  if (!ip) return [{ key: `account:${account}`, free: PAIR_FREE_FAILURES }];
  return [
    { key: `pair:${account}|${ip}`, free: PAIR_FREE_FAILURES },
    { key: `account:${account}`, free: ACCOUNT_FREE_FAILURES },
    { key: `ip:${ip}`, free: IP_FREE_FAILURES },
  ];
}

/** New accounts made from one address. */
export function signupBuckets(ip: string | null): Bucket[] {
  return ip ? [{ key: `signup:${ip}`, free: SIGNUPS_PER_IP_PER_HOUR }] : [];
}

export function lockDuration(events: number, free: number): number {
  if (events < free) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (events - free), MAX_LOCK_MS);
}

/** When the caller may try again, or null if it may try now. */
export function lockedUntil(buckets: Bucket[], now: Date): Date | null {
  if (buckets.length === 0) return null;
  const rows = getDb()
    .select()
    .from(schema.loginThrottle)
    .where(
      inArray(
        schema.loginThrottle.key,
        buckets.map((b) => b.key),
      ),
    )
    .all();
  const until = rows
    .map((r) => r.lockedUntil)
    .filter((d): d is Date => d !== null && d.getTime() > now.getTime())
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return until ?? null;
}

/** Counts one event (a failed password, a sign-up) in every bucket. */
export function recordEvent(buckets: Bucket[], now: Date): void {
  if (buckets.length === 0) return;
  getDb().transaction((tx) => {
    for (const { key, free } of buckets) {
      const row = tx.select().from(schema.loginThrottle).where(eq(schema.loginThrottle.key, key)).get();
      const stale = !row || now.getTime() - row.lastFailureAt.getTime() > MEMORY_MS;
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

/**
 * The right password clears the account's counts (alone and at this address), never the address's:
 * one good account must not unlock an address that guesses at others.
 */
export function clearAccountFailures({ account, ip }: ThrottleKeys): void {
  const keys = [`account:${account}`, ...(ip ? [`pair:${account}|${ip}`] : [])];
  getDb().delete(schema.loginThrottle).where(inArray(schema.loginThrottle.key, keys)).run();
}

export function forgetOldFailures(now: Date): void {
  getDb()
    .delete(schema.loginThrottle)
    .where(sql`${schema.loginThrottle.lastFailureAt} < ${now.getTime() - MEMORY_MS}`)
    .run();
}
