/**
 * Files through the real forms (issue 14): the ask and answer actions with real multipart
 * bodies carrying real files (tests/fixtures/files), the store on disk, the clean-up. Who may
 * read a file is tests/integration/files-access.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { uploadsDir } from "../../db/backup";
import { databasePath } from "../../db/index";
import { attachmentsOf, setAttachments, storeUploads, uploadedToday } from "~/files/attachments.server";
import { DAILY_UPLOAD_BYTES, MAX_FILE_BYTES, MAX_FILES_PER_ITEM } from "~/files/formats";
import { purgeFiles } from "~/files/purge.server";
import { blobKey, fileStore, previewKey } from "~/files/storage.server";
import { loader as fileLoader } from "~/routes/files.$id.$name";
import { loader as previewLoader } from "~/routes/files.$id.preview.$width";
import { action as askAction } from "~/routes/n.$slug_.ask";
import { action as threadAction } from "~/routes/t.$thread/route";
import { createThread } from "~/threads/threads.server";
import { DAY_MS } from "~/utils/zoned-time";
import { get, makeNetwork, makeUser, multipart, run, words } from "./helpers";

const FIXTURES = path.resolve(__dirname, "../fixtures/files");
const fixture = (name: string) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))) });
const naughty: string[] = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/bad-input/blns.json"), "utf8"));

const { attachments, fileBlobs, threads, posts } = schema;

async function teacherIn(network = makeNetwork()) {
  return { network, teacher: await makeUser({ networkId: network.id }) };
}

const question = (overrides: Record<string, string | string[]> = {}) => ({
  intent: "publish",
  confirmed: "1",
  kind: "question",
  title: "Рабочий лист по дробям: что поправить?",
  body: "Прикладываю фото доски и сам лист.",
  tags: "математика",
  ...overrides,
});

type FormReply = { result: { initialValue?: Record<string, unknown> }; attachments: { id: number; name: string }[]; fileErrors: string[] };

function blobOf(attachmentId: number) {
  return getDb()
    .select()
    .from(fileBlobs)
    .innerJoin(attachments, eq(attachments.blobHash, fileBlobs.hash))
    .where(eq(attachments.id, attachmentId))
    .get()!.file_blobs;
}

describe("a question with a photo and a worksheet", () => {
  it("is published with both: the photo without its EXIF and with previews, the PDF with its page count", async () => {
    const { network, teacher } = await teacherIn();
    const response = await run(
      askAction,
      multipart(`/n/${network.slug}/ask`, question(), [fixture("photo-gps.jpg"), fixture("worksheet.pdf")], { cookie: teacher.cookie }),
      { slug: network.slug },
    );
    expect(response.status).toBe(302);
    const thread = getDb().select().from(threads).where(eq(threads.authorId, teacher.id)).get()!;
    const opening = getDb().select().from(posts).where(eq(posts.threadId, thread.id)).get()!;
    const files = attachmentsOf({ postId: opening.id });
    expect(files.map((f) => [f.name, f.format, f.kind])).toEqual([
      ["photo-gps.jpg", "jpeg", "image"],
      ["worksheet.pdf", "pdf", "document"],
    ]);
    expect(files[1]!.pages).toBe(3);

    const photo = blobOf(files[0]!.id);
    const stored = (await fileStore().read(blobKey(photo.storageKey)))!;
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(stored.includes(Buffer.from("Exif\0\0"))).toBe(false);
    // Orientation 6 was applied: the stored photo stands upright, its sides swapped.
    const original = await sharp(fixture("photo-gps.jpg").bytes).metadata();
    expect([metadata.width, metadata.height]).toEqual([original.height, original.width]);
    expect(files[0]!.previews.map((p) => p.width)).toEqual(photo.previewWidths.split(",").map(Number));
    for (const { width } of files[0]!.previews) {
      const preview = (await fileStore().read(previewKey(photo.storageKey, width)))!;
      expect((await sharp(preview).metadata()).format).toBe("webp");
      expect(preview.length).toBeLessThan(stored.length);
    }
    // One address per file: plain digits only.
    const id = files[0]!.id;
    expect((await run(fileLoader, get(`/files/${id}/x`), { id: String(id), name: "x" })).status).toBe(200);
    for (const other of [`${id}.0`, `0x${id.toString(16)}`, `${id}e0`, ` ${id}`]) {
      expect((await run(fileLoader, get(`/files/x/x`), { id: other, name: "x" })).status).toBe(404);
    }
    const width = String(files[0]!.previews[0]!.width);
    expect((await run(previewLoader, get(`/files/${id}/preview/${width}`), { id: String(id), width })).status).toBe(200);
    expect((await run(previewLoader, get(`/files/${id}/preview/${width}.0`), { id: String(id), width: `${width}.0` })).status).toBe(404);

    // Pending no more: nothing to purge tomorrow.
    expect(
      getDb()
        .select()
        .from(attachments)
        .where(eq(attachments.postId, opening.id))
        .all()
        .map((a) => a.purgeAfter),
    ).toEqual([null, null]);
  });

  it("without JavaScript, 'upload the chosen files' keeps the text and lists the file, publishing nothing", async () => {
    const { network, teacher } = await teacherIn();
    const response = await run(
      askAction,
      multipart(`/n/${network.slug}/ask`, question({ intent: "upload", title: "" }), [fixture("plan.docx")], { cookie: teacher.cookie }),
      { slug: network.slug },
    );
    expect(response.status).toBe(200);
    const reply = (await response.json()) as FormReply;
    expect(reply.attachments.map((a) => a.name)).toEqual(["plan.docx"]);
    expect(reply.fileErrors).toEqual([]);
    expect(reply.result.initialValue?.body).toBe("Прикладываю фото доски и сам лист.");
    expect(getDb().select().from(threads).where(eq(threads.authorId, teacher.id)).all()).toEqual([]);

    // Published later with the id the form carries; a second file chosen then joins it.
    const publish = await run(
      askAction,
      multipart(`/n/${network.slug}/ask`, question({ attachment: String(reply.attachments[0]!.id) }), [fixture("notes.txt")], {
        cookie: teacher.cookie,
      }),
      { slug: network.slug },
    );
    expect(publish.status).toBe(302);
    const thread = getDb().select().from(threads).where(eq(threads.authorId, teacher.id)).get()!;
    const opening = getDb().select().from(posts).where(eq(posts.threadId, thread.id)).get()!;
    const files = attachmentsOf({ postId: opening.id });
    expect(files.map((f) => [f.name, f.format, f.pages])).toEqual([
      ["plan.docx", "docx", 2],
      ["notes.txt", "txt", null],
    ]);
  });

  it("carries another teacher's pending file nowhere", async () => {
    const { network, teacher } = await teacherIn();
    const other = await makeUser({ networkId: network.id });
    const { ids } = await storeUploads(other.id, [new File([fixture("worksheet.pdf").bytes], "чужой.pdf")], "ru");
    const response = await run(
      askAction,
      multipart(`/n/${network.slug}/ask`, question({ attachment: String(ids[0]) }), [], { cookie: teacher.cookie }),
      { slug: network.slug },
    );
    expect(response.status).toBe(400);
    const reply = (await response.json()) as FormReply;
    expect(words(reply.fileErrors)).toEqual(["Этот файл уже не прикреплён к форме: загрузите его ещё раз."]);
    expect(reply.attachments).toEqual([]);
  });
});

describe("files that are refused", () => {
  const refusals: [string, { name: string; bytes: Uint8Array }, string][] = [
    ["an SVG with a script", fixture("evil.svg"), "Файл «evil.svg» такого типа прикрепить нельзя."],
    ["a zip archive", fixture("archive.zip"), "Файл «archive.zip» такого типа прикрепить нельзя."],
    ["a program", fixture("program.exe"), "Файл «program.exe» такого типа прикрепить нельзя."],
    ["a 0-byte file", fixture("empty.bin"), "Файл «empty.bin» пустой."],
    ["an image claiming 20,000 × 20,000 pixels", fixture("bomb.png"), "Изображение «bomb.png» слишком большое."],
    ["a file one byte over the limit", { name: "скан.pdf", bytes: new Uint8Array(MAX_FILE_BYTES + 1) }, "Файл «скан.pdf» больше 10 МБ."],
  ];
  for (const [what, file, words_] of refusals) {
    it(`${what}: named beside the field, the text kept, nothing published`, async () => {
      const { network, teacher } = await teacherIn();
      const response = await run(askAction, multipart(`/n/${network.slug}/ask`, question(), [file], { cookie: teacher.cookie }), {
        slug: network.slug,
      });
      expect(response.status).toBe(400);
      const reply = (await response.json()) as FormReply;
      expect(words(reply.fileErrors).join(" ")).toContain(words_);
      expect(reply.result.initialValue?.title).toBe("Рабочий лист по дробям: что поправить?");
      expect(getDb().select().from(threads).where(eq(threads.authorId, teacher.id)).all()).toEqual([]);
    });
  }

  it("a PNG renamed .pdf is taken for what it is: an image, named .png", async () => {
    const { teacher } = await teacherIn();
    const { ids, errors } = await storeUploads(
      teacher.id,
      [new File([fixture("lies.pdf").bytes], "lies.pdf", { type: "application/pdf" })],
      "ru",
    );
    expect(errors).toEqual([]);
    const blob = blobOf(ids[0]!);
    expect([blob.format, blob.mime]).toEqual(["png", "image/png"]);
    expect(getDb().select().from(attachments).where(eq(attachments.id, ids[0]!)).get()!.name).toBe("lies.png");
  });

  it(`more than ${MAX_FILES_PER_ITEM} files: the first ${MAX_FILES_PER_ITEM} kept, the rest refused with a message`, async () => {
    const { network, teacher } = await teacherIn();
    const texts = Array.from({ length: MAX_FILES_PER_ITEM + 1 }, (_, i) => ({ name: `лист-${i}.txt`, bytes: Buffer.from(`Задание ${i}`) }));
    const response = await run(
      askAction,
      multipart(`/n/${network.slug}/ask`, question({ intent: "upload" }), texts, { cookie: teacher.cookie }),
      {
        slug: network.slug,
      },
    );
    const reply = (await response.json()) as FormReply;
    expect(reply.attachments).toHaveLength(MAX_FILES_PER_ITEM);
    expect(words(reply.fileErrors)).toEqual([`Можно прикрепить не больше ${MAX_FILES_PER_ITEM} файлов. Уберите лишние.`]);
  });

  it("past the day's total: refused with how much was uploaded", async () => {
    const { teacher } = await teacherIn();
    const first = await storeUploads(teacher.id, [new File([fixture("worksheet.pdf").bytes], "a.pdf")], "ru");
    getDb()
      .update(attachments)
      .set({ uploadedBytes: DAILY_UPLOAD_BYTES - 10 })
      .where(eq(attachments.id, first.ids[0]!))
      .run();
    const second = await storeUploads(teacher.id, [new File([fixture("plan.docx").bytes], "b.docx")], "ru");
    expect(second.ids).toEqual([]);
    expect(words(second.errors)[0]).toMatch(/^За сутки можно загрузить 100 МБ, вы уже загрузили 100 МБ\./);
    expect(uploadedToday(teacher.id)).toBe(DAILY_UPLOAD_BYTES - 10);
  });

  it("naughty file names are stored as harmless display names, never as paths", async () => {
    const { teacher } = await teacherIn();
    const names = [...naughty.filter((_, i) => i % 25 === 0), "../../etc/passwd", "C:\\Users\\x\\план.txt", "invoice\u202Etxt.exe", ""];
    const files = names.map((name) => new File([`строка ${name}`], name));
    for (let i = 0; i < files.length; i += MAX_FILES_PER_ITEM) {
      const { ids, errors } = await storeUploads(teacher.id, files.slice(i, i + MAX_FILES_PER_ITEM), "ru");
      expect(errors).toEqual([]);
      for (const row of getDb().select().from(attachments).where(inArray(attachments.id, ids)).all()) {
        expect(row.name).not.toMatch(/[/\\\u0000-\u001f\u202a-\u202e]/);
        expect(row.name.endsWith(".txt")).toBe(true);
      }
    }
  });
});

describe("the store", () => {
  it("keeps the same file uploaded twice once", async () => {
    const { teacher } = await teacherIn();
    const before = getDb().select().from(fileBlobs).all().length;
    const one = await storeUploads(teacher.id, [new File([fixture("screenshot.png").bytes], "one.png")], "ru");
    const two = await storeUploads(teacher.id, [new File([fixture("screenshot.png").bytes], "two.png")], "ru");
    expect(one.ids[0]).not.toBe(two.ids[0]);
    expect(blobOf(one.ids[0]!).hash).toBe(blobOf(two.ids[0]!).hash);
    expect(getDb().select().from(fileBlobs).all().length - before).toBeLessThanOrEqual(1);
  });

  it("an answer's files come with it; an edit that drops one lets it go", async () => {
    const { network, teacher } = await teacherIn();
    const asker = await makeUser({ networkId: network.id });
    const created = createThread({
      kind: "question",
      title: "Как оценивать проекты?",
      body: "Подскажите.",
      tags: ["проекты"],
      networkId: network.id,
      authorId: asker.id,
    });
    if (!created.ok) throw new Error("thread");
    const response = await run(
      threadAction,
      multipart(
        `/t/${created.thread.id}`,
        { intent: "answer", body: "Вот мой критериальный лист." },
        [fixture("plan.docx"), fixture("notes.txt")],
        {
          cookie: teacher.cookie,
        },
      ),
      { thread: String(created.thread.id) },
    );
    expect(response.status).toBe(302);
    const answer = getDb().select().from(posts).where(eq(posts.authorId, teacher.id)).get()!;
    const files = attachmentsOf({ postId: answer.id });
    expect(files.map((f) => f.name)).toEqual(["plan.docx", "notes.txt"]);
    getDb().transaction((tx) => setAttachments(tx, { postId: answer.id }, teacher.id, [files[1]!.id]));
    expect(attachmentsOf({ postId: answer.id }).map((f) => f.name)).toEqual(["notes.txt"]);
    const dropped = getDb().select().from(attachments).where(eq(attachments.id, files[0]!.id)).get()!;
    expect(dropped.postId).toBeNull();
    expect(dropped.purgeAfter).not.toBeNull();
  });

  it("housekeeping drops unpublished uploads after a day, with their bytes, and keeps what a post holds", async () => {
    const { network, teacher } = await teacherIn();
    const now = new Date();
    const orphan = await storeUploads(teacher.id, [new File([Buffer.from(`черновик ${now.getTime()}`)], "черновик.txt")], "ru", now);
    const kept = await storeUploads(teacher.id, [new File([Buffer.from(`лист ${now.getTime()}`)], "лист.txt")], "ru", now);
    const created = createThread({
      kind: "question",
      title: "Вопрос с файлом",
      body: "Файл ниже.",
      tags: ["файлы"],
      networkId: network.id,
      authorId: teacher.id,
      attachmentIds: kept.ids,
    });
    expect(created.ok).toBe(true);
    const orphanBlob = blobOf(orphan.ids[0]!);
    const file = path.join(
      uploadsDir(databasePath()),
      orphanBlob.storageKey.slice(0, 2),
      orphanBlob.storageKey.slice(2, 4),
      orphanBlob.storageKey,
    );
    expect(fs.existsSync(file)).toBe(true);

    await purgeFiles(new Date(now.getTime() + DAY_MS - 60_000));
    expect(getDb().select().from(attachments).where(eq(attachments.id, orphan.ids[0]!)).get()).toBeDefined();

    await purgeFiles(new Date(now.getTime() + DAY_MS + 60_000));
    expect(getDb().select().from(attachments).where(eq(attachments.id, orphan.ids[0]!)).get()).toBeUndefined();
    expect(getDb().select().from(fileBlobs).where(eq(fileBlobs.hash, orphanBlob.hash)).get()).toBeUndefined();
    expect(fs.existsSync(file)).toBe(false);
    expect(getDb().select().from(attachments).where(eq(attachments.id, kept.ids[0]!)).get()).toBeDefined();
  });
});
