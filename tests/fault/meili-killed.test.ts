/**
 * Meilisearch killed in the middle of a posting load (issue 11, finding 4): the forum keeps
 * accepting posts, the server brings search back by itself (on its old port when free, on
 * another when not), and every post it acknowledged becomes findable, without a server restart.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findable, notFindable, seedForum, signIn, startLoad } from "./forum";
import {
  logTail,
  meiliOf,
  meiliProcesses,
  pollUntil,
  scenarioDir,
  startKollegi,
  stopLeftovers,
  type FaultServer,
  type MeiliProcess,
} from "./server";

const CLIENTS = 4;
const POSTS = 400;
/** Kill Meilisearch once this many posts were acknowledged, so the next land on a dead index. */
const KILL_AFTER = [60, 140];
/** Relaunch, then the whole backlog: generous for two busy cores; a hung run stops here. */
const CATCH_UP_LIMIT_MS = 120_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const searchLog = (server: FaultServer) =>
  logTail(server, 1000)
    .split("\n")
    .filter((line) => line.startsWith("search:"))
    .join("\n");

let dir: string;
let server: FaultServer;
let cookies: string[];

beforeAll(async () => {
  dir = scenarioDir("meili-killed");
  const accounts = await seedForum(path.join(dir, "kollegi.db"), CLIENTS);
  server = await startKollegi(dir);
  cookies = await Promise.all(accounts.map((account) => signIn(server.baseUrl, account)));
});

afterAll(async () => {
  await server?.stop();
  stopLeftovers(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Binds the port a killed Meilisearch had, so its relaunch must go elsewhere (released at once on SIGKILL). */
async function squat(port: number): Promise<net.Server> {
  for (;;) {
    const server = net.createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (bound) return server;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const portOf = (meili: MeiliProcess) => Number(meili.cmdline[meili.cmdline.indexOf("--http-addr") + 1]?.split(":")[1]);

it("every acknowledged post is findable after Meilisearch is killed twice mid-load, its port taken the second time, without a server restart", async () => {
  // Search is up (its address is written once it answers): the kill hits a live outbox, not a cold start.
  await pollUntil(() => fs.existsSync(path.join(dir, "meili.url")), CATCH_UP_LIMIT_MS);
  const load = startLoad(server.baseUrl, cookies, POSTS);
  const kills: { pid: number; port: number; acknowledged: number; at: number }[] = [];
  let squatter: net.Server | undefined;
  for (const [n, after] of KILL_AFTER.entries()) {
    await pollUntil(() => load.acknowledged.length >= after, CATCH_UP_LIMIT_MS, 20);
    // The second kill hits the relaunch once it is in service (the launcher writes meili.url when it answers).
    const previous = kills[kills.length - 1];
    if (previous)
      await pollUntil(
        () => (fs.statSync(path.join(dir, "meili.url"), { throwIfNoEntry: false })?.mtimeMs ?? 0) > previous.at,
        CATCH_UP_LIMIT_MS,
        20,
      );
    const meili = await meiliOf(server);
    process.kill(meili.pid, "SIGKILL");
    kills.push({ pid: meili.pid, port: portOf(meili), acknowledged: load.acknowledged.length, at: Date.now() });
    // The second relaunch cannot have the old port: the client must follow the new address.
    if (n === 1) squatter = await squat(portOf(meili));
  }
  await load.done;
  const loadDoneAt = Date.now();

  const catchUp = await pollUntil(async () => (await notFindable(server.baseUrl, load.acknowledged)).length === 0, CATCH_UP_LIMIT_MS, 500);
  const missing = await notFindable(server.baseUrl, load.acknowledged);
  const relaunched = meiliProcesses().find((p) => p.ppid === server.pid);
  squatter?.close();
  console.log(
    `fault/meili-killed: ${load.acknowledged.length} of ${POSTS} posts acknowledged (refused: ${JSON.stringify(load.refused)}); ` +
      `Meilisearch killed after ${kills.map((k) => `${k.acknowledged} (port ${k.port})`).join(" and ")}; the load ended ${seconds(loadDoneAt - kills[kills.length - 1]!.at)} after the last kill; ` +
      `${load.acknowledged.length - missing.length} findable ${seconds(catchUp.ms)} later (${catchUp.met ? "all" : "not all"} within the ${CATCH_UP_LIMIT_MS / 1000} s limit); ` +
      `now pid ${relaunched?.pid ?? "none"} on port ${relaunched ? portOf(relaunched) : "none"}; server RSS ${server.startRssKb} kB at start, ${server.peakRssKb()} kB peak\n${searchLog(server)}`,
  );

  expect(load.acknowledged.length).toBeGreaterThan(KILL_AFTER[1]!);
  expect(
    missing.map((p) => p.token),
    logTail(server),
  ).toEqual([]);
  expect(server.exit()).toBeNull();
  expect(relaunched && portOf(relaunched)).not.toBe(kills[1]!.port);
  // A question asked after the catch-up is findable too: search is live again, not only the backlog.
  const again = startLoad(server.baseUrl, cookies.slice(0, 1), 1);
  await again.done;
  const late = again.acknowledged[0]!;
  expect((await pollUntil(() => findable(server.baseUrl, late), CATCH_UP_LIMIT_MS)).met).toBe(true);
});
