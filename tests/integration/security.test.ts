/**
 * Regression tests for what an attack on a running copy found (issue 11): each one failed
 * before its fix.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, migrateDatabase, openDatabase, schema } from "../../db/index";
import { demoAccountsFile, seedDemo, writeDemoAccounts } from "../../db/seed";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { envSchema } from "~/env.server";
import { action as register, loader as registerLoader } from "~/routes/register";
import { form, get, makeNetwork, run, uniqueEmail } from "./helpers";

const GOOD_PASSWORD = "тёплый ветер над школой";

function signUp(homeNetwork: string, overrides: Record<string, string> = {}) {
  return form("/register", {
    email: uniqueEmail(),
    password: GOOD_PASSWORD,
    displayName: "Незнакомец",
    homeNetwork,
    school: "",
    subjects: "",
    ...overrides,
  });
}

describe("members-only networks at sign-up", () => {
  it("are not offered as a home network", async () => {
    const closed = makeNetwork("members");
    const open = makeNetwork("public");
    const response = await run(registerLoader, get("/register"));
    const { networks } = (await response.json()) as { networks: { value: string }[] };
    const offered = networks.map((n) => n.value);
    expect(offered).toContain(open.slug);
    expect(offered).not.toContain(closed.slug);
  });

  it("refuse a crafted sign-up: no account, no membership, a message next to the field", async () => {
    const closed = makeNetwork("members");
    const request = signUp(closed.slug);
    const email = new URLSearchParams(await request.clone().text()).get("email")!;
    const response = await run(register, request);
    expect(response.status).toBe(400);
    const reply = (await response.json()) as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.error.homeNetwork).toEqual(["errors.networkByInvitation"]);
    expect(reply.initialValue.displayName).toBe("Незнакомец");
    expect(getDb().select().from(schema.users).where(eq(schema.users.email, email)).get()).toBeUndefined();
    expect(getDb().select().from(schema.memberships).where(eq(schema.memberships.networkId, closed.id)).all()).toEqual([]);
  });
});

describe("demo data", () => {
  it("is not made by a production start that did not ask for it", () => {
    expect(envSchema.parse({}).SEED_DEMO).toBe("false");
  });

  it("gets passwords made for this database alone, written to a file only its owner reads", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kollegi-demo-"));
    const { sqlite, db } = openDatabase(path.join(dir, "kollegi.db"));
    migrateDatabase(db);
    const accounts = await seedDemo(db, hashPassword);
    const admin = accounts.find((a) => a.email === "admin@kollegi.test")!;
    expect(admin.role).toBe("admin");
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);
    for (const account of accounts) {
      const { passwordHash } = db.select().from(schema.users).where(eq(schema.users.email, account.email)).get()!;
      expect(await verifyPassword(passwordHash, account.password)).toBe(true);
      // The passwords the README once printed open nothing.
      for (const published of ["kollegi-admin-demo", "kollegi-moderator-demo", "kollegi-mentor-demo", "kollegi-teacher-demo"]) {
        expect(await verifyPassword(passwordHash, published)).toBe(false);
      }
    }
    const file = demoAccountsFile(path.join(dir, "kollegi.db"));
    writeDemoAccounts(file, accounts);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toContain(`${admin.password}  admin`);
    expect(await seedDemo(db, hashPassword)).toEqual([]);
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
