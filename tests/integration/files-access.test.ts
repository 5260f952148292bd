/**
 * Every way to reach an attached file, on real SQLite and real stored files: the file routes'
 * loaders called as the server calls them, with session cookies. A file is read exactly like
 * what holds it (a public thread's post by anyone, a members-only network's by its members, a
 * pending upload by its uploader alone, a hidden post's or a removed thread's by its author and
 * moderators, a moderator-removed file by moderators and admins, a purged one by nobody), and
 * whoever may not read it gets the same 404 as for an id that never existed. Every 200 carries
 * the headers that keep a stored file from acting as a page of the site. Then the moderators'
 * removal: who may, what it writes (mark, log, notification), and what the post shows after.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import fs from "node:fs";
import path from "node:path";
import { and, eq, max } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { REMOVED_KEPT_MS, setAttachments, storeUploads } from "~/files/attachments.server";
import { purgeFiles } from "~/files/purge.server";
import { createEntry } from "~/kb/kb.server";
import { decide, flagPost } from "~/moderation/flags.server";
import { listLog } from "~/moderation/log.server";
import { deleteThread, restoreThread } from "~/moderation/thread-actions.server";
import { openNotification } from "~/notifications/notifications.server";
import { createAnswer } from "~/posts/posts.server";
import { loader as fileLoader } from "~/routes/files.$id.$name";
import { loader as previewLoader } from "~/routes/files.$id.preview.$width";
import { action as modFileAction, loader as modFileLoader } from "~/routes/mod.files.$id";
import { loader as logLoader } from "~/routes/mod.log";
import { action as modPostAction, loader as modPostLoader } from "~/routes/mod.p.$id";
import { loader as notificationsLoader } from "~/routes/notifications";
import { createThread } from "~/threads/threads.server";
import { BASE, form, get, run, words } from "./helpers";
import { courseWorld } from "./courses-fixtures";
import { community, later, logOf, notificationsOf, threadPage, type Member } from "./moderation-fixtures";

type Community = Awaited<ReturnType<typeof community>>;
type Who = Member | null;

let shade = 0;
/** A real PNG, 800 × 600, a new colour each time (so a new blob, not the same file stored once). */
async function png(): Promise<Uint8Array<ArrayBuffer>> {
  shade += 1;
  const background = { r: (shade * 37) % 256, g: (shade * 91) % 256, b: (shade * 53) % 256 };
  return new Uint8Array(
    await sharp({ create: { width: 800, height: 600, channels: 3, background } })
      .png()
      .toBuffer(),
  );
}

/** A plain-text worksheet: a document, downloaded rather than shown. */
const worksheet = () => new TextEncoder().encode(`Рабочий лист по дробям №${(shade += 1)}\n1) 1/2 + 1/4 = ?\n`);

/** Through the real path: the user's pending upload, as the form's file field stores it. */
async function upload(user: Member, name: string, bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stored = await storeUploads(user.id, [new File([bytes], name)], "ru");
  expect(stored.errors).toEqual([]);
  expect(stored.ids).toHaveLength(1);
  return stored.ids[0]!;
}

let counter = 0;
function question(network: { id: number }, author: Member, attachmentIds: number[]) {
  counter += 1;
  const title = `Как объяснить дроби пятиклассникам, вариант ${process.pid}-${counter}`;
  const result = createThread(
    {
      kind: "question",
      title,
      body: `${title}: прикладываю рабочий лист и фото доски.`,
      tags: ["дроби"],
      networkId: network.id,
      authorId: author.id,
      attachmentIds,
    },
    later(),
  );
  if (!result.ok) throw new Error(result.error);
  const opening = getDb()
    .select({ id: schema.posts.id })
    .from(schema.posts)
    .where(and(eq(schema.posts.threadId, result.thread.id), eq(schema.posts.isOpening, true)))
    .get()!;
  return {
    id: result.thread.id,
    slug: result.thread.slug,
    param: `${result.thread.id}-${result.thread.slug}`,
    openingId: opening.id,
    title,
  };
}

function answerWith(threadId: number, author: Member, attachmentIds: number[]) {
  const result = createAnswer(
    { threadId, authorId: author.id, body: `Полоски бумаги: дети видят доли руками. ${(counter += 1)}`, attachmentIds },
    later(),
  );
  if (!result.ok) throw new Error(result.error);
  return result.postId;
}

function attachment(id: number) {
  return getDb().select().from(schema.attachments).where(eq(schema.attachments.id, id)).get()!;
}

function request(path: string, who: Who, headers: Record<string, string> = {}) {
  const init = new Headers(headers);
  if (who) init.set("Cookie", who.cookie);
  return new Request(`${BASE}${path}`, { headers: init });
}

/** The whole file, as /files/:id/:name answers. */
function fetchFile(id: number | string, who: Who, headers: Record<string, string> = {}) {
  return run(fileLoader, request(`/files/${id}/file`, who, headers), { id: String(id), name: "file" });
}

function fetchPreview(id: number | string, width: number | string, who: Who, headers: Record<string, string> = {}) {
  return run(previewLoader, request(`/files/${id}/preview/${width}`, who, headers), { id: String(id), width: String(width) });
}

/** What every 200 a file route gives must carry, whoever asked. */
function expectSafeHeaders(response: Response, disposition: "inline" | "attachment") {
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("Content-Security-Policy")).toMatch(/(^|;\s*)sandbox(;|$)/);
  expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
  expect(response.headers.get("Content-Disposition")?.split(";")[0]).toBe(disposition);
  expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]{32}(\.w\d+)?"$/);
}

/** A 404 that says nothing: the same body whether the file exists or not. */
async function expectNotFound(response: Response | Promise<Response>) {
  const answer = await response;
  expect(answer.status).toBe(404);
  expect(await answer.text()).toBe("Not found");
}

async function expectReadable(id: number, who: Who, cache: "public" | "private", disposition: "inline" | "attachment" = "inline") {
  const response = await fetchFile(id, who);
  expect(response.status).toBe(200);
  expectSafeHeaders(response, disposition);
  expect(response.headers.get("Cache-Control")?.split(",")[0]).toBe(cache);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(bytes.length).toBe(Number(response.headers.get("Content-Length")));
  return { response, bytes };
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const FIXTURES = path.resolve(__dirname, "../fixtures/files");
/** A real file of tests/fixtures/files (see its README): a phone photo with GPS, a PDF, a DOCX. */
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

describe("a file on a post of a public thread", () => {
  let c: Community;
  let image: number;
  let photo: number;
  let document: number;
  let pdf: number;
  let docx: number;
  beforeAll(async () => {
    c = await community("public");
    image = await upload(c.asker, "доска.png", await png());
    photo = await upload(c.asker, "тетрадь.jpg", fixture("photo-gps.jpg"));
    document = await upload(c.asker, "рабочий лист.txt", worksheet());
    pdf = await upload(c.asker, "рабочий лист.pdf", fixture("worksheet.pdf"));
    docx = await upload(c.asker, "план урока.docx", fixture("plan.docx"));
    question(c.network, c.asker, [image, photo, document, pdf, docx]);
  });

  it("is read by a guest, cached as public, shown inline as the image it is", async () => {
    const { response, bytes } = await expectReadable(image, null, "public");
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect([...bytes.slice(0, 4)]).toEqual(PNG_MAGIC);
    expect(response.headers.get("Content-Disposition")).toContain("filename");
  });

  it("serves a phone photo inline as a JPEG, without the place it was taken", async () => {
    const { response, bytes } = await expectReadable(photo, null, "public");
    expect(response.headers.get("Content-Type")).toBe("image/jpeg");
    const served = await sharp(bytes).metadata();
    expect(served.exif).toBeUndefined();
    expect(served.xmp).toBeUndefined();
    expect(Buffer.from(bytes).includes("GPS")).toBe(false);
  });

  it("is read by members and outsiders alike", async () => {
    for (const who of [c.members[0]!, c.outsider, c.admin]) await expectReadable(image, who, "public");
  });

  it("downloads a document as an attachment, never shown as a page", async () => {
    const text = await expectReadable(document, null, "public", "attachment");
    expect(text.response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const worksheetPdf = await expectReadable(pdf, c.outsider, "public", "attachment");
    expect(worksheetPdf.response.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(worksheetPdf.bytes)).toEqual(Buffer.from(fixture("worksheet.pdf")));
    const plan = await expectReadable(docx, null, "public", "attachment");
    expect(plan.response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(plan.response.headers.get("Content-Disposition")).toContain("filename*=UTF-8''");
  });

  it("serves the previews it stored, as WebP, and nothing at a width it did not store", async () => {
    const preview = await fetchPreview(image, 320, null);
    expect(preview.status).toBe(200);
    expectSafeHeaders(preview, "inline");
    expect(preview.headers.get("Content-Type")).toBe("image/webp");
    expect((await sharp(new Uint8Array(await preview.arrayBuffer())).metadata()).width).toBe(320);
    for (const width of [321, 100, 5000, "abc", "320.5", "-320"]) await expectNotFound(fetchPreview(image, width, null));
    await expectNotFound(fetchPreview(document, 320, null));
  });

  it("answers a request with the ETag it gave by a 304 without the bytes, and a stale one with the file", async () => {
    const first = await fetchFile(image, null);
    const etag = first.headers.get("ETag")!;
    const again = await fetchFile(image, null, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
    expect(again.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const stale = await fetchFile(image, null, { "If-None-Match": '"0000"' });
    expect(stale.status).toBe(200);
    const preview = await fetchPreview(image, 320, null);
    const previewEtag = preview.headers.get("ETag")!;
    expect(previewEtag).not.toBe(etag);
    expect((await fetchPreview(image, 320, null, { "If-None-Match": previewEtag })).status).toBe(304);
  });
});

describe("a file on a post of a members-only network", () => {
  let c: Community;
  let image: number;
  beforeAll(async () => {
    c = await community("members");
    image = await upload(c.asker, "журнал.png", await png());
    question(c.network, c.asker, [image]);
  });

  it("is a 404 to a guest and to an outsider, like an id that does not exist", async () => {
    await expectNotFound(fetchFile(image, null));
    await expectNotFound(fetchFile(image, c.outsider));
    await expectNotFound(fetchPreview(image, 320, c.outsider));
    // The ETag of the file does not get a stranger a 304 either.
    const etag = (await fetchFile(image, c.asker)).headers.get("ETag")!;
    await expectNotFound(fetchFile(image, c.outsider, { "If-None-Match": etag }));
  });

  it("is read by its members and admins, cached only privately", async () => {
    for (const who of [c.asker, c.members[0]!, c.moderator, c.admin]) await expectReadable(image, who, "private");
    const preview = await fetchPreview(image, 640, c.members[1]!);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("Cache-Control")?.split(",")[0]).toBe("private");
  });
});

describe("a pending upload (a form not yet published)", () => {
  let c: Community;
  let pending: number;
  beforeAll(async () => {
    c = await community("public");
    pending = await upload(c.asker, "черновик.png", await png());
  });

  it("is its uploader's alone, privately", async () => {
    await expectReadable(pending, c.asker, "private");
    expect((await fetchPreview(pending, 320, c.asker)).status).toBe(200);
  });

  it("is a 404 to everyone else, a moderator and an admin too", async () => {
    for (const who of [null, c.answerer, c.moderator, c.admin, c.outsider]) {
      await expectNotFound(fetchFile(pending, who));
      await expectNotFound(fetchPreview(pending, 320, who));
    }
  });

  it("has no moderation page: it belongs to no network (404, not 403)", async () => {
    for (const who of [c.moderator, c.admin]) {
      await expectNotFound(run(modFileLoader, get(`/mod/files/${pending}`, { cookie: who.cookie }), { id: String(pending) }));
    }
  });
});

describe("a file on a hidden post", () => {
  let c: Community;
  let image: number;
  let postId: number;
  beforeAll(async () => {
    c = await community("public");
    const q = question(c.network, c.asker, []);
    image = await upload(c.answerer, "ответ.png", await png());
    postId = answerWith(q.id, c.answerer, [image]);
    // One mentor's flag hides a post at once (flagHidesPost).
    expect(flagPost({ postId, userId: c.mentor.id, reason: "rude", note: "" })).toEqual({ ok: true, hidden: true });
  });

  it("is read by its author, the network's moderators and admins, never cached publicly", async () => {
    for (const who of [c.answerer, c.moderator, c.admin]) await expectReadable(image, who, "private");
  });

  it("is a 404 to everyone else, the mentor who flagged it too", async () => {
    for (const who of [null, c.asker, c.members[0]!, c.mentor, c.outsider]) await expectNotFound(fetchFile(image, who));
  });
});

describe("a file in a removed thread", () => {
  let c: Community;
  let onQuestion: number;
  let onAnswer: number;
  beforeAll(async () => {
    c = await community("public");
    onQuestion = await upload(c.asker, "вопрос.png", await png());
    const q = question(c.network, c.asker, [onQuestion]);
    onAnswer = await upload(c.answerer, "ответ.png", await png());
    answerWith(q.id, c.answerer, [onAnswer]);
    expect(deleteThread({ threadId: q.id, moderatorId: c.moderator.id, reason: "Реклама курсов, не вопрос" })).toEqual({ ok: true });
  });

  it("is read by whoever wrote its post and by moderators, privately", async () => {
    await expectReadable(onQuestion, c.asker, "private");
    await expectReadable(onAnswer, c.answerer, "private");
    for (const id of [onQuestion, onAnswer]) for (const who of [c.moderator, c.admin]) await expectReadable(id, who, "private");
  });

  it("is a 404 to the thread's readers", async () => {
    for (const who of [null, c.members[0]!, c.outsider]) {
      await expectNotFound(fetchFile(onQuestion, who));
      await expectNotFound(fetchFile(onAnswer, who));
    }
  });
});

describe("a purged file, and ids that were never given", () => {
  let c: Community;
  let purged: number;
  let q: ReturnType<typeof question>;
  beforeAll(async () => {
    c = await community("public");
    purged = await upload(c.asker, "старое.png", await png());
    q = question(c.network, c.asker, [purged]);
    expect(deleteThread({ threadId: q.id, moderatorId: c.moderator.id, reason: "Реклама курсов, не вопрос" })).toEqual({ ok: true });
  });

  it("is kept for the moderators for 30 days, then housekeeping's purge takes it from everyone", async () => {
    await expectReadable(purged, c.moderator, "private");
    await purgeFiles(new Date(Date.now() + REMOVED_KEPT_MS - 60_000));
    await expectReadable(purged, c.asker, "private");
    await purgeFiles(new Date(Date.now() + REMOVED_KEPT_MS + 60_000));
    for (const who of [null, c.asker, c.moderator, c.admin]) {
      await expectNotFound(fetchFile(purged, who));
      await expectNotFound(fetchPreview(purged, 320, who));
    }
    expect((await threadPage(q.param, c.asker.cookie)).data!.opening.attachments).toEqual([]);
  });

  it("a guessed id is the same 404 as a forbidden one, never a 403, for anyone", async () => {
    const last =
      getDb()
        .select({ id: max(schema.attachments.id) })
        .from(schema.attachments)
        .get()!.id ?? 0;
    for (const id of [last + 1, last + 1000, 0, -1, "abc", "1e3", "9007199254740993", ""]) {
      for (const who of [null, c.asker, c.admin]) {
        await expectNotFound(fetchFile(id, who));
        await expectNotFound(fetchPreview(id, 320, who));
      }
    }
  });
});

/** The removal form on the post's moderation page, sent as the browser sends it. */
function removeOnPostPage(postId: number, attachmentId: number, who: Member, reason = "На фото видны лица учеников") {
  const path = `/mod/p/${postId}`;
  return run(
    modPostAction,
    form(path, { intent: "removeAttachment", attachmentId: String(attachmentId), reason }, { cookie: who.cookie }),
    {
      id: String(postId),
    },
  );
}

describe("a moderator removing a file", () => {
  let c: Community;
  let elsewhere: Community;
  let q: ReturnType<typeof question>;
  let image: number;
  let kept: number;
  const reason = "На фото видны лица учеников";
  beforeAll(async () => {
    c = await community("public");
    elsewhere = await community("public");
    image = await upload(c.asker, "класс.png", await png());
    kept = await upload(c.asker, "план урока.txt", worksheet());
    q = question(c.network, c.asker, [image, kept]);
  });

  it("is refused to a plain member and to a moderator of another network, and nothing changes", async () => {
    expect((await removeOnPostPage(q.openingId, image, c.members[0]!)).status).toBe(403);
    expect((await removeOnPostPage(q.openingId, image, elsewhere.moderator)).status).toBe(403);
    const path = `/mod/files/${image}`;
    const fields = { intent: "removeAttachment", attachmentId: String(image), reason };
    for (const who of [c.members[0]!, c.asker, elsewhere.moderator]) {
      expect((await run(modFileAction, form(path, fields, { cookie: who.cookie }), { id: String(image) })).status).toBe(403);
      expect((await run(modFileLoader, get(path, { cookie: who.cookie }), { id: String(image) })).status).toBe(403);
    }
    expect(attachment(image).removedAt).toBeNull();
    expect(logOf("attachment", image)).toEqual([]);
    await expectReadable(image, null, "public");
  });

  it("needs a reason the author can read, kept with what was typed, in Russian beside the field", async () => {
    const response = await removeOnPostPage(q.openingId, image, c.moderator, "нет");
    expect(response.status).toBe(400);
    const reply = await response.json();
    expect(reply.form).toBe(`remove-file-${image}`);
    expect(words(reply.result.error.reason)).toEqual(["Не короче 5 символов."]);
    expect(reply.result.initialValue.reason).toBe("нет");
    expect(attachment(image).removedAt).toBeNull();
  });

  it("refuses, on a post's page, a file of another post", async () => {
    const other = question(c.network, c.asker, [await upload(c.asker, "чужое.png", await png())]);
    const otherFile = getDb().select().from(schema.attachments).where(eq(schema.attachments.postId, other.openingId)).get()!;
    expect((await removeOnPostPage(q.openingId, otherFile.id, c.moderator)).status).toBe(400);
    expect(attachment(otherFile.id).removedAt).toBeNull();
  });

  it("marks it removed, logs it in the network and tells its uploader, in one go", async () => {
    const before = Date.now();
    const response = await removeOnPostPage(q.openingId, image, c.moderator);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/mod/p/${q.openingId}?done=fileRemoved`);
    const row = attachment(image);
    expect(row.removedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(row.removedById).toBe(c.moderator.id);
    expect(row.removedReason).toBe(reason);
    expect(row.purgeAfter!.getTime() - row.removedAt!.getTime()).toBe(REMOVED_KEPT_MS);
    expect(attachment(kept).removedAt).toBeNull();

    const log = logOf("attachment", image);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ networkId: c.network.id, actorId: c.moderator.id, action: "attachment.remove", reason });

    const notices = notificationsOf(c.asker.id).filter((n) => n.kind === "attachment_removed");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.threadId).toBe(q.id);
    expect(notices[0]!.data).toMatchObject({ postId: q.openingId, attachmentId: image, name: "класс.png", reason });
  });

  it("leaves the file to moderators and admins: its uploader, members and guests get a 404", async () => {
    for (const who of [c.moderator, c.admin]) await expectReadable(image, who, "private");
    for (const who of [null, c.asker, c.members[0]!, elsewhere.moderator]) {
      await expectNotFound(fetchFile(image, who));
      await expectNotFound(fetchPreview(image, 320, who));
    }
    await expectReadable(kept, null, "public", "attachment");
  });

  it("shows, where the file was, that a moderator removed it and why", async () => {
    for (const who of [null, c.asker]) {
      const page = await threadPage(q.param, who?.cookie);
      expect(page.status).toBe(200);
      const files = page.data!.opening.attachments as any[];
      expect(files.find((f) => f.id === image)).toMatchObject({ name: "класс.png", removed: { reason } });
      expect(files.find((f) => f.id === kept)).toMatchObject({ removed: null });
    }
  });

  it("tells the uploader in words, and the bell leads to the post", async () => {
    const data = await (await run(notificationsLoader, get("/notifications", { cookie: c.asker.cookie }))).json();
    expect(data.notifications.map((n: any) => n.text)).toContain(
      `Модератор убрал файл «класс.png» из вашего сообщения в теме «${q.title}». Причина: ${reason}`,
    );
    const notice = notificationsOf(c.asker.id).find((n) => n.kind === "attachment_removed")!;
    expect(openNotification(c.asker.id, notice.id)).toBe(`/t/${q.id}-${q.slug}?post=${q.openingId}`);
  });

  it("is an entry of the moderation log that reads as a sentence and leads to the file's page", async () => {
    const data = await (await run(logLoader, get("/mod/log", { cookie: c.moderator.cookie }))).json();
    const entry = data.rows.find((row: any) => row.url === `/mod/files/${image}`);
    expect(entry).toMatchObject({ action: "файл убран", target: "класс.png", extra: `из «${q.title}»`, reason });
    // And of the uploader's record: entries about a member include their files.
    const about = listLog({ networkIds: [c.network.id], includeSiteWide: false, aboutUserId: c.asker.id });
    expect(about.rows.map((row) => [row.action, row.targetId])).toContainEqual(["attachment.remove", image]);
  });

  it("is done once: a second removal says so and logs nothing more", async () => {
    const response = await removeOnPostPage(q.openingId, image, c.admin);
    expect(response.status).toBe(400);
    expect(words((await response.json()).result.error[""])).toEqual(["Этот файл уже убран."]);
    expect(logOf("attachment", image)).toHaveLength(1);
    expect(attachment(image).removedById).toBe(c.moderator.id);
  });

  it("shows the moderator the post's files: the removed one with who and why, the other with its form", async () => {
    const data = await (
      await run(modPostLoader, get(`/mod/p/${q.openingId}`, { cookie: c.moderator.cookie }), { id: String(q.openingId) })
    ).json();
    const removed = data.files.find((f: any) => f.id === image);
    expect(removed.removal).toMatchObject({ by: c.moderator.displayName, reason });
    expect(removed.moderateUrl).toBe(`/mod/files/${image}`);
    expect(data.files.find((f: any) => f.id === kept).removal).toBeNull();
  });

  it("works from the file's own page too, for an admin", async () => {
    const path = `/mod/files/${kept}`;
    const page = await (await run(modFileLoader, get(path, { cookie: c.admin.cookie }), { id: String(kept) })).json();
    expect(page.shownIn).toMatchObject({ url: `/t/${q.id}-${q.slug}?post=${q.openingId}`, moderate: `/mod/p/${q.openingId}` });
    expect(page.file.uploader.id).toBe(c.asker.id);
    const fields = { intent: "removeAttachment", attachmentId: String(kept), reason: "Копия чужого учебника целиком" };
    const response = await run(modFileAction, form(path, fields, { cookie: c.admin.cookie }), { id: String(kept) });
    expect(response.headers.get("Location")).toBe(`/mod/files/${kept}?done=removed`);
    expect(attachment(kept)).toMatchObject({ removedById: c.admin.id, removedReason: "Копия чужого учебника целиком" });
    await expectNotFound(fetchFile(kept, null));
  });
});

describe("a file of a module's materials or of a knowledge-base entry", () => {
  let world: Awaited<ReturnType<typeof courseWorld>>;
  let onModule: number;
  let onEntry: number;
  let entryId: number;
  beforeAll(async () => {
    world = await courseWorld("open", "members");
    // Attached as the materials' and the entry's forms attach them (setAttachments in their transaction).
    onModule = await upload(world.asker, "задачи PISA.txt", worksheet());
    onEntry = await upload(world.answerer, "памятка.png", await png());
    const entry = createEntry({
      networkId: world.network.id,
      authorId: world.moderator.id,
      title: "Дроби на полосках бумаги",
      summary: "Полоски бумаги и пицца: дети видят доли руками.",
      sources: [question(world.network, world.asker, []).id],
      tags: ["дроби"],
    });
    if (!entry.ok) throw new Error(entry.error);
    entryId = entry.id;
    getDb().transaction((tx) => {
      setAttachments(tx, { moduleId: world.modules[0]!.id }, world.asker.id, [onModule]);
      setAttachments(tx, { kbEntryId: entryId }, world.answerer.id, [onEntry]);
    });
  });

  it("is read like its network: members and admins privately, a 404 to guests and outsiders", async () => {
    await expectReadable(onModule, world.members[0]!, "private", "attachment");
    await expectReadable(onEntry, world.admin, "private");
    for (const who of [null, world.outsider]) {
      await expectNotFound(fetchFile(onModule, who));
      await expectNotFound(fetchFile(onEntry, who));
    }
  });

  it("is removed from its moderation page, and the bell leads its uploader to the module or the entry", async () => {
    const cases = [
      { id: onModule, uploader: world.asker, place: world.modules[0]!.title, url: `${world.base}/modules/${world.modules[0]!.id}` },
      { id: onEntry, uploader: world.answerer, place: "Дроби на полосках бумаги", url: `/n/${world.slug}/kb/${entryId}` },
    ];
    for (const { id, uploader, place, url } of cases) {
      const path = `/mod/files/${id}`;
      const page = await (await run(modFileLoader, get(path, { cookie: world.moderator.cookie }), { id: String(id) })).json();
      expect(page.shownIn.url).toBe(url);
      const fields = { intent: "removeAttachment", attachmentId: String(id), reason: "Материал с персональными данными" };
      expect((await run(modFileAction, form(path, fields, { cookie: world.moderator.cookie }), { id: String(id) })).status).toBe(302);
      await expectNotFound(fetchFile(id, world.members[0]!));
      expect(logOf("attachment", id)[0]).toMatchObject({ networkId: world.network.id, action: "attachment.remove" });
      const notice = notificationsOf(uploader.id).find((n) => n.kind === "attachment_removed")!;
      expect(notice.threadId).toBeNull();
      expect(openNotification(uploader.id, notice.id)).toBe(url);
      const list = await (await run(notificationsLoader, get("/notifications", { cookie: uploader.cookie }))).json();
      const name = attachment(id).name;
      expect(list.notifications.map((n: any) => n.text)).toContain(
        `Модератор убрал файл «${name}» из материалов «${place}». Причина: Материал с персональными данными`,
      );
    }
  });
});

describe("a removed post's files", () => {
  let c: Community;
  beforeAll(async () => {
    c = await community("public");
  });
  const purgeIn = (id: number) => {
    const row = attachment(id);
    return row.purgeAfter === null ? null : row.purgeAfter.getTime() - Date.now();
  };
  /** Kept REMOVED_KEPT_MS from the removal (give or take the test's own seconds). */
  const expectKept = (id: number) => {
    const left = purgeIn(id);
    expect(left).not.toBeNull();
    expect(Math.abs(left! - REMOVED_KEPT_MS)).toBeLessThan(60_000);
  };

  it("are kept for 30 days when a moderator hides the post, and again for good when it comes back", async () => {
    const q = question(c.network, c.asker, []);
    const file = await upload(c.answerer, "скрытое.png", await png());
    const postId = answerWith(q.id, c.answerer, [file]);
    expect(purgeIn(file)).toBeNull();
    expect(decide({ postId, moderatorId: c.moderator.id, decision: "hide", reason: "Грубость в адрес коллеги" })).toEqual({ ok: true });
    expectKept(file);
    expect(decide({ postId, moderatorId: c.moderator.id, decision: "keep", reason: "" })).toEqual({ ok: true });
    expect(purgeIn(file)).toBeNull();
  });

  it("are kept for 30 days when flags hide the post", async () => {
    const q = question(c.network, c.asker, []);
    const file = await upload(c.answerer, "по жалобе.png", await png());
    const postId = answerWith(q.id, c.answerer, [file]);
    flagPost({ postId, userId: c.mentor.id, reason: "spam", note: "" });
    expectKept(file);
  });

  it("go with a removed question: its own and its visible answers'; restored, all are kept again", async () => {
    const onQuestion = await upload(c.asker, "вопрос.png", await png());
    const q = question(c.network, c.asker, [onQuestion]);
    const onAnswer = await upload(c.answerer, "ответ.png", await png());
    answerWith(q.id, c.answerer, [onAnswer]);
    const onHidden = await upload(c.members[0]!, "скрытый ответ.png", await png());
    const hidden = answerWith(q.id, c.members[0]!, [onHidden]);
    const hiddenAt = new Date(Date.now() - 10 * 24 * 3600_000);
    decide({ postId: hidden, moderatorId: c.moderator.id, decision: "hide", reason: "Не по теме вопроса" }, hiddenAt);
    const hiddenClock = attachment(onHidden).purgeAfter!.getTime();
    expect(hiddenClock).toBe(hiddenAt.getTime() + REMOVED_KEPT_MS);

    expect(deleteThread({ threadId: q.id, moderatorId: c.moderator.id, reason: "Реклама курсов, не вопрос" })).toEqual({ ok: true });
    expectKept(onQuestion);
    expectKept(onAnswer);
    // An answer hidden on its own keeps its own clock.
    expect(attachment(onHidden).purgeAfter!.getTime()).toBe(hiddenClock);

    expect(restoreThread({ threadId: q.id, moderatorId: c.moderator.id })).toEqual({ ok: true });
    expect(purgeIn(onQuestion)).toBeNull();
    expect(purgeIn(onAnswer)).toBeNull();
    expect(attachment(onHidden).purgeAfter!.getTime()).toBe(hiddenClock);
  });
});
