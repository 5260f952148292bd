import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb, schema } from "../../db/index";
import { renderMarkdown } from "~/markdown/markdown.server";
import { rerenderAll } from "~/markdown/rerender.server";
import { makeNetwork, makeUser } from "./helpers";

const { threads, posts, announcements, kbEntries } = schema;
const SOURCE = "Закон Ома: $I = U / R$ -- и никаких «но».";

test("re-rendering cooks every post, announcement and knowledge-base summary again from its source", async () => {
  const network = makeNetwork();
  const author = await makeUser({ networkId: network.id });
  const db = getDb();
  const now = new Date();
  const thread = db
    .insert(threads)
    .values({ networkId: network.id, authorId: author.id, kind: "question", title: "Закон Ома", slug: "zakon-oma", lastActivityAt: now })
    .returning()
    .get();
  const stale = "<p>старый HTML</p>";
  const post = db.insert(posts).values({ threadId: thread.id, authorId: author.id, bodySource: SOURCE, bodyHtml: stale }).returning().get();
  const fresh = db
    .insert(posts)
    .values({ threadId: thread.id, authorId: author.id, bodySource: "Уже свежий.", bodyHtml: renderMarkdown("Уже свежий.") })
    .returning()
    .get();
  const announcement = db
    .insert(announcements)
    .values({ networkId: network.id, authorId: author.id, title: "Вебинар", bodySource: SOURCE, bodyHtml: stale, publishedAt: now })
    .returning()
    .get();
  const entry = db
    .insert(kbEntries)
    .values({ networkId: network.id, authorId: author.id, title: "Закон Ома", summarySource: SOURCE, summaryHtml: stale, reviewedAt: now })
    .returning()
    .get();

  const counts = rerenderAll({ batchSize: 2 });

  const cooked = renderMarkdown(SOURCE);
  expect(cooked).toContain("<math>");
  expect(db.select().from(posts).where(eq(posts.id, post.id)).get()!.bodyHtml).toBe(cooked);
  expect(db.select().from(posts).where(eq(posts.id, fresh.id)).get()!.bodyHtml).toBe(renderMarkdown("Уже свежий."));
  expect(db.select().from(announcements).where(eq(announcements.id, announcement.id)).get()!.bodyHtml).toBe(cooked);
  expect(db.select().from(kbEntries).where(eq(kbEntries.id, entry.id)).get()!.summaryHtml).toBe(cooked);
  expect(counts.posts.rows).toBeGreaterThanOrEqual(2);
  expect(counts.posts.changed).toBeGreaterThanOrEqual(1);
  expect(counts.announcements.changed).toBeGreaterThanOrEqual(1);
  expect(counts.kbEntries.changed).toBeGreaterThanOrEqual(1);
});

test("a second run finds nothing to change", () => {
  rerenderAll();
  const again = rerenderAll();
  expect([again.posts.changed, again.announcements.changed, again.kbEntries.changed]).toEqual([0, 0, 0]);
});
