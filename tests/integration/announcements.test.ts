/* eslint-disable @typescript-eslint/no-explicit-any -- loader JSON read loosely in tests */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import {
  acknowledge,
  createAnnouncement,
  pendingForUser,
  receiptCounts,
  remind,
  REMINDER_SPACING_MS,
} from "~/announcements/announcements.server";
import { listNotifications, openNotification } from "~/notifications/notifications.server";
import { loader as rootLoader } from "~/root";
import { action as ackAction, loader as ackLoader } from "~/routes/a.$id_.ack";
import { action as editAction, loader as editLoader } from "~/routes/a.$id_.edit";
import { loader as csvLoader } from "~/routes/a.$id_.receipts[.csv]";
import { action as remindAction } from "~/routes/a.$id_.remind";
import { loader as pageLoader } from "~/routes/a.$id/route";
import { loader as notificationsLoader } from "~/routes/notifications";
import { loader as listLoader } from "~/routes/n.$slug_.announcements._index";
import { action as newAction, loader as newLoader } from "~/routes/n.$slug_.announcements.new";
import { form, get, run, words } from "./helpers";
import { acknowledgementsOf, announcementNotices, announcementRow, school, type Member } from "./announcements-fixtures";
import { expectStatus } from "./moderation-fixtures";

type School = Awaited<ReturnType<typeof school>>;

const fields = (extra: Record<string, string> = {}) => ({
  title: "Педсовет переносится на четверг",
  body: "Коллеги, педсовет переносится на **четверг, 15:00**. Повестка прежняя.",
  audience: "network",
  ackRequired: "on",
  ...extra,
});

async function publish(s: School, who: Member, extra: Record<string, string> = {}) {
  const response = await run(newAction, form(`/n/${s.network.slug}/announcements/new`, fields(extra), { cookie: who.cookie }), {
    slug: s.network.slug,
  });
  await expectStatus(response, 302);
  return Number(/^\/a\/(\d+)$/.exec(response.headers.get("Location")!)![1]);
}

async function page(id: number, who: Member, query = "") {
  const response = await run(pageLoader, get(`/a/${id}${query}`, { cookie: who.cookie }), { id: String(id) });
  return { status: response.status, data: response.status === 200 ? await response.json() : null };
}

async function ack(id: number, who: Member, redirectTo?: string) {
  return run(ackAction, form(`/a/${id}/ack`, redirectTo === undefined ? {} : { redirectTo }, { cookie: who.cookie }), { id: String(id) });
}

async function banner(who: Member) {
  const data = await (await run(rootLoader, get("/n/x", { cookie: who.cookie }))).json();
  return data.user.pending as { rows: Array<{ id: number; title: string }>; total: number };
}

describe("publishing", () => {
  it("a moderator publishes a required announcement to the network: rendered Markdown, no bell for anyone (the banner is the signal)", async () => {
    const s = await school();
    const form = await (
      await run(newLoader, get(`/n/${s.network.slug}/announcements/new`, { cookie: s.moderator.cookie }), { slug: s.network.slug })
    ).json();
    // The network first, then the courses by title.
    expect(form.audiences.map((a: any) => a.value)).toEqual(["network", String(s.otherCourse.id), String(s.course.id)]);
    const id = await publish(s, s.moderator);
    const row = announcementRow(id);
    expect(row).toMatchObject({ networkId: s.network.id, courseId: null, authorId: s.moderator.id, ackRequired: true, editedAt: null });
    expect(row.bodyHtml).toContain("<strong>четверг, 15:00</strong>");
    for (const t of s.teachers) expect(announcementNotices(t.id)).toHaveLength(0);
  });

  it("one that needs no acknowledgement notifies each recipient once, not its author, and stays out of the banner", async () => {
    const s = await school();
    const id = await publish(s, s.moderator, { ackRequired: "" });
    expect(announcementRow(id).ackRequired).toBe(false);
    for (const who of [...s.teachers, s.curator]) expect(announcementNotices(who.id, "announcement_published")).toHaveLength(1);
    expect(announcementNotices(s.moderator.id)).toHaveLength(0);
    expect((await banner(s.teachers[0]!)).total).toBe(0);
  });

  it("a curator publishes to their course only; the network or another course is refused on the field, input kept", async () => {
    const s = await school();
    const form = await (
      await run(newLoader, get(`/n/${s.network.slug}/announcements/new?course=${s.course.id}`, { cookie: s.curator.cookie }), {
        slug: s.network.slug,
      })
    ).json();
    expect(form.audiences.map((a: any) => a.value)).toEqual([String(s.course.id)]);
    expect(form.preselected).toBe(String(s.course.id));
    for (const audience of ["network", String(s.otherCourse.id)]) {
      const refused = await run(newAction, form_(s, s.curator, { audience }), { slug: s.network.slug });
      expect(refused.status).toBe(400);
      const body = await refused.json();
      expect(body.result.error.audience).toEqual(["announcements.errors.audienceForbidden"]);
      expect(body.result.initialValue.title).toBe("Педсовет переносится на четверг");
    }
    const id = await publish(s, s.curator, { audience: String(s.course.id) });
    expect(announcementRow(id).courseId).toBe(s.course.id);
  });

  it("teachers, outsiders and a moderator of another network may not publish here", async () => {
    const s = await school();
    for (const who of [s.teachers[0]!, s.outsider, s.otherModerator]) {
      expect(
        (await run(newLoader, get(`/n/${s.network.slug}/announcements/new`, { cookie: who.cookie }), { slug: s.network.slug })).status,
      ).toBe(403);
      expect((await run(newAction, form_(s, who), { slug: s.network.slug })).status).toBe(403);
    }
  });

  it("bad input gets field messages and keeps what was typed; the preview renders without saving", async () => {
    const s = await school();
    const bad = await run(newAction, form_(s, s.moderator, { title: "Ой", body: "", audience: "999999" }), { slug: s.network.slug });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.result.error).toMatchObject({ body: ["errors.required"] });
    expect(words(body.result.error.title)).toEqual(["Не короче 5 символов."]);
    expect(body.result.initialValue).toMatchObject({ title: "Ой", audience: "999999", ackRequired: "on" });
    const preview = await run(newAction, form_(s, s.moderator, { intent: "preview", body: "*важно*" }), { slug: s.network.slug });
    expect(preview.status).toBe(200);
    expect((await preview.json()).preview).toContain("<em>важно</em>");
  });
});

function form_(s: School, who: Member, extra: Record<string, string> = {}) {
  return form(`/n/${s.network.slug}/announcements/new`, fields(extra), { cookie: who.cookie });
}

describe("acknowledging and the counts", () => {
  it("11 recipients, 7 then 8 acknowledge: 7 of 11 (63%), 8 of 11 (72%); the lists name who has and who has not", async () => {
    const s = await school();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: null,
      authorId: s.curator.id,
      title: "Методический день",
      body: "Всем быть к девяти.",
      ackRequired: true,
    });
    for (const t of s.teachers.slice(0, 7)) await expectStatus(await ack(id, t), 302);
    const counts = receiptCounts(announcementRow(id));
    // Ten teachers and the moderator are members; the author (the curator here) is not a recipient.
    expect(counts).toEqual({ recipients: 11, acknowledged: 7, percent: 63 });
    await expectStatus(await ack(id, s.moderator), 302);
    const { data } = await page(id, s.moderator);
    expect(data.receipts).toMatchObject({ recipients: 11, acknowledged: 8, pending: 3, percent: 72 });
    expect(data.receipts.pendingRows.map((r: any) => r.name)).toEqual(["Учитель 07", "Учитель 08", "Учитель 09"]);
    expect(data.receipts.pendingRows[0].school).toBe("Школа № 8");
    expect(data.receipts.acknowledgedRows).toHaveLength(8);
    expect(data.receipts.acknowledgedRows.every((r: any) => typeof r.at === "string")).toBe(true);
  });

  it("a course announcement counts its enrolled teachers and curators: 4 + 1, the non-enrolled cannot see it", async () => {
    const s = await school();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: s.course.id,
      authorId: s.moderator.id,
      title: "Модуль 2 открыт",
      body: "Материалы второго модуля опубликованы.",
      ackRequired: true,
    });
    for (const t of s.teachers.slice(0, 3)) await ack(id, t);
    expect(receiptCounts(announcementRow(id))).toEqual({ recipients: 5, acknowledged: 3, percent: 60 });
    expect((await page(id, s.teachers[5]!)).status).toBe(404);
    expect((await banner(s.teachers[5]!)).total).toBe(0);
    expect((await banner(s.teachers[3]!)).rows.map((r) => r.id)).toEqual([id]);
    // The curator sees the receipts of their course's announcement, and acknowledges it as a recipient.
    const curatorView = await page(id, s.curator);
    expect(curatorView.data.receipts).toMatchObject({ recipients: 5, acknowledged: 3 });
    expect(curatorView.data.canAcknowledge).toBe(true);
    expect(curatorView.data.canEdit).toBe(false);
  });

  it("acknowledging twice (double click, two tabs) writes exactly one row and keeps the first time", async () => {
    const s = await school();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: null,
      authorId: s.moderator.id,
      title: "Проверка связи",
      body: "Нажмите «Я прочитал(а)».",
      ackRequired: true,
    });
    const teacher = s.teachers[0]!;
    await Promise.all([ack(id, teacher), ack(id, teacher)]);
    const first = acknowledgementsOf(id);
    expect(first).toHaveLength(1);
    expect(acknowledge(id, teacher.id, new Date(Date.now() + 60_000))).toBe(false);
    expect(acknowledgementsOf(id)).toEqual(first);
    const { data } = await page(id, teacher, "?acknowledged");
    expect(data.acknowledged).toBeTruthy();
    expect(data.justAcknowledged).toBe(true);
  });

  it("the banner's button returns to the page it was pressed on, never to another site", async () => {
    const s = await school();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: null,
      authorId: s.moderator.id,
      title: "Новое расписание",
      body: "Расписание на вторую четверть.",
      ackRequired: true,
    });
    const back = await ack(id, s.teachers[0]!, `/n/${s.network.slug}?view=solved`);
    expect(back.headers.get("Location")).toBe(`/n/${s.network.slug}?view=solved`);
    for (const evil of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      expect((await ack(id, s.teachers[1]!, evil)).headers.get("Location")).toBe(`/a/${id}?acknowledged`);
    }
    expect((await run(ackLoader, get(`/a/${id}/ack`, { cookie: s.teachers[2]!.cookie }), { id: String(id) })).headers.get("Location")).toBe(
      `/a/${id}`,
    );
    expect(acknowledgementsOf(id)).toHaveLength(2);
  });

  it("who may not acknowledge: the author, a non-recipient, an outsider; the announcement is a 404 to those it is hidden from", async () => {
    const s = await school();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: s.course.id,
      authorId: s.curator.id,
      title: "Только для курса",
      body: "Текст только для слушателей курса.",
      ackRequired: true,
    });
    expect((await ack(id, s.curator)).status).toBe(403);
    expect((await ack(id, s.teachers[7]!)).status).toBe(404);
    expect((await ack(id, s.outsider)).status).toBe(404);
    expect((await ack(id, s.otherModerator)).status).toBe(404);
    expect((await page(id, s.otherModerator)).status).toBe(404);
    // A moderator of the network is staff, not a recipient of a course announcement.
    expect((await page(id, s.moderator)).data.canAcknowledge).toBe(false);
    expect((await ack(id, s.moderator)).status).toBe(403);
    expect(acknowledgementsOf(id)).toHaveLength(0);
  });
});

describe("the banner", () => {
  it("shows the newest three unacknowledged required announcements and how many more; goes when acknowledged", async () => {
    const s = await school();
    const t0 = Date.now();
    const ids = [1, 2, 3, 4, 5].map((n) =>
      createAnnouncement(
        {
          networkId: s.network.id,
          courseId: null,
          authorId: s.moderator.id,
          title: `Объявление ${n}`,
          body: "Прочитайте, пожалуйста.",
          ackRequired: true,
        },
        new Date(t0 + n * 1000),
      ),
    );
    createAnnouncement({
      networkId: s.network.id,
      courseId: null,
      authorId: s.moderator.id,
      title: "Без подтверждения",
      body: "Просто к сведению.",
      ackRequired: false,
    });
    const teacher = s.teachers[0]!;
    const before = await banner(teacher);
    expect(before.total).toBe(5);
    expect(before.rows.map((r) => r.title)).toEqual(["Объявление 5", "Объявление 4", "Объявление 3"]);
    await ack(ids[4]!, teacher);
    expect((await banner(teacher)).rows.map((r) => r.title)).toEqual(["Объявление 4", "Объявление 3", "Объявление 2"]);
    for (const id of ids) acknowledge(id, teacher.id);
    expect(await banner(teacher)).toEqual({ rows: [], total: 0 });
    // Its author never sees their own announcement there; nor does a signed-out visitor get anything.
    expect((await banner(s.moderator)).total).toBe(0);
    expect((await (await run(rootLoader, get("/"))).json()).user).toBeNull();
    expect(pendingForUser(s.teachers[1]!.id, 100).total).toBe(5);
    // A suspended account could not press "I have read this": it gets no banner it cannot dismiss.
    getDb()
      .update(schema.users)
      .set({ suspendedUntil: new Date(Date.now() + 86_400_000) })
      .where(eq(schema.users.id, s.teachers[1]!.id))
      .run();
    expect(pendingForUser(s.teachers[1]!.id, 100)).toEqual({ rows: [], total: 0 });
    getDb()
      .update(schema.users)
      .set({ suspendedUntil: new Date(Date.now() - 1000) })
      .where(eq(schema.users.id, s.teachers[1]!.id))
      .run();
    expect(pendingForUser(s.teachers[1]!.id, 100).total).toBe(5);
  });
});

describe("reminders", () => {
  it("remind only those who have not acknowledged, then refuse a second round within the hour with a clear message", async () => {
    const s = await school();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: null,
      authorId: s.moderator.id,
      title: "Сдать отчёты",
      body: "Отчёты до пятницы.",
      ackRequired: true,
    });
    for (const t of s.teachers.slice(0, 7)) acknowledge(id, t.id);
    const first = await run(remindAction, form(`/a/${id}/remind`, {}, { cookie: s.moderator.cookie }), { id: String(id) });
    expect(first.headers.get("Location")).toBe(`/a/${id}?reminded=4#receipts`);
    for (const t of s.teachers.slice(0, 7)) expect(announcementNotices(t.id, "announcement_reminder")).toHaveLength(0);
    for (const who of [...s.teachers.slice(7), s.curator]) expect(announcementNotices(who.id, "announcement_reminder")).toHaveLength(1);
    expect(announcementRow(id).lastRemindedAt).not.toBeNull();

    const second = await run(remindAction, form(`/a/${id}/remind`, {}, { cookie: s.moderator.cookie }), { id: String(id) });
    const location = second.headers.get("Location")!;
    expect(location).toMatch(/\?tooSoon=\d+#receipts$/);
    expect(Number(/tooSoon=(\d+)/.exec(location)![1])).toBe(announcementRow(id).lastRemindedAt!.getTime() + REMINDER_SPACING_MS);
    const shown = await page(id, s.moderator, location.slice(location.indexOf("?"), location.indexOf("#")));
    expect(shown.data.receipts.nextReminder).toBeTruthy();
    expect(announcementNotices(s.teachers[9]!.id, "announcement_reminder")).toHaveLength(1);

    // An hour later the next round goes, to those still not acknowledged.
    acknowledge(id, s.teachers[9]!.id);
    const later = new Date(announcementRow(id).lastRemindedAt!.getTime() + REMINDER_SPACING_MS);
    expect(remind(id, later)).toEqual({ ok: true, reminded: 3 });
    expect(announcementNotices(s.teachers[9]!.id, "announcement_reminder")).toHaveLength(1);
    expect(announcementNotices(s.teachers[8]!.id, "announcement_reminder")).toHaveLength(2);
  });

  it("two reminders at the same moment send one round", async () => {
    const s = await school();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: null,
      authorId: s.moderator.id,
      title: "Одновременно",
      body: "Два модератора нажали сразу.",
      ackRequired: true,
    });
    const now = new Date();
    const results = [remind(id, now), remind(id, now)];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(announcementNotices(s.teachers[0]!.id, "announcement_reminder")).toHaveLength(1);
  });

  it("teachers may not remind; the reminder reads well in the bell, leads to the announcement, and is marked read by acknowledging", async () => {
    const s = await school();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: null,
      authorId: s.moderator.id,
      title: "Собрание в пятницу",
      body: "Собрание в пятницу в актовом зале.",
      ackRequired: true,
    });
    expect((await run(remindAction, form(`/a/${id}/remind`, {}, { cookie: s.teachers[0]!.cookie }), { id: String(id) })).status).toBe(403);
    remind(id);
    const teacher = s.teachers[0]!;
    const ru = await (await run(notificationsLoader, get("/notifications", { cookie: teacher.cookie }))).json();
    expect(ru.notifications[0].text).toBe("Напоминание: прочитайте объявление «Собрание в пятницу» и подтвердите прочтение.");
    expect(ru.notifications[0].networkName).toBe(s.network.name);
    const en = await (await run(notificationsLoader, get("/notifications", { cookie: teacher.cookie, lang: "en" }))).json();
    expect(en.notifications[0].text).toBe("Reminder: please read “Собрание в пятницу” and confirm you have read it.");
    const notice = announcementNotices(teacher.id)[0]!;
    expect(openNotification(teacher.id, notice.id)).toBe(`/a/${id}`);
    const other = s.teachers[1]!;
    await ack(id, other);
    expect(listNotifications(other.id, 1).unread).toBe(0);
  });
});

describe("the CSV export", () => {
  it("lists every recipient with school, yes/no and the time in the network's zone; formulas are defused", async () => {
    const s = await school();
    const { getDb, schema } = await import("../../db/index");
    const { eq } = await import("drizzle-orm");
    getDb()
      .update(schema.users)
      .set({ school: '=HYPERLINK("http://evil.example","Школа")', displayName: '+Учитель "Кавычки"; и точка с запятой' })
      .where(eq(schema.users.id, s.teachers[0]!.id))
      .run();
    getDb().update(schema.users).set({ school: "@SUM(1+1)", displayName: "-Минус" }).where(eq(schema.users.id, s.teachers[1]!.id)).run();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: s.course.id,
      authorId: s.moderator.id,
      title: "Список",
      body: "Проверка выгрузки списка.",
      ackRequired: true,
    });
    // 2026-03-02 09:05 UTC is 16:05 in Tomsk (UTC+7).
    acknowledge(id, s.teachers[0]!.id, new Date(Date.UTC(2026, 2, 2, 9, 5)));
    const response = await run(csvLoader, get(`/a/${id}/receipts.csv`, { cookie: s.moderator.cookie }), { id: String(id) });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain(`announcement-${id}-receipts.csv`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A byte-order mark, so that Excel reads the Cyrillic as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n").filter(Boolean);
    // Semicolons, as Russian Excel splits columns; the English export uses commas.
    expect(lines[0]).toBe("Имя;Эл. почта;Школа;Прочитано;Время подтверждения (Asia/Tomsk)");
    expect(lines).toHaveLength(1 + 5);
    expect(lines[1]).toBe(
      `"'+Учитель ""Кавычки""; и точка с запятой";${s.teachers[0]!.email};"'=HYPERLINK(""http://evil.example"",""Школа"")";да;2026-03-02 16:05`,
    );
    expect(lines.find((l) => l.includes("Минус"))).toBe(`'-Минус;${s.teachers[1]!.email};'@SUM(1+1);нет;`);
    expect(lines.filter((l) => l.endsWith(";нет;"))).toHaveLength(4);
    const en = await (
      await run(csvLoader, get(`/a/${id}/receipts.csv`, { cookie: s.moderator.cookie, lang: "en" }), { id: String(id) })
    ).text();
    expect(en.split("\r\n")[0]).toBe("Name,Email,School,Acknowledged,Acknowledged at (Asia/Tomsk)");
    expect(en.split("\r\n").find((l) => l.includes("Минус"))).toBe(`'-Минус,${s.teachers[1]!.email},'@SUM(1+1),no,`);
  });

  it("is for staff only", async () => {
    const s = await school();
    const id = createAnnouncement({
      networkId: s.network.id,
      courseId: null,
      authorId: s.moderator.id,
      title: "Список",
      body: "Проверка выгрузки списка.",
      ackRequired: true,
    });
    expect((await run(csvLoader, get(`/a/${id}/receipts.csv`, { cookie: s.teachers[0]!.cookie }), { id: String(id) })).status).toBe(403);
    expect((await run(csvLoader, get(`/a/${id}/receipts.csv`, { cookie: s.otherModerator.cookie }), { id: String(id) })).status).toBe(404);
    expect((await run(csvLoader, get(`/a/${id}/receipts.csv`, { cookie: s.admin.cookie }), { id: String(id) })).status).toBe(200);
  });
});

describe("editing", () => {
  it("the author edits title, text and the requirement; edited_at is set, acknowledgements stay, nobody is notified again", async () => {
    const s = await school();
    const id = await publish(s, s.curator, { audience: String(s.course.id) });
    for (const t of s.teachers.slice(0, 2)) await ack(id, t);
    const loaded = await (await run(editLoader, get(`/a/${id}/edit`, { cookie: s.curator.cookie }), { id: String(id) })).json();
    expect(loaded.defaultValue).toMatchObject({ title: "Педсовет переносится на четверг", ackRequired: true });
    const saved = await run(
      editAction,
      form(
        `/a/${id}/edit`,
        { title: "Педсовет переносится на пятницу", body: "Коллеги, педсовет в **пятницу**.", ackRequired: "on" },
        { cookie: s.curator.cookie },
      ),
      { id: String(id) },
    );
    expect(saved.headers.get("Location")).toBe(`/a/${id}`);
    const row = announcementRow(id);
    expect(row).toMatchObject({ title: "Педсовет переносится на пятницу", courseId: s.course.id });
    expect(row.editedAt).not.toBeNull();
    expect(row.bodyHtml).toContain("<strong>пятницу</strong>");
    expect(acknowledgementsOf(id)).toHaveLength(2);
    for (const t of s.teachers) expect(announcementNotices(t.id)).toHaveLength(0);
    const { data } = await page(id, s.teachers[3]!);
    expect(data.announcement.edited).toBeTruthy();
    expect(data.announcement.published).toBeTruthy();
  });

  it("bad input on edit: field messages, what was typed kept; teachers and other curators may not edit", async () => {
    const s = await school();
    const id = await publish(s, s.moderator);
    const bad = await run(editAction, form(`/a/${id}/edit`, { title: "", body: "короткий" }, { cookie: s.moderator.cookie }), {
      id: String(id),
    });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.result.error).toMatchObject({ title: ["errors.required"] });
    expect(words(body.result.error.body)).toEqual(["Не короче 10 символов."]);
    expect(body.result.initialValue.body).toBe("короткий");
    expect(announcementRow(id).title).toBe("Педсовет переносится на четверг");
    expect((await run(editLoader, get(`/a/${id}/edit`, { cookie: s.teachers[0]!.cookie }), { id: String(id) })).status).toBe(403);
    expect((await run(editAction, form(`/a/${id}/edit`, fields(), { cookie: s.curator.cookie }), { id: String(id) })).status).toBe(403);
  });
});

describe("the list", () => {
  it("a teacher sees the network's and their course's announcements newest first, marked read or awaiting confirmation", async () => {
    const s = await school();
    const t0 = Date.now();
    const network = createAnnouncement(
      {
        networkId: s.network.id,
        courseId: null,
        authorId: s.moderator.id,
        title: "Сетевое",
        body: "Для всей сети сразу.",
        ackRequired: true,
      },
      new Date(t0),
    );
    createAnnouncement(
      {
        networkId: s.network.id,
        courseId: s.course.id,
        authorId: s.curator.id,
        title: "Курсовое",
        body: "Для слушателей курса.",
        ackRequired: true,
      },
      new Date(t0 + 1000),
    );
    createAnnouncement(
      {
        networkId: s.network.id,
        courseId: s.otherCourse.id,
        authorId: s.moderator.id,
        title: "Чужой курс",
        body: "Для другого курса.",
        ackRequired: false,
      },
      new Date(t0 + 2000),
    );
    acknowledge(network, s.teachers[0]!.id);
    const list = async (who: Member) =>
      (await run(listLoader, get(`/n/${s.network.slug}/announcements`, { cookie: who.cookie }), { slug: s.network.slug })).json();
    const enrolled = await list(s.teachers[0]!);
    expect(enrolled.rows.map((r: any) => [r.title, r.acknowledged])).toEqual([
      ["Курсовое", false],
      ["Сетевое", true],
    ]);
    expect(enrolled.canCreate).toBe(false);
    expect((await list(s.teachers[6]!)).rows.map((r: any) => r.title)).toEqual(["Сетевое"]);
    const moderator = await list(s.moderator);
    expect(moderator.rows.map((r: any) => r.title)).toEqual(["Чужой курс", "Курсовое", "Сетевое"]);
    expect(moderator.canCreate).toBe(true);
    expect(
      (await run(listLoader, get(`/n/${s.network.slug}/announcements`, { cookie: s.outsider.cookie }), { slug: s.network.slug })).status,
    ).toBe(403);
  });

  it("in a public network, a teacher who left keeps no course announcement in the list (its link would say 404)", async () => {
    const s = await school("public");
    createAnnouncement({
      networkId: s.network.id,
      courseId: s.course.id,
      authorId: s.curator.id,
      title: "Курсовое",
      body: "Для слушателей курса.",
      ackRequired: true,
    });
    const teacher = s.teachers[0]!;
    const titles = async () =>
      (
        await (
          await run(listLoader, get(`/n/${s.network.slug}/announcements`, { cookie: teacher.cookie }), { slug: s.network.slug })
        ).json()
      ).rows.map((r: any) => r.title);
    expect(await titles()).toEqual(["Курсовое"]);
    getDb()
      .delete(schema.memberships)
      .where(and(eq(schema.memberships.userId, teacher.id), eq(schema.memberships.networkId, s.network.id)))
      .run();
    expect(await titles()).toEqual([]);
  });
});
