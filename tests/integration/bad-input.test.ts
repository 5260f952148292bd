/**
 * Every string of the Big List of Naughty Strings and every XSS payload, through the
 * forms: a 400 with a message or a success, never a 500, never a half-written row.
 */
import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { action as saveProfile, loader as profileLoader } from "~/routes/settings.profile";
import { action as register } from "~/routes/register";
import { action as login } from "~/routes/login";
import { form, get, makeNetwork, makeUser, run, uniqueEmail } from "./helpers";

const badInput = path.resolve(__dirname, "../fixtures/bad-input");
const naughty: string[] = JSON.parse(fs.readFileSync(path.join(badInput, "blns.json"), "utf8"));
const xss = fs.readFileSync(path.join(badInput, "xss-payloads.txt"), "utf8").split("\n").filter(Boolean);

describe("bad input in the profile form", () => {
  // Thousands of form posts through the real action: CPU-bound, minutes on a loaded two-core machine.
  it("every naughty string and XSS payload is saved as typed or refused with a field message", { timeout: 180_000 }, async () => {
    const network = makeNetwork();
    const user = await makeUser({ networkId: network.id });
    const statuses = new Map<number, number>();
    for (const value of [...naughty, ...xss]) {
      const response = await run(
        saveProfile,
        form("/settings/profile", { displayName: value, school: value, subjects: value }, { cookie: user.cookie }),
      );
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 400) {
        const body = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
        expect(
          Object.values(body.result.error)
            .flat()
            .every((m) => m.startsWith("errors.")),
        ).toBe(true);
        // conform leaves empty fields out of what it sends back
        expect(body.result.initialValue.displayName ?? "").toBe(value);
      } else {
        expect(response.status).toBe(200);
        const saved = (await (await run(profileLoader, get("/settings/profile", { cookie: user.cookie }))).json()) as {
          account: { school: string };
        };
        expect(saved.account.school).toBe(value.normalize("NFC").trim());
      }
    }
    expect([...statuses.keys()].sort()).toEqual([200, 400]);
  });
});

describe("bad input in registration and login", () => {
  it("a sample of naughty strings never makes a 500 or a half-written account", { timeout: 180_000 }, async () => {
    const network = makeNetwork();
    const before = getDb().select({ n: count() }).from(schema.users).get()!.n;
    const sample = naughty.filter((_, i) => i % 12 === 0);
    for (const value of sample) {
      const response = await run(
        register,
        form("/register", { email: value, password: value, displayName: value, homeNetwork: value, school: value }),
      );
      expect(response.status).toBe(400);
      const loginResponse = await run(login, form("/login", { email: value, password: value }), {}, { clientIp: null });
      expect([400]).toContain(loginResponse.status);
    }
    const ok = await run(
      register,
      form("/register", {
        email: uniqueEmail(),
        password: "надёжная фраза для входа",
        displayName: "Анна",
        homeNetwork: network.slug,
      }),
    );
    expect(
      ok.status,
      JSON.stringify(
        await ok
          .clone()
          .json()
          .catch(() => null),
      ),
    ).toBe(302);
    expect(getDb().select({ n: count() }).from(schema.users).get()!.n).toBe(before + 1);
  });
});
