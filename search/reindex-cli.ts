/**
 * `npm run reindex`: rebuilds the search index from SQLite and swaps it in without downtime.
 * Uses MEILI_URL, or the bundled server the running forum started, or starts one itself.
 */
import fs from "node:fs";
import { closeDatabase, databasePath } from "../db/index";
import { reindex } from "./reindex";
import { launchBundled, urlFile } from "./start";

async function main() {
  let stop = () => {};
  if (!process.env.MEILI_URL) {
    const file = urlFile(databasePath());
    const running = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : null;
    const healthy = running ? await fetch(`${running}/health`).then((r) => r.ok, () => false) : false;
    if (running && healthy) {
      process.env.MEILI_URL = running;
      process.env.MEILI_MASTER_KEY = fs.readFileSync(file.replace(/meili\.url$/, "meili.key"), "utf8").trim();
    } else {
      stop = (await launchBundled(databasePath())).stop;
    }
  }
  const result = await reindex((done) => process.stdout.write(`\r${done} threads indexed`));
  console.log(`\nReindexed ${result.documents} threads in ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.documents / (result.ms / 1000))}/s).`);
  stop();
  closeDatabase();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
