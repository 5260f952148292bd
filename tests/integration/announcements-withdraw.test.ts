import { describe, expect, it } from "vitest";
import {
  acknowledge,
  createAnnouncement,
  pendingForUser,
  remind,
  restoreAnnouncement,
  withdrawAnnouncement,
} from "~/announcements/announcements.server";
import { digestContent } from "~/digest/digest.server";
import { listNotifications } from "~/notifications/notifications.server";
import { loader as rootLoader } from "~/root";
import { action as ackAction } from "~/routes/a.$id_.ack";
import { action as editAction, loader as editLoader } from "~/routes/a.$id_.edit";
import { action as remindAction } from "~/routes/a.$id_.remind";
import { loader as pageLoader } from "~/routes/a.$id/route";
import { loader as networkLoader } from "~/routes/n.$slug";
import { loader as listLoader } from "~/routes/n.$slug_.announcements._index";
import { form, get, run } from "./helpers";
import { acknowledgementsOf, announcementNotices, announcementRow, school, type Member } from "./announcements-fixtures";
import { expectStatus } from "./moderation-fixtures";

type School = Awaited<ReturnType<typeof school>>;

const required = (s: School, extra: { courseId?: number; authorId?: number; ackRequired?: boolean; at?: Date } = {}) =>
  createAnnouncement(
    {
      networkId: s.network.id,
      courseId: extra.courseId ?? null,
      authorId: extra.authorId ?? s.moderator.id,
      title: "Педсовет переносится на четверг",
      body: "Коллеги, педсовет переносится на четверг, 15:00.",
      ackRequired: extra.ackRequired ?? true,
    },
    extra.at,
  );

const intent = (id: number, who: Member, value: "withdraw" | "restore") =>
  run(editAction, form(`/a/${id}/edit`, { intent: value }, { cookie: who.cookie }), { id: String(id) });

async function page(id: number, who: Member) {
  const response = await run(pageLoader, get(`/a/${id}`, { cookie: who.cookie }), { id: String(id) });
  return { status: response.status, data: response.status === 404 || response.status === 403 ? null : await response.json() };
}

async function banner(who: Member) {
  const data = await (await run(rootLoader, get("/n/x", { cookie: who.cookie }))).json();
  return data.user.pending as { rows: Array<{ id: number }>; total: number };
}

const list = async (s: School, who: Member) =>
  (await (await run(listLoader, get(`/n/${s.network.slug}/announcements`, { cookie: who.cookie }), { slug: s.network.slug })).json())
    .rows as Array<{
    id: number;
    withdrawn: boolean;
  }>;

const strip = async (s: School, who: Member) =>
  (await (await run(networkLoader, get(`/n/${s.network.slug}`, { cookie: who.cookie }), { slug: s.network.slug })).json())
    .announcements as Array<{ id: number }>;

describe("withdrawing an announcement", () => {
  it("leaves the banner, the strip, the lists and the digest of its recipients; acknowledgements stay; restoring brings it back", async () => {
    const s = await school();
    const since = new Date(Date.now() - 60_000);
    const id = required(s);
    for (const t of s.teachers.slice(0, 3)) acknowledge(id, t.id);
    const reader = s.teachers[5]!;
    expect((await banner(reader)).rows.map((r) => r.id)).toEqual([id]);

    await expectStatus(await intent(id, s.moderator, "withdraw"), 302);
    expect(announcementRow(id).withdrawnAt).not.toBeNull();
    expect(await banner(reader)).toEqual({ rows: [], total: 0 });
    expect(pendingForUser(reader.id, 100).total).toBe(0);
    expect((await list(s, reader)).map((r) => r.id)).not.toContain(id);
    expect((await strip(s, reader)).map((r) => r.id)).not.toContain(id);
    expect(digestContent(reader.id, since, new Date(Date.now() + 60_000)).announcements).toEqual([]);
    // Never deleted: the three acknowledgements given before are all there.
    expect(acknowledgementsOf(id)).toHaveLength(3);
    // The moderator finds it again in the list, marked; not in the strip.
    expect((await list(s, s.moderator)).find((r) => r.id === id)).toMatchObject({ withdrawn: true });
    expect((await strip(s, s.moderator)).map((r) => r.id)).not.toContain(id);

    await expectStatus(await intent(id, s.moderator, "restore"), 302);
    expect(announcementRow(id).withdrawnAt).toBeNull();
    expect((await banner(reader)).rows.map((r) => r.id)).toEqual([id]);
    expect((await list(s, reader)).find((r) => r.id === id)).toMatchObject({ withdrawn: false });
    expect((await strip(s, reader)).map((r) => r.id)).toContain(id);
    expect(digestContent(reader.id, since, new Date(Date.now() + 60_000)).announcements.map((a) => a.id)).toEqual([id]);
    expect(acknowledgementsOf(id)).toHaveLength(3);
    // Those who had acknowledged it are not asked again; nobody is notified by a restore.
    expect((await banner(s.teachers[0]!)).total).toBe(0);
    for (const t of s.teachers) expect(announcementNotices(t.id)).toHaveLength(0);
  });

  it("a second withdraw keeps the first time; its staff see when, the receipts, and no Remind button", async () => {
    const s = await school();
    const id = required(s);
    acknowledge(id, s.teachers[0]!.id);
    const first = new Date(Date.now() - 3_600_000);
    expect(withdrawAnnouncement(id, first)).toBe(true);
    await expectStatus(await intent(id, s.moderator, "withdraw"), 302);
    expect(announcementRow(id).withdrawnAt).toEqual(first);
    const { status, data } = await page(id, s.moderator);
    expect(status).toBe(200);
    expect(data.withdrawn.iso).toBe(first.toISOString());
    expect(data.withdrawn.date).toBeTruthy();
    expect(data.textHidden).toBe(false);
    expect(data.announcement.bodyHtml).toContain("педсовет");
    expect(data.receipts).toMatchObject({ acknowledged: 1, canRemind: false });
    expect(data.canEdit).toBe(true);
    const edit = await (await run(editLoader, get(`/a/${id}/edit`, { cookie: s.moderator.cookie }), { id: String(id) })).json();
    expect(edit.withdrawn).toBeTruthy();
  });

  it("its recipients opening the link get a 410 with the title and when, not the text, and may no longer acknowledge it", async () => {
    const s = await school();
    const id = required(s);
    const acked = s.teachers[0]!;
    const other = s.teachers[1]!;
    acknowledge(id, acked.id);
    withdrawAnnouncement(id);
    const seen = await page(id, other);
    expect(seen.status).toBe(410);
    expect(seen.data).toMatchObject({ title: "Педсовет переносится на четверг", textHidden: true, canAcknowledge: false, receipts: null });
    expect(seen.data.announcement.bodyHtml).toBe("");
    expect(seen.data.withdrawn.date).toBeTruthy();
    // One who had acknowledged it still reads when they did.
    expect((await page(id, acked)).data.acknowledged).toBeTruthy();
    // A banner left open in another tab: the click lands on the page that says it was withdrawn; nothing written.
    const click = await run(ackAction, form(`/a/${id}/ack`, { redirectTo: "/" }, { cookie: other.cookie }), { id: String(id) });
    expect(click.headers.get("Location")).toBe(`/a/${id}`);
    expect(acknowledge(id, other.id)).toBe(false);
    expect(acknowledgementsOf(id).map((k) => k.userId)).toEqual([acked.id]);
    // Someone it was never addressed to still learns nothing: a 404, as before.
    const course = required(s, { courseId: s.course.id });
    withdrawAnnouncement(course);
    expect((await page(course, s.teachers[7]!)).status).toBe(404);
    expect((await page(course, s.outsider)).status).toBe(404);
  });

  it("a teacher may not withdraw or restore (403); a curator withdraws their own course announcement, not the moderator's", async () => {
    const s = await school();
    const id = required(s);
    const teacher = s.teachers[0]!;
    await expectStatus(await intent(id, teacher, "withdraw"), 403);
    expect(announcementRow(id).withdrawnAt).toBeNull();
    withdrawAnnouncement(id);
    await expectStatus(await intent(id, teacher, "restore"), 403);
    expect(announcementRow(id).withdrawnAt).not.toBeNull();

    const own = required(s, { courseId: s.course.id, authorId: s.curator.id });
    const moderators = required(s, { courseId: s.course.id });
    await expectStatus(await intent(own, s.curator, "withdraw"), 302);
    expect(announcementRow(own).withdrawnAt).not.toBeNull();
    await expectStatus(await intent(moderators, s.curator, "withdraw"), 403);
    expect(announcementRow(moderators).withdrawnAt).toBeNull();
    // Its author finds it in the list, marked; an enrolled teacher does not.
    expect((await list(s, s.curator)).find((r) => r.id === own)).toMatchObject({ withdrawn: true });
    expect((await list(s, s.teachers[0]!)).map((r) => r.id)).not.toContain(own);
    await expectStatus(await intent(own, s.curator, "restore"), 302);
    expect(announcementRow(own).withdrawnAt).toBeNull();
  });

  it("reminding about a withdrawn announcement is refused with a reason, and nobody is notified", async () => {
    const s = await school();
    const id = required(s);
    withdrawAnnouncement(id);
    const refused = await run(remindAction, form(`/a/${id}/remind`, {}, { cookie: s.moderator.cookie }), { id: String(id) });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toBe("announcements.errors.remindWithdrawn");
    expect(remind(id)).toEqual({ ok: false, reason: "withdrawn" });
    expect(announcementRow(id).lastRemindedAt).toBeNull();
    for (const t of s.teachers) expect(announcementNotices(t.id, "announcement_reminder")).toHaveLength(0);
  });

  it("notices of a withdrawn announcement leave the bell and come back with it", async () => {
    const s = await school();
    const id = required(s, { ackRequired: false });
    const teacher = s.teachers[0]!;
    expect(listNotifications(teacher.id, 1).unread).toBe(1);
    withdrawAnnouncement(id);
    expect(listNotifications(teacher.id, 1)).toMatchObject({ total: 0, unread: 0 });
    expect(restoreAnnouncement(id)).toBe(true);
    expect(restoreAnnouncement(id)).toBe(false);
    expect(listNotifications(teacher.id, 1).unread).toBe(1);
  });
});
