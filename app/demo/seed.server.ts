/**
 * The demo data, all of it, in the order each part needs the one before: networks and one
 * account of every role (accounts.server.ts), a few threads (threads.server.ts), ten weeks of
 * mentoring history (mentoring.server.ts, played from mentoring-stories.ts) and a course
 * (courses.server.ts). Run by `app/cli/demo.ts`, which server.mjs starts in demo mode before
 * it loads the build, so none of this is in the server bundle (docs/decisions/021).
 */
import { connection, databasePath } from "../../db/index";
import { hashPassword } from "~/auth/password.server";
import { demoAccountsFile, seedDemo, writeDemoAccounts, type DemoAccount } from "./accounts.server";
import { seedCoursesDemo } from "./courses.server";
import { seedMentoringDemo } from "./mentoring.server";
import { seedDemoThreads } from "./threads.server";

/**
 * Seeds an empty database and writes the accounts with their passwords beside it; a database
 * that has networks already is left as it is. Returns the accounts it made (none when it did not).
 */
export async function seedDemoData(log: (message: string) => void = console.log): Promise<DemoAccount[]> {
  const { db } = connection();
  const accounts = await seedDemo(db, hashPassword);
  if (accounts.length === 0) return accounts;
  await seedDemoThreads();
  accounts.push(...(await seedMentoringDemo(hashPassword)));
  seedCoursesDemo();
  const file = demoAccountsFile(databasePath());
  writeDemoAccounts(file, accounts);
  log(
    [
      "Kollegi: demo networks, accounts and threads created. The demo accounts (shown once; also in",
      `${file}, readable by you only):`,
      ...accounts.map((a) => `  ${a.email}  ${a.password}  ${a.role}`),
    ].join("\n"),
  );
  return accounts;
}
