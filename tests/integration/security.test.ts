/**
 * Regression tests for what an attack on a running copy found (issue 11): each one failed
 * before its fix.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
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
