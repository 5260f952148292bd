/**
 * Every naughty string and XSS payload through the announcement form: a 400 with field messages and
 * the input kept, or a published announcement whose HTML went through the post sanitiser. Never a 500.
 */
import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { action as newAction } from "~/routes/n.$slug_.announcements.new";
import { form, run } from "./helpers";
import { school } from "./announcements-fixtures";

const badInput = path.resolve(__dirname, "../fixtures/bad-input");
const naughty: string[] = JSON.parse(fs.readFileSync(path.join(badInput, "blns.json"), "utf8"));
const xss = fs.readFileSync(path.join(badInput, "xss-payloads.txt"), "utf8").split("\n").filter(Boolean);

describe("bad input in the announcement form", () => {
  // Hundreds of form posts through the real action, each rendered: CPU-bound.
  it(
    "naughty strings and XSS payloads as title and body: saved sanitised or refused on the field, never a 500",
    { timeout: 180_000 },
    async () => {
      const s = await school();
      const statuses = new Map<number, number>();
      const countRows = () =>
        getDb().select({ n: count() }).from(schema.announcements).where(eq(schema.announcements.networkId, s.network.id)).get()!.n;
      for (const value of [...naughty, ...xss]) {
        const before = countRows();
        const response = await run(
          newAction,
          form(
            `/n/${s.network.slug}/announcements/new`,
            { title: value, body: value, audience: "network", ackRequired: "on" },
            { cookie: s.moderator.cookie },
          ),
          { slug: s.network.slug },
        );
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 400) {
          const body = (await response.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
          expect(
            Object.values(body.result.error)
              .flat()
              .every((m) => m.startsWith("errors.")),
          ).toBe(true);
          expect(body.result.initialValue.body ?? "").toBe(value);
          expect(countRows()).toBe(before);
        } else {
          expect(response.status).toBe(302);
          const id = Number(/\/a\/(\d+)$/.exec(response.headers.get("Location")!)![1]);
          const row = getDb().select().from(schema.announcements).where(eq(schema.announcements.id, id)).get()!;
          expect(row.title).toBe(value.normalize("NFC").trim());
          // Escaped text may say "onerror=" all it likes; no tag may carry a handler or a script URL.
          expect(row.bodyHtml).not.toMatch(
            /<script|<iframe|<[^>]*\son\w+\s*=|<[^>]+(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i,
          );
        }
      }
      expect([...statuses.keys()].sort()).toEqual([302, 400]);
    },
  );
});
