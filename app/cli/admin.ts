/**
 * `npm run admin -- <email>`: makes a registered user an administrator
 * (the first admin of a fresh install has no one else to grant it).
 * `npm run admin -- --revoke <email>` takes it back.
 */
import { eq } from "drizzle-orm";
import { closeDatabase, getDb, schema } from "../../db/index";

const args = process.argv.slice(2);
const revoke = args.includes("--revoke");
const email = args
  .find((a) => !a.startsWith("--"))
  ?.trim()
  .toLowerCase();

if (!email) {
  console.error("Usage: npm run admin -- [--revoke] <email>");
  process.exit(2);
}

const result = getDb().update(schema.users).set({ isAdmin: !revoke }).where(eq(schema.users.email, email)).run();
closeDatabase();

if (result.changes === 0) {
  console.error(`No account with the email ${email}. Register it first at /register, then run this again.`);
  process.exit(1);
}
console.log(revoke ? `${email} is no longer an administrator.` : `${email} is now an administrator.`);
