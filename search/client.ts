/** The Meilisearch connection: the bundled server (search/server.ts) or MEILI_URL. */
import { Meilisearch } from "meilisearch";

export const DEFAULT_INDEX = "threads";

let client: Meilisearch | undefined;

export function meiliConfigured(): boolean {
  return Boolean(process.env.MEILI_URL);
}

export function getClient(): Meilisearch {
  if (!process.env.MEILI_URL) throw new Error("Search is not started (MEILI_URL is not set)");
  client ??= new Meilisearch({ host: process.env.MEILI_URL, apiKey: process.env.MEILI_MASTER_KEY || undefined });
  return client;
}

/** Tests give each worker its own index; production uses one. */
export function indexName(): string {
  return process.env.MEILI_INDEX || DEFAULT_INDEX;
}

export function threadsIndex() {
  return getClient().index(indexName());
}
