/**
 * `npm run rerender`: cooks every post, announcement and knowledge-base summary
 * again from its Markdown source (after a change to app/markdown). The database
 * is DATABASE_PATH, or data/kollegi.db.
 */
import { closeDatabase, databasePath } from "../../db/index";
import { MARKDOWN_VERSION } from "~/markdown/markdown.server";
import { rerenderAll } from "~/markdown/rerender.server";

const started = performance.now();
try {
  const counts = rerenderAll();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Re-rendered ${databasePath()} with Markdown version ${MARKDOWN_VERSION} in ${seconds} s:`);
  for (const [name, { rows, changed }] of Object.entries(counts)) {
    console.log(`  ${name}: ${rows} rows, ${changed} changed`);
  }
} finally {
  closeDatabase();
}
