/**
 * Rows that have done their work, dropped by the server's hourly job (boot.server.ts): delivered
 * search-outbox rows once a week old (kept that long to diagnose the index), login failures once
 * the throttle has forgotten them (an hour), files nobody needs (app/files/purge.server.ts). Each is one DELETE with a time condition, so two
 * processes running it at the same moment delete nothing twice and wait on the busy timeout.
 */
import { pruneDelivered } from "../search/worker";
import { forgetOldFailures } from "~/auth/throttle.server";
import { purgeFiles } from "~/files/purge.server";

/** Often enough that each DELETE is an hour's worth of rows, not a month's. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;

export async function housekeeping(now: Date): Promise<void> {
  pruneDelivered(now);
  forgetOldFailures(now);
  await purgeFiles(now);
}
