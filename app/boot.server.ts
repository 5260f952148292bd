/**
 * Start-up of the server process, run once when the server bundle loads:
 * the environment is checked, migrations applied, search and the background jobs started.
 * Demo data is seeded before this, by server.mjs in demo mode (app/cli/demo.ts).
 */
import { connection, databasePath } from "../db/index";
import { startSearch } from "../search/start";
import { startDigestJob } from "~/digest/mailer.server";
import { sweepDeadlines } from "~/mentoring/escalation.server";
import { remindToAccept } from "~/threads/accept.server";
// Loading the environment module checks it: a bad value stops start-up here.
import "~/env.server";
import { housekeeping, HOUSEKEEPING_INTERVAL_MS } from "~/housekeeping.server";

/** Background jobs run in the server process; each is safe to run twice at once. */
const REMINDER_INTERVAL_MS = 10 * 60_000;
/** A missed deadline is acted on within a minute, also right after a restart. */
const DEADLINE_SWEEP_INTERVAL_MS = 60_000;
/** A server restarted more often than hourly still cleans up. */
const FIRST_HOUSEKEEPING_DELAY_MS = 60_000;

function startJobs(): void {
  const run = () => {
    try {
      remindToAccept(new Date());
    } catch (error) {
      console.error("accept reminders failed", error);
    }
  };
  setInterval(run, REMINDER_INTERVAL_MS).unref();
  let sweeping = false;
  // After an outage there may be thousands overdue: time-boxed sweeps with the event loop free in between.
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      while (sweepDeadlines(new Date()).more) await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      console.error("mentor deadline sweep failed", error);
    } finally {
      sweeping = false;
    }
  };
  setInterval(() => void sweep(), DEADLINE_SWEEP_INTERVAL_MS).unref();
  // Delivered outbox rows and forgotten login failures would otherwise pile up for ever.
  const tidy = () => {
    housekeeping(new Date()).catch((error: unknown) => console.error("housekeeping failed", error));
  };
  setTimeout(tidy, FIRST_HOUSEKEEPING_DELAY_MS).unref();
  setInterval(tidy, HOUSEKEEPING_INTERVAL_MS).unref();
  // Email digests, only when SMTP_URL is set (app/digest; claims make two processes harmless).
  startDigestJob();
}

export async function boot(): Promise<void> {
  connection();
  startSearch(databasePath(), (message) => console.log(message));
  startJobs();
}

/** For load balancers and the bench: the database answers. */
export function healthCheck(): boolean {
  return connection().sqlite.prepare("select 1 as ok").get() !== undefined;
}

/**
 * A value that changes with every commit to the database: data_version moves when another
 * connection commits, total_changes() when this one does. The anonymous page cache in
 * server.mjs keys on it.
 */
export function dataVersion(): string {
  const { sqlite } = connection();
  const version = sqlite.pragma("data_version", { simple: true }) as number;
  const changes = sqlite.prepare("select total_changes()").pluck().get() as number;
  return `${version}:${changes}`;
}
