import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  announcementPath,
  courseEditPath,
  kbEntryPath,
  loginPath,
  modQueuePath,
  networkPath,
  notificationsPath,
  passwordSettingsPath,
  postInThreadIdPath,
  postInThreadPath,
  searchPath,
  threadPath,
  withQuery,
} from "./paths";

describe("paths", () => {
  it("put a thread's id and slug in its address", () => {
    expect(threadPath({ id: 12, slug: "zakon-oma" })).toBe("/t/12-zakon-oma");
    expect(postInThreadPath({ id: 12, slug: "zakon-oma" }, 40)).toBe("/t/12-zakon-oma?post=40");
    expect(postInThreadIdPath(12, 40)).toBe("/t/12?post=40");
  });

  it("leave empty and default values out of the query", () => {
    expect(networkPath("moskva", { view: null, tag: "", page: undefined })).toBe("/n/moskva");
    expect(networkPath("moskva", { view: "solved", page: 2 })).toBe("/n/moskva?view=solved&page=2");
    expect(modQueuePath(new URLSearchParams({ done: "keep", network: "kazan" }))).toBe("/mod?done=keep&network=kazan");
  });

  it("write a flag without a value, and an anchor last", () => {
    expect(passwordSettingsPath({ changed: true })).toBe("/settings/password?changed");
    expect(kbEntryPath("moskva", 3, { thanks: true }, "helpful")).toBe("/n/moskva/kb/3?thanks#helpful");
    expect(announcementPath(5, { reminded: 4 }, "receipts")).toBe("/a/5?reminded=4#receipts");
    expect(courseEditPath("moskva", 7, "modules")).toBe("/n/moskva/courses/7/edit#modules");
    expect(notificationsPath(undefined, "n-9")).toBe("/notifications#n-9");
  });

  it("encode what the query carries", () => {
    expect(loginPath("/t/12-zakon-oma?page=2")).toBe("/login?redirectTo=%2Ft%2F12-zakon-oma%3Fpage%3D2");
    expect(loginPath()).toBe("/login");
    expect(networkPath("moskva", { tag: "физика" })).toBe("/n/moskva?tag=%D1%84%D0%B8%D0%B7%D0%B8%D0%BA%D0%B0");
    expect(searchPath({ q: "закон & ом", network: "moskva" })).toBe(
      "/search?q=%D0%B7%D0%B0%D0%BA%D0%BE%D0%BD+%26+%D0%BE%D0%BC&network=moskva",
    );
    expect(withQuery("/x", { "a b": true })).toBe("/x?a%20b");
  });
});

/** Routes take every link from the paths module: a site path written by hand in a route fails. */
const ROUTES = path.resolve(__dirname, "routes");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes(".test.") ? [full] : [];
  });
}

/** A string or template literal that starts like a site path: `` `/t/${id}` ``, "/login?redirectTo=", '/mod'. */
const HAND_BUILT = /[`"']\/[a-zA-Z]/;

function handBuiltLines(file: string): string[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && HAND_BUILT.test(line))
    .map(({ line, number }) => `${path.relative(ROUTES, file)}:${number}: ${line.trim()}`);
}

describe("routes", () => {
  const files = routeFiles(ROUTES);

  it("build no URL by hand (they call app/paths.ts)", () => {
    const offending = files.flatMap(handBuiltLines);
    expect(offending).toEqual([]);
  });
});
