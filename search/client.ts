/**
 * The Meilisearch connection, for both sides: the index (this folder) and the queries
 * (app/search/queries.server.ts). The bundled server (search/meili-process.ts) or MEILI_URL.
 */
import { Meilisearch, type Task } from "meilisearch";

export const DEFAULT_INDEX = "threads";
/** A wedged Meilisearch must fail a request (the outbox retries, the search page says so), not hang it. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The client of the current address and key. The launcher (search/start.ts) moves MEILI_URL
 * when it brings a crashed Meilisearch back on another port: a client built for the old
 * address would fail forever (issue 11), so a changed address or key gets a new client.
 */
let current: { host: string; apiKey: string | undefined; client: Meilisearch } | undefined;

export function meiliConfigured(): boolean {
  return Boolean(process.env.MEILI_URL);
}

export function getClient(): Meilisearch {
  const host = process.env.MEILI_URL;
  if (!host) throw new Error("Search is not started (MEILI_URL is not set)");
  const apiKey = process.env.MEILI_MASTER_KEY || undefined;
  if (current?.host !== host || current.apiKey !== apiKey)
    current = { host, apiKey, client: new Meilisearch({ host, apiKey, timeout: REQUEST_TIMEOUT_MS }) };
  return current.client;
}

/** Tests give each worker its own index; production uses one. */
export function indexName(): string {
  return process.env.MEILI_INDEX || DEFAULT_INDEX;
}

export function threadsIndex() {
  return getClient().index(indexName());
}

/** A finished task that did not succeed (a refused document, a failed swap) is an error, not a delivery. */
export function succeeded(task: Task): Task {
  if (task.status !== "succeeded")
    throw new Error(`Meilisearch task ${task.uid} ${task.status}${task.error ? `: ${task.error.message}` : ""}`);
  return task;
}
