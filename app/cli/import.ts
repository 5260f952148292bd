/**
 * `npm run import -- --network <slug> [--licence "CC BY-SA 3.0"] <file.jsonl>`:
 * imports threads from another Q&A site (format: docs/import-format.md).
 * Exit code 0: every line imported or already there; 1: nothing could start
 * (unknown network, missing file); 2: some lines were reported and skipped.
 */
import { parseArgs } from "node:util";
import { closeDatabase } from "../../db/index";
import { DEFAULT_LICENCE, importJsonl, UnknownNetworkError } from "~/import/import.server";

const USAGE = 'Usage: npm run import -- --network <slug> [--licence "CC BY-SA 3.0"] <file.jsonl>';

function main(): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  const network = args.values.network;
  const file = args.positionals[0];
  if (!network || !file || args.positionals.length > 1) {
    console.error(USAGE);
    return 1;
  }

  const started = performance.now();
  let result: ReturnType<typeof importJsonl>;
  try {
    result = importJsonl(network, file, { licence: args.values.licence ?? DEFAULT_LICENCE });
  } catch (error) {
    if (error instanceof UnknownNetworkError || isMissingFile(error)) {
      console.error(error instanceof Error ? error.message : String(error));
      return 1;
    }
    throw error;
  } finally {
    closeDatabase();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  console.log(
    `Imported ${result.imported} threads with ${result.answers} answers into "${network}" in ${seconds} s; ` +
      `${result.skipped} already imported; ${result.errors.length} ${result.errors.length === 1 ? "line" : "lines"} with errors.`,
  );
  for (const { line, message } of result.errors) console.error(`  line ${line}: ${message}`);
  return result.errors.length > 0 ? 2 : 0;
}

function parse() {
  return parseArgs({
    options: { network: { type: "string" }, licence: { type: "string" } },
    allowPositionals: true,
  });
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "EISDIR");
}

process.exitCode = main();
