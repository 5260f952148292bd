/**
 * The moderator boundary, checked the way Lobsters checks its own with a lint rule: every
 * route of the moderation area calls the moderator guard in each loader and action, and
 * refuses, when called, a guest (to the login page), a plain member and a moderator of
 * another network (403).
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { storeUploads } from "~/files/attachments.server";
import { createEntry } from "~/kb/kb.server";
import { createAnswer } from "~/posts/posts.server";
import { form, get, run } from "./helpers";
import { answer, ask, community, later, type Member } from "./moderation-fixtures";

const ROUTES = path.resolve("app/routes");

/** /mod and everything under it, and the knowledge-base curation pages. */
const inModerationArea = (file: string) => /^mod[._]/.test(file) || /^n\.\$slug_\.kb\.(new|\$id_\.edit)\.tsx$/.test(file);

/** A folder route is its route.tsx (its actions.server.ts is handed the scope the route's guard made). */
const moderationRoutes = fs
  .readdirSync(ROUTES, { withFileTypes: true })
  .filter((entry) => inModerationArea(entry.name))
  .map((entry) => (entry.isDirectory() ? `${entry.name}/route.tsx` : entry.name))
  .sort();

/** The body of `function <name>` (exported or not), by counting braces. */
function bodyOf(source: string, name: string): string | null {
  const start = new RegExp(`function ${name}\\s*\\(`).exec(source);
  if (!start) return null;
  const open = source.indexOf("{", source.indexOf(")", start.index));
  let depth = 0;
  for (let i = open; i < source.length; i += 1) {
    if (source[i] === "{") depth += 1;
    if (source[i] === "}") depth -= 1;
    if (depth === 0) return source.slice(open, i + 1);
  }
  return null;
}

function callsGuard(source: string, body: string): boolean {
  if (/\brequireModerator\(/.test(body)) return true;
  // A local helper (`place`, …) that calls the guard counts when the handler calls it.
  const helpers = [...source.matchAll(/(?:async\s+)?function\s+(\w+)\s*\(/g)]
    .map((m) => m[1]!)
    .filter((name) => name !== "loader" && name !== "action" && /\brequireModerator\(/.test(bodyOf(source, name) ?? ""));
  return helpers.some((name) => new RegExp(`\\b${name}\\(`).test(body));
}

describe("the moderation area", () => {
  it("is the routes we expect (a new one must be added to the checks below)", () => {
    expect(moderationRoutes).toEqual([
      "mod._index.tsx",
      "mod.files.$id.tsx",
      "mod.log.tsx",
      "mod.p.$id.tsx",
      "mod.t.$id/route.tsx",
      "mod.u.$id/route.tsx",
      "n.$slug_.kb.$id_.edit.tsx",
      "n.$slug_.kb.new.tsx",
    ]);
  });

  it.each(moderationRoutes)("%s calls the moderator guard in every loader and action", (file) => {
    const source = fs.readFileSync(path.join(ROUTES, file), "utf8");
    const handlers = ["loader", "action"].filter((name) => new RegExp(`export (async )?function ${name}\\b`).test(source));
    expect(handlers.length).toBeGreaterThan(0);
    for (const name of handlers) {
      expect(callsGuard(source, bodyOf(source, name)!), `${file}: ${name} does not call requireModerator`).toBe(true);
    }
  });
});

type Handler = (args: never) => Promise<Response> | Response;
let setup: Awaited<ReturnType<typeof community>>;
let otherModerator: Member;
let params: Record<string, { path: string; params: Record<string, string> }>;

beforeAll(async () => {
  setup = await community();
  otherModerator = (await community()).moderator;
  const q = ask(setup.network, setup.asker);
  const postId = answer(q.id, setup.answerer);
  // A file on a post of this network, uploaded and attached the way the answer form does.
  const { ids } = await storeUploads(setup.answerer.id, [new File([new TextEncoder().encode("План урока по дробям\n")], "план.txt")], "ru");
  const withFile = createAnswer(
    { threadId: q.id, authorId: setup.answerer.id, body: "План урока — в файле.", attachmentIds: ids },
    later(),
  );
  if (!withFile.ok || ids.length !== 1) throw new Error("no attachment to moderate");
  const entry = createEntry({
    networkId: setup.network.id,
    authorId: setup.moderator.id,
    title: "Как объяснить дроби пятиклассникам",
    summary: "Полоски бумаги и пицца: дети видят доли руками.",
    sources: [q.id],
    tags: ["дроби"],
  });
  if (!entry.ok) throw new Error(entry.error);
  const slug = setup.network.slug;
  params = {
    "mod._index.tsx": { path: "/mod", params: {} },
    "mod.files.$id.tsx": { path: `/mod/files/${ids[0]}`, params: { id: String(ids[0]) } },
    "mod.log.tsx": { path: "/mod/log", params: {} },
    "mod.p.$id.tsx": { path: `/mod/p/${postId}`, params: { id: String(postId) } },
    "mod.t.$id/route.tsx": { path: `/mod/t/${q.id}`, params: { id: String(q.id) } },
    "mod.u.$id/route.tsx": { path: `/mod/u/${setup.answerer.id}`, params: { id: String(setup.answerer.id) } },
    "n.$slug_.kb.$id_.edit.tsx": { path: `/n/${slug}/kb/${entry.id}/edit`, params: { slug, id: String(entry.id) } },
    "n.$slug_.kb.new.tsx": { path: `/n/${slug}/kb/new`, params: { slug } },
  };
});

/** The queue and the log are per reader: a moderator of another network gets their own there, never this network's. */
const NETWORK_SPECIFIC = new Set([
  "mod.files.$id.tsx",
  "mod.p.$id.tsx",
  "mod.t.$id/route.tsx",
  "mod.u.$id/route.tsx",
  "n.$slug_.kb.$id_.edit.tsx",
  "n.$slug_.kb.new.tsx",
]);

describe.each(moderationRoutes)("%s, when called", (file) => {
  // A folder route is two levels deep, past what a static import pattern covers: imported by its path.
  const load = async () => (await import(/* @vite-ignore */ path.join(ROUTES, file))) as { loader?: Handler; action?: Handler };
  const fields = { intent: "lock", decision: "hide", reason: "Проверка границы модерации", postId: "1", network: "x", days: "1" };

  it("sends a guest to the login page", async () => {
    const mod = await load();
    const target = params[file]!;
    if (mod.loader) expect((await run(mod.loader as never, get(target.path), target.params)).headers.get("Location")).toMatch(/^\/login/);
    if (mod.action)
      expect((await run(mod.action as never, form(target.path, fields), target.params)).headers.get("Location")).toMatch(/^\/login/);
  });

  it("refuses a plain member", async () => {
    const mod = await load();
    const target = params[file]!;
    const cookie = setup.members[0]!.cookie;
    if (mod.loader) expect((await run(mod.loader as never, get(target.path, { cookie }), target.params)).status).toBe(403);
    if (mod.action) expect((await run(mod.action as never, form(target.path, fields, { cookie }), target.params)).status).toBe(403);
  });

  it.runIf(NETWORK_SPECIFIC.has(file))("refuses a moderator of another network", async () => {
    const mod = await load();
    const target = params[file]!;
    const cookie = otherModerator.cookie;
    if (mod.loader) expect((await run(mod.loader as never, get(target.path, { cookie }), target.params)).status).toBe(403);
    if (mod.action) expect((await run(mod.action as never, form(target.path, fields, { cookie }), target.params)).status).toBe(403);
  });
});
