/**
 * The outbox against a Meilisearch that dies mid-stream, and the reindex swap.
 * This file runs its own Meilisearch process so it can kill and restart it.
 */
import fs from "node:fs";
import path from "node:path";
import { count, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { threadsIndex } from "../../search/client";
import { ensureIndex, reindex } from "../../search/reindex";
import { freePort, startMeili, type RunningMeili } from "../../search/meili-process";
import { deliverOnce, drain } from "../../search/worker";
import { createThread } from "~/threads/threads.server";
import { makeNetwork, makeUser } from "./helpers";

const dir = path.resolve(__dirname, `../.tmp/meili-outbox-${process.pid}`);
let meili: RunningMeili;
let port: number;

const later = () => new Date(Date.now() + 3 * 24 * 3600_000);
/** A Meilisearch killed and started again, sixty threads indexed, a whole reindex: a minute or two when the machine is busy. */
const RESTART_TIMEOUT_MS = 180_000;
const start = () => startMeili({ dbPath: path.join(dir, "data"), keyDir: dir, port });

beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  port = await freePort();
  meili = await start();
  process.env.MEILI_URL = meili.url;
  process.env.MEILI_MASTER_KEY = meili.key;
  process.env.MEILI_INDEX = "threads";
  await ensureIndex();
});

afterAll(() => {
  meili.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const pending = () => getDb().select({ n: count() }).from(schema.searchOutbox).where(isNull(schema.searchOutbox.deliveredAt)).get()!.n;

async function indexedCount(): Promise<number> {
  const stats = await threadsIndex().getStats();
  return stats.numberOfDocuments;
}

async function waitExit(child: RunningMeili["child"]) {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => child.once("exit", resolve));
}

describe("the search outbox", () => {
  it("loses nothing when Meilisearch is killed and restarted mid-stream", { timeout: RESTART_TIMEOUT_MS }, async () => {
    await drain();
    const before = await indexedCount();
    const network = makeNetwork();
    const author = await makeUser({ networkId: network.id });
    const post = (i: number) => {
      const result = createThread(
        {
          kind: "question",
          title: `Вопрос про перемены номер ${i}`,
          body: `Текст вопроса номер ${i} о переменах в школе.`,
          tags: ["перемены"],
          networkId: network.id,
          authorId: author.id,
          exemptFromRateLimit: true,
        },
        later(),
      );
      if (!result.ok) throw new Error(result.error);
    };
    for (let i = 0; i < 30; i += 1) post(i);
    await deliverOnce();
    meili.child.kill("SIGKILL");
    await waitExit(meili.child);
    for (let i = 30; i < 60; i += 1) post(i);
    // Meilisearch is down: the pass fails, records the error and backs off; posting went on.
    expect(await deliverOnce()).toBe(0);
    expect(pending()).toBeGreaterThanOrEqual(30);
    const failed = getDb().select().from(schema.searchOutbox).where(isNull(schema.searchOutbox.deliveredAt)).all();
    expect(failed.every((row) => row.attempts >= 1 && row.lastError)).toBe(true);

    meili = await start();
    // Retry at once instead of waiting for the back-off.
    getDb().update(schema.searchOutbox).set({ nextAttemptAt: null }).run();
    await drain();
    expect(pending()).toBe(0);
    expect(await indexedCount()).toBe(before + 60);
    const found = await threadsIndex().search("перемены", { filter: `networkId = ${network.id}`, limit: 100 });
    expect(found.hits).toHaveLength(60);
  });

  it("reindex builds a fresh index and swaps it in under the same name", { timeout: RESTART_TIMEOUT_MS }, async () => {
    const network = makeNetwork();
    const author = await makeUser({ networkId: network.id });
    for (let i = 0; i < 5; i += 1) {
      createThread(
        {
          kind: "question",
          title: `Тема для переиндексации ${i}`,
          body: `Содержание темы для переиндексации ${i}.`,
          tags: ["индекс"],
          networkId: network.id,
          authorId: author.id,
        },
        later(),
      );
    }
    const live = await threadsIndex().getStats();
    const result = await reindex();
    const expected = getDb().select({ n: count() }).from(schema.threads).where(isNull(schema.threads.deletedAt)).get()!.n;
    expect(result.documents).toBe(expected);
    expect(await indexedCount()).toBe(expected);
    expect(live.numberOfDocuments).toBeLessThanOrEqual(expected);
    const { results } = await (await import("../../search/client")).getClient().getIndexes();
    // No rebuild index is left behind: the threads and the knowledge-base entries (search/kb-index.ts) only.
    expect(results.map((i) => i.uid).sort()).toEqual(["threads", "threads_kb"]);
    const found = await threadsIndex().search("переиндексации", { filter: `networkId = ${network.id}` });
    expect(found.hits).toHaveLength(5);
  });
});
