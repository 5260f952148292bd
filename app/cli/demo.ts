/**
 * The demo-mode step before the server starts: `node server.mjs --demo` (`npm run demo`) runs
 * this with tsx, then loads the build, so the demo data never ships in the server bundle
 * (docs/decisions/013 and 021). Seeds an empty database (DATABASE_PATH, or data/kollegi.db)
 * with demo networks, accounts, threads, mentoring history and a course, and writes the
 * generated passwords to demo-accounts.txt beside it; a database with data is left alone.
 */
import { closeDatabase } from "../../db/index";
// A bad environment stops the demo before it writes anything, as it would stop the server.
import "~/env.server";
import { seedDemoData } from "~/demo/seed.server";

try {
  await seedDemoData();
} finally {
  closeDatabase();
}
