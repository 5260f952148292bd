/**
 * `npm run reindex`: rebuilds the search index from SQLite and swaps it in without downtime.
 * Uses MEILI_URL, or the bundled server the running forum started, or starts one itself.
 * A rebuild asked for by `npm run restore` (meili.rebuild) is done by this too.
 */
import fs from "node:fs";
import path from "node:path";
import { closeDatabase, databasePath } from "../../db/index";
import { reindex } from "../../search/reindex";
import { launchBundled, rebuildMarker, urlFile } from "../../search/start";

async function main() {
  let stop = () => {};
  process.once("exit", () => stop());
  if (!process.env.MEILI_URL) {
    const file = urlFile(databasePath());
    const running = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : null;
    const healthy = running
      ? await fetch(`${running}/health`).then(
          (r) => r.ok,
          () => false,
        )
      : false;
    if (running && healthy) {
      process.env.MEILI_URL = running;
      process.env.MEILI_MASTER_KEY = fs.readFileSync(path.join(path.dirname(file), "meili.key"), "utf8").trim();
    } else {
      const launched = await launchBundled(databasePath());
      stop = () => {
        launched.stop();
        fs.rmSync(file, { force: true });
      };
    }
  }
  const started = Date.now();
  const result = await reindex((done) => process.stdout.write(`\r${done} threads indexed`));
  // A restore that happened after this rebuild began still needs its own.
  const marker = rebuildMarker(databasePath());
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs < started) fs.rmSync(marker);
  console.log(
    `\nReindexed ${result.documents} threads in ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.documents / (result.ms / 1000))}/s).`,
  );
  stop();
  closeDatabase();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
