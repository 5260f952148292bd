/** One real Meilisearch process (the bundled binary) for the integration tests, on a free port. */
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startMeili } from "../../search/meili-process";

declare module "vitest" {
  export interface ProvidedContext {
    meiliUrl: string;
    meiliKey: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = path.resolve(__dirname, `../.tmp/meili-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const meili = await startMeili({ dbPath: path.join(dir, "data"), keyDir: dir, log: path.join(dir, "meili.log") });
  project.provide("meiliUrl", meili.url);
  project.provide("meiliKey", meili.key);
  return () => {
    meili.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
