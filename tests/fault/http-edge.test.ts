/**
 * What server.mjs decides before Remix sees a request, tried the way the attack on a running copy
 * tried it (issue 11): a proxy in front (TRUST_PROXY=1), a forged Host, bodies that are no form,
 * a path that cannot be decoded, a CSV's bytes. Each failed before its fix.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inspect, post, seedForum, signIn, type Account } from "./forum";
import { scenarioDir, startKollegi, stopLeftovers, type FaultServer } from "./server";

let dir: string;
let server: FaultServer;
let accounts: Account[];
let threadPath: string;
let announcementId: number;

beforeAll(async () => {
  dir = scenarioDir("http-edge");
  accounts = await seedForum(path.join(dir, "kollegi.db"), 2);
  process.env.TRUST_PROXY = "1";
  try {
    server = await startKollegi(dir);
  } finally {
    delete process.env.TRUST_PROXY;
  }
  const cookie = await signIn(server.baseUrl, accounts[0]!);
  const asked = await post(
    server.baseUrl,
    "/n/fault/ask",
    {
      kind: "question",
      title: "Как провести родительское собрание онлайн?",
      body: "Родители не приходят в школу. Как собрать их онлайн?",
      tags: "родители",
      confirmed: "1",
    },
    cookie,
  );
  threadPath = asked.headers.get("location")!.replace(/[?#].*$/, "");
  // An announcement to the network that needs acknowledging, written as a moderator would publish it.
  announcementId = inspect(server.databasePath, (sqlite) => {
    const network = sqlite.prepare("SELECT id FROM networks WHERE slug = 'fault'").get() as { id: number };
    const author = sqlite.prepare("SELECT id FROM users WHERE email = ?").get(accounts[0]!.email) as { id: number };
    return Number(
      sqlite
        .prepare(
          "INSERT INTO announcements (network_id, author_id, title, body_source, body_html, ack_required, published_at) VALUES (?, ?, 'Педсовет', 'В среду', '<p>В среду</p>', 1, ?)",
        )
        .run(network.id, author.id, Date.now()).lastInsertRowid,
    );
  });
});

afterAll(async () => {
  await server?.stop();
  stopLeftovers(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

const login = (password: string, forwardedFor: string) =>
  fetch(`${server.baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor },
    body: new URLSearchParams({ email: accounts[1]!.email, password }),
  });

it("behind one proxy, tells teachers apart by X-Forwarded-For: one guesser does not lock out the others", async () => {
  for (let i = 0; i < 5; i += 1) expect((await login("угадываю пароль", "198.51.100.77")).status).toBe(400);
  const guesser = await login(accounts[1]!.password, "198.51.100.77");
  expect(guesser.status).toBe(429);
  expect(Number(guesser.headers.get("retry-after"))).toBeGreaterThan(0);
  // A page rendered without JavaScript says when, in words, with no placeholder left in it.
  const page = await guesser.text();
  expect(page).toContain("Попробуйте снова после");
  expect(page).not.toContain("{{");
  expect((await login(accounts[1]!.password, "203.0.113.78")).status).toBe(302);
});

it("sends HSTS when the proxy says the teacher came over HTTPS", async () => {
  const secure = await fetch(`${server.baseUrl}/`, { headers: { "X-Forwarded-Proto": "https" } });
  expect(secure.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  const plain = await fetch(`${server.baseUrl}/`);
  expect(plain.headers.get("strict-transport-security")).toBeNull();
});

it("never lets a forged Host reach what signed-out readers are served", async () => {
  const forged = await fetch(`${server.baseUrl}${threadPath}`, { headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example" } });
  expect(await forged.text()).not.toContain("evil.example");
  const reader = await (await fetch(`${server.baseUrl}${threadPath}`)).text();
  expect(reader).not.toContain("evil.example");
  expect(reader).toContain(`rel="canonical" href="http://localhost:3000${threadPath}"`);
});

it("refuses a POST whose Origin differs in scheme", async () => {
  const response = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.baseUrl.replace("http:", "https:"), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: accounts[1]!.email, password: accounts[1]!.password }),
  });
  expect(response.status).toBe(403);
});

it("answers a body that is no form with 415 before any action writes", async () => {
  const cookie = await signIn(server.baseUrl, accounts[1]!);
  for (const type of ["application/json", "text/plain", "application/xml"]) {
    const response = await fetch(`${server.baseUrl}/a/${announcementId}/ack`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.baseUrl, "Content-Type": type, Cookie: cookie },
      body: "redirectTo=/",
    });
    expect(response.status, type).toBe(415);
  }
  const acknowledged = inspect(server.databasePath, (sqlite) =>
    sqlite.prepare("SELECT count(*) AS n FROM acknowledgements WHERE announcement_id = ?").get(announcementId),
  ) as { n: number };
  expect(acknowledged.n).toBe(0);
});

it("answers a path that cannot be decoded with 400 and writes no stack trace", async () => {
  const before = fs.readFileSync(server.logFile, "utf8").length;
  const response = await fetch(`${server.baseUrl}/t/%FF`);
  expect(response.status).toBe(400);
  expect(fs.readFileSync(server.logFile, "utf8").slice(before)).not.toMatch(/Error|at /);
});

it("sends the receipts CSV with its BOM, so that Excel reads Cyrillic", async () => {
  const cookie = await signIn(server.baseUrl, accounts[0]!);
  const response = await fetch(`${server.baseUrl}/a/${announcementId}/receipts.csv`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
});
