/**
 * The e2e run's one build and its shared server, with the demo data as `npm start` makes it.
 * Every e2e file talks to this server (the mentoring journey adds one of its own, server.ts);
 * tests make their own accounts in its database (people.ts) and only read the demo data.
 */
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildApp, root, startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    serverErrorLog: string;
    databasePath: string;
  }
}

export default async function setup({ provide }: TestProject) {
  buildApp();
  const server = await startServer({ dir: path.join(root, "tests/.tmp", `e2e-${process.pid}`), name: "shared" });
  provide("baseURL", server.baseURL);
  provide("serverErrorLog", server.errorLog);
  provide("databasePath", server.databasePath);
  return () => server.stop();
}
