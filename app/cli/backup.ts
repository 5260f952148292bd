/**
 * `npm run backup [-- <folder>]`: a consistent copy of the database (and uploads) while the
 * server runs, into data/backups/<time>/ or a new folder inside <folder>.
 * `npm run restore -- <backup folder> | latest`: puts one back, with the server stopped; the
 * search index is rebuilt at the next start (or by `npm run reindex`).
 */
import path from "node:path";
import { markForRebuild } from "../../search/start";
import { createBackup, listBackups, restoreBackup } from "../../db/backup";
import { databasePath } from "../../db/index";

const USAGE = "Usage: npm run backup [-- <folder>]\n       npm run restore -- <backup folder> | latest";

async function backup(into: string | undefined): Promise<void> {
  const started = Date.now();
  const { dir, manifest } = await createBackup(databasePath(), { into });
  const { users, threads, posts } = manifest.counts;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Backup written to ${dir} in ${seconds} s: ${users} users, ${threads} threads, ${posts} posts${manifest.uploads ? ", uploads" : ""}; integrity_check ok.`,
  );
}

function restore(which: string | undefined): void {
  const backups = listBackups(databasePath());
  if (!which) {
    console.log(`${USAGE}\n\nBackups beside ${databasePath()}:\n${backups.map((dir) => `  ${dir}`).join("\n") || "  (none)"}`);
    process.exitCode = 2;
    return;
  }
  const dir = which === "latest" ? backups.at(-1) : path.resolve(which);
  if (!dir) throw new Error(`No backups in ${path.dirname(databasePath())}/backups`);
  const { manifest, replacedInto } = restoreBackup(databasePath(), dir);
  markForRebuild(databasePath());
  const { users, threads, posts } = manifest.counts;
  console.log(
    `Restored ${dir} (taken ${manifest.createdAt}: ${users} users, ${threads} threads, ${posts} posts) into ${databasePath()}.\n` +
      `${replacedInto ? `What it replaced is in ${replacedInto}.` : "There was no database to replace."}\nThe search index is rebuilt when the server starts (or now: npm run reindex).`,
  );
}

async function main() {
  const [command, argument] = process.argv.slice(2);
  if (command === "backup") return backup(argument);
  if (command === "restore") return restore(argument);
  console.error(USAGE);
  process.exitCode = 2;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
