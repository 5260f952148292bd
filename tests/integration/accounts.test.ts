import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { action as register } from "~/routes/register";
import { action as login } from "~/routes/login";
import { action as logout } from "~/routes/logout";
import { action as changePassword } from "~/routes/settings.password";
import { action as saveProfile, loader as profileLoader } from "~/routes/settings.profile";
import { action as setLanguage } from "~/routes/language";
import { loader as rootLoader } from "~/root";
import { cookieOf, form, get, makeNetwork, makeUser, run, uniqueEmail, words } from "./helpers";

const GOOD_PASSWORD = "тёплый ветер над школой";

function registration(overrides: Record<string, string> = {}) {
  const network = makeNetwork();
  return {
    network,
    fields: {
      email: uniqueEmail(),
      password: GOOD_PASSWORD,
      displayName: "Анна Кузнецова",
      homeNetwork: network.slug,
      school: "МБОУ СОШ № 5",
      subjects: "математика, физика",
      ...overrides,
    },
  };
}

async function whoIs(cookie: string) {
  const response = await run(rootLoader, get("/", { cookie }));
  return ((await response.json()) as { user: { id: number; displayName: string } | null }).user;
}

describe("registration", () => {
  it("creates the account, its home network membership and a session", async () => {
    const { network, fields } = registration();
    const response = await run(register, form("/register", fields));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/n/${network.slug}`);
    const cookie = cookieOf(response);
    expect((await whoIs(cookie))?.displayName).toBe("Анна Кузнецова");
    const user = getDb().select().from(schema.users).where(eq(schema.users.email, fields.email)).get()!;
    expect(user.homeNetworkId).toBe(network.id);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const memberships = getDb().select().from(schema.memberships).where(eq(schema.memberships.userId, user.id)).all();
    expect(memberships.map((m) => m.networkId)).toEqual([network.id]);
  });

  it("answers bad input with 400, a message per field, and the input kept but not the password", async () => {
    const { fields } = registration({ email: "не почта", password: "short", displayName: "А" });
    const response = await run(register, form("/register", fields));
    expect(response.status).toBe(400);
    const reply = (await response.json()) as {
      error: Record<string, string[]>;
      initialValue: Record<string, string>;
    };
    expect(reply.error.email).toEqual(["errors.email"]);
    expect(words(reply.error.password)).toEqual(["Не короче 10 символов."]);
    expect(words(reply.error.displayName)).toEqual(["Не короче 2 символов."]);
    expect(reply.initialValue.school).toBe("МБОУ СОШ № 5");
    expect(reply.initialValue.displayName).toBe("А");
    expect(reply.initialValue.password).toBeUndefined();
  });

  it("refuses a duplicate email, in any case, without a second row", async () => {
    const { fields } = registration();
    await run(register, form("/register", fields));
    const again = await run(register, form("/register", { ...fields, email: fields.email.toUpperCase() }));
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: Record<string, string[]> }).error.email).toEqual(["errors.emailTaken"]);
    const rows = getDb().select({ n: count() }).from(schema.users).where(eq(schema.users.email, fields.email)).get()!;
    expect(rows.n).toBe(1);
  });

  it("refuses a common password with a clear reason", async () => {
    const { fields } = registration({ password: "1234567890" });
    const response = await run(register, form("/register", fields));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: Record<string, string[]> }).error.password).toEqual(["errors.commonPassword"]);
  });

  it("refuses an unknown network", async () => {
    const { fields } = registration({ homeNetwork: "atlantida" });
    const response = await run(register, form("/register", fields));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: Record<string, string[]> }).error.homeNetwork).toEqual(["errors.unknownNetwork"]);
  });

  it("writes nothing when any field is bad", async () => {
    const before = getDb().select({ n: count() }).from(schema.users).get()!.n;
    const { fields } = registration({ subjects: "x".repeat(1024 * 1024) });
    const response = await run(register, form("/register", fields));
    expect(response.status).toBe(400);
    expect(getDb().select({ n: count() }).from(schema.users).get()!.n).toBe(before);
  });
});

describe("login and logout", () => {
  it("starts a new session at every login and ends it on the server at logout", async () => {
    const user = await makeUser();
    const first = cookieOf(await run(login, form("/login", { email: user.email, password: user.password })));
    const second = cookieOf(await run(login, form("/login", { email: user.email, password: user.password })));
    expect(first).not.toBe(second);
    expect((await whoIs(first))?.id).toBe(user.id);

    const out = await run(logout, form("/logout", {}, { cookie: first }));
    expect(out.status).toBe(302);
    expect(await whoIs(first)).toBeNull();
    expect((await whoIs(second))?.id).toBe(user.id);
  });

  it("says the same for an unknown email and a wrong password", async () => {
    const user = await makeUser();
    const wrong = await run(login, form("/login", { email: user.email, password: "не тот пароль" }));
    const unknown = await run(login, form("/login", { email: uniqueEmail("nobody"), password: "не тот пароль" }));
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(((await wrong.json()) as { error: Record<string, string[]> }).error[""]).toEqual(["errors.wrongPassword"]);
    expect(((await unknown.json()) as { error: Record<string, string[]> }).error[""]).toEqual(["errors.wrongPassword"]);
  });

  it("backs off after repeated failures on one account with 429 and when to retry", async () => {
    const user = await makeUser();
    const attempt = (password: string) => run(login, form("/login", { email: user.email, password }), {}, { clientIp: "198.51.100.7" });
    for (let i = 0; i < 5; i += 1) expect((await attempt("неверный пароль")).status).toBe(400);
    const blocked = await attempt(user.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    const reply = (await blocked.json()) as { error: Record<string, string[]> };
    // The sentence above the form, with the time filled in (it once read «…после {{time}}.»).
    expect(words(reply.error[""])).toEqual([
      expect.stringMatching(/^Слишком много неудачных попыток\. Попробуйте снова после \d\d:\d\d:\d\d\.$/),
    ]);
    const english = await run(
      login,
      form("/login", { email: user.email, password: user.password }, { lang: "en" }),
      {},
      { clientIp: "198.51.100.7" },
    );
    expect(words(((await english.json()) as { error: Record<string, string[]> }).error[""], "en")).toEqual([
      expect.stringMatching(/^Too many failed attempts\. Please try again after \d{1,2}:\d\d:\d\d\s?[AP]M\.$/),
    ]);
  });

  it("backs off per IP address across many accounts", async () => {
    const ip = "203.0.113.9";
    for (let i = 0; i < 30; i += 1) {
      await run(login, form("/login", { email: uniqueEmail("guess"), password: "неверный пароль" }), {}, { clientIp: ip });
    }
    const user = await makeUser();
    const blocked = await run(login, form("/login", { email: user.email, password: user.password }), {}, { clientIp: ip });
    expect(blocked.status).toBe(429);
    const elsewhere = await run(login, form("/login", { email: user.email, password: user.password }), {}, { clientIp: "203.0.113.10" });
    expect(elsewhere.status).toBe(302);
  });

  it("never redirects off the site after login", async () => {
    const user = await makeUser();
    const response = await run(login, form("/login", { email: user.email, password: user.password, redirectTo: "//evil.example/steal" }));
    expect(response.headers.get("Location")).toBe("/");
  });
});

describe("password change", () => {
  it("ends every session of the user and starts a fresh one for this browser", async () => {
    const user = await makeUser();
    const other = cookieOf(await run(login, form("/login", { email: user.email, password: user.password })));
    const response = await run(
      changePassword,
      form("/settings/password", { currentPassword: user.password, newPassword: GOOD_PASSWORD }, { cookie: user.cookie }),
    );
    // A redirect, so that without JavaScript no loader answers with the old cookie's blank one.
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/settings/password?changed");
    expect(await whoIs(other)).toBeNull();
    expect(await whoIs(user.cookie)).toBeNull();
    expect((await whoIs(cookieOf(response)))?.id).toBe(user.id);
    const relogin = await run(login, form("/login", { email: user.email, password: GOOD_PASSWORD }));
    expect(relogin.status).toBe(302);
  });

  it("needs the current password", async () => {
    const user = await makeUser();
    const response = await run(
      changePassword,
      form("/settings/password", { currentPassword: "не тот пароль", newPassword: GOOD_PASSWORD }, { cookie: user.cookie }),
    );
    expect(response.status).toBe(400);
    expect(await whoIs(user.cookie)).not.toBeNull();
  });
});

describe("profile and language", () => {
  it("saves the profile and keeps the language choice on the account", async () => {
    const network = makeNetwork();
    const user = await makeUser({ networkId: network.id });
    const response = await run(
      saveProfile,
      form(
        "/settings/profile",
        { displayName: "Мария Ивановна", school: "Лицей № 2", subjects: "химия", homeNetwork: network.slug, locale: "en" },
        { cookie: user.cookie },
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Set-Cookie")).toMatch(/^lng=/);
    const profile = (await (await run(profileLoader, get("/settings/profile", { cookie: user.cookie }))).json()) as {
      account: { displayName: string; locale: string; homeNetwork: string };
    };
    expect(profile.account).toMatchObject({ displayName: "Мария Ивановна", locale: "en", homeNetwork: network.slug });
  });

  it("switches the language with a lasting cookie and returns to the same page", async () => {
    const response = await run(setLanguage, form("/language", { lng: "en", redirectTo: "/n/moskva" }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/n/moskva");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/lng=/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    const root = (await (await run(rootLoader, get("/", { cookie: cookie.split(";")[0]! }))).json()) as { locale: string };
    expect(root.locale).toBe("en");
  });

  it("is Russian by default and English when the browser asks for it", async () => {
    const ru = (await (await run(rootLoader, get("/"))).json()) as { locale: string };
    const en = (await (await run(rootLoader, get("/", { lang: "en-GB,en;q=0.9" }))).json()) as { locale: string };
    expect(ru.locale).toBe("ru");
    expect(en.locale).toBe("en");
  });
});
