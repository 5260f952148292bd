/**
 * Relevance on real teacher Q&A: recall@5 of finding a thread by an inflected form of its
 * title, with Kollegi's analyzer (stems beside the text) and with plain Meilisearch.
 * Data: tests/fixtures/matheducators-2014.jsonl (CC BY-SA, Stack Exchange), imported into a
 * scratch database; one real Meilisearch process. Runs alone (`npx tsx tests/bench/relevance.ts`)
 * or as part of `npm run bench`.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = path.resolve(root, "tests/fixtures/matheducators-2014.jsonl");
const TOP = 5;

/** An English word in another form: plural ↔ singular, -ing ↔ base, -ed ↔ base. */
export function inflect(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ing") && word.length > 5) return word.slice(0, -3);
  if (word.endsWith("ed") && word.length > 4) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  if (word.endsWith("y")) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

export type RelevanceResult = { queries: number; recallStemmed: number; recallPlain: number; changedQueries: number };

export async function measureRelevance(): Promise<RelevanceResult | null> {
  if (!fs.existsSync(CORPUS)) return null;
  const dir = fs.mkdtempSync(path.join(root, "bench-results", "relevance-"));
  process.env.DATABASE_PATH = path.join(dir, "relevance.db");
  const { migrateDatabase, getDb, closeDatabase, schema } = await import("../../db/index");
  migrateDatabase(getDb());
  const { startMeili } = await import("../../search/meili-process");
  const meili = await startMeili({ dbPath: path.join(dir, "meili"), keyDir: dir });
  process.env.MEILI_URL = meili.url;
  process.env.MEILI_MASTER_KEY = meili.key;
  try {
    getDb().insert(schema.networks).values({ slug: "matheducators", name: "Math Educators", region: "—", timeZone: "UTC" }).run();
    const { importJsonl } = await import("../../app/import/import.server");
    importJsonl("matheducators", fs.readFileSync(CORPUS, "utf8").split("\n"));
    const { loadThreads, threadIdsAfter } = await import("../../search/load");
    const { toDocument } = await import("../../search/documents");
    const { INDEX_SETTINGS } = await import("../../search/settings");
    const { analyzeQuery, STOP_WORDS, words } = await import("../../search/analyzer");
    const { getClient } = await import("../../search/client");
    const docs = loadThreads(threadIdsAfter(0, 100_000)).map(toDocument);
    const client = getClient();
    const stemmed = client.index("stemmed");
    const plain = client.index("plain");
    await client.createIndex("stemmed", { primaryKey: "id" }).waitTask();
    await client.createIndex("plain", { primaryKey: "id" }).waitTask();
    await stemmed.updateSettings(INDEX_SETTINGS).waitTask({ timeout: 120_000 });
    await plain
      .updateSettings({ searchableAttributes: ["title", "tags", "accepted", "body", "answers"], stopWords: INDEX_SETTINGS.stopWords })
      .waitTask({ timeout: 120_000 });
    await stemmed.addDocuments(docs).waitTask({ timeout: 600_000 });
    await plain
      .addDocuments(docs.map(({ id, title, tags, accepted, body, answers }) => ({ id, title, tags, accepted, body, answers })))
      .waitTask({ timeout: 600_000 });
    let hitsStemmed = 0;
    let hitsPlain = 0;
    let changed = 0;
    for (const doc of docs) {
      const original = words(doc.title).filter((w) => !STOP_WORDS.has(w));
      const inflected = original.map((w) => (w.length > 3 ? inflect(w) : w));
      if (inflected.join(" ") !== original.join(" ")) changed += 1;
      const query = inflected.join(" ");
      const [a, b] = await Promise.all([
        stemmed.search(analyzeQuery(query), { limit: TOP, matchingStrategy: "last", attributesToRetrieve: ["id"] }),
        plain.search(query, { limit: TOP, attributesToRetrieve: ["id"] }),
      ]);
      if (a.hits.some((h) => h.id === doc.id)) hitsStemmed += 1;
      if (b.hits.some((h) => h.id === doc.id)) hitsPlain += 1;
    }
    return {
      queries: docs.length,
      recallStemmed: hitsStemmed / docs.length,
      recallPlain: hitsPlain / docs.length,
      changedQueries: changed,
    };
  } finally {
    meili.stop();
    closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  void measureRelevance().then((result) => {
    if (!result) console.log(`No corpus at ${CORPUS}`);
    else
      console.log(
        `recall@${TOP} on ${result.queries} inflected titles (${result.changedQueries} changed): ` +
          `Kollegi analyzer ${(result.recallStemmed * 100).toFixed(1)}%, plain Meilisearch ${(result.recallPlain * 100).toFixed(1)}%`,
      );
  });
}
