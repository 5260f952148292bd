/**
 * Announcements from moderators and curators, to a whole network or to one course, and the
 * acknowledgements of those they are addressed to (docs/decisions/012).
 *
 * Recipients are derived, never stored: a network announcement goes to the network's members, a
 * course announcement to the course's enrolled teachers and curators who are members of the network;
 * never to its author. Counts are always derived from the acknowledgement rows of the current
 * recipients: an acknowledgement is written once (primary key + INSERT OR IGNORE) and never deleted.
 * (The acknowledgement's time is the acknowledgements.created_at column, acknowledgedAt in drizzle.)
 */
import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { User } from "lucia";
import { getDb, schema } from "../../db/index";
import { renderMarkdown } from "~/markdown/markdown.server";
import { contextFor } from "~/permissions/context.server";
import { can, type Context, type NetworkScope } from "~/permissions/permissions";
import type { AnnouncementInput } from "./schemas";

const { announcements, acknowledgements, courses, courseCurators, courseEnrolments, users, networks } = schema;

/** A second nudge within the hour reads as nagging and teaches people to ignore the bell. */
export const REMINDER_SPACING_MS = 60 * 60_000;
/** A phone screen of names per receipts list. */
export const RECEIPTS_PER_PAGE = 50;
/** The banner stays a banner: three titles, then "and N more". */
export const BANNER_MAX = 3;
export const ANNOUNCEMENTS_PER_PAGE = 20;

export type Announcement = typeof announcements.$inferSelect;
type Audience = Pick<Announcement, "networkId" | "courseId" | "authorId">;

/** The user ids an announcement is addressed to, as a subquery. */
export function recipientsOf(a: Audience): SQL {
  if (a.courseId === null) {
    return sql`select m.user_id from memberships m where m.network_id = ${a.networkId} and m.user_id != ${a.authorId}`;
  }
  return sql`select r.user_id from (
      select user_id from course_enrolments where course_id = ${a.courseId}
      union select user_id from course_curators where course_id = ${a.courseId}) r
    where r.user_id != ${a.authorId}
      and exists (select 1 from memberships m where m.user_id = r.user_id and m.network_id = ${a.networkId})`;
}

/**
 * recipientsOf seen from one reader: whether the announcement `a` (the alias in the caller's query)
 * is addressed to userId — a member of its network and, for a course, enrolled in it or curating it.
 * The author is left to the caller (an author reads their own, but is not asked to acknowledge it).
 */
export function addressedTo(userId: number): SQL {
  return sql`(a.network_id in (select network_id from memberships where user_id = ${userId})
    and (a.course_id is null
         or a.course_id in (select course_id from course_enrolments where user_id = ${userId}
                            union select course_id from course_curators where user_id = ${userId})))`;
}

export function isRecipient(a: Audience, userId: number): boolean {
  const row = getDb().get<{ yes: number }>(sql`select exists (select 1 from (${recipientsOf(a)}) r where r.user_id = ${userId}) as yes`);
  return row?.yes === 1;
}

/** The actor's place in a course, as the permissions module reads it. */
function coursePlace(courseId: number, userId: number | null) {
  const course = getDb().select({ enrolment: courses.enrolment }).from(courses).where(eq(courses.id, courseId)).get();
  if (!course) return undefined;
  if (userId === null) return { enrolment: course.enrolment, curator: false, enrolled: false, listed: false };
  const db = getDb();
  const curator = db
    .select({ u: courseCurators.userId })
    .from(courseCurators)
    .where(and(eq(courseCurators.courseId, courseId), eq(courseCurators.userId, userId)))
    .get();
  const enrolled = db
    .select({ u: courseEnrolments.userId })
    .from(courseEnrolments)
    .where(and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.userId, userId)))
    .get();
  return { enrolment: course.enrolment, curator: curator !== undefined, enrolled: enrolled !== undefined, listed: false };
}

/** The permission context for publishing to an audience (courseId null: the whole network). */
export function audienceContext(user: User, network: NetworkScope & { id: number }, courseId: number | null): Context {
  const base = contextFor(user, network);
  if (courseId === null) return base;
  return { ...base, course: coursePlace(courseId, user.id) };
}

/** The permission context for acting on an existing announcement. */
export function announcementContext(user: User | null, network: NetworkScope & { id: number }, a: Announcement): Context {
  const base = contextFor(user, network);
  const recipient = user !== null && isRecipient(a, user.id);
  const course = a.courseId !== null ? coursePlace(a.courseId, user?.id ?? null) : undefined;
  return {
    ...base,
    ...(course ? { course } : {}),
    announcement: { authorId: a.authorId, courseId: a.courseId, recipient, withdrawn: a.withdrawnAt !== null },
  };
}

export type AudienceOption = { value: string; courseId: number | null; title: string | null };

/** Where the user may publish in this network: "network" and every course for moderators, their own courses for curators. */
export function audiencesFor(user: User, network: NetworkScope & { id: number }): AudienceOption[] {
  const options: AudienceOption[] = [];
  if (can("createAnnouncement", contextFor(user, network))) options.push({ value: "network", courseId: null, title: null });
  const all = getDb()
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(eq(courses.networkId, network.id))
    .orderBy(courses.title)
    .all();
  for (const course of all) {
    if (can("createAnnouncement", audienceContext(user, network, course.id)))
      options.push({ value: String(course.id), courseId: course.id, title: course.title });
  }
  return options;
}

export function getAnnouncement(id: number): Announcement | undefined {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return getDb().select().from(announcements).where(eq(announcements.id, id)).get();
}

export function announcementDetails(a: Announcement) {
  const db = getDb();
  const author = db.select({ name: users.displayName }).from(users).where(eq(users.id, a.authorId)).get();
  const course =
    a.courseId === null
      ? undefined
      : db.select({ id: courses.id, title: courses.title }).from(courses).where(eq(courses.id, a.courseId)).get();
  const network = db.select().from(networks).where(eq(networks.id, a.networkId)).get()!;
  return { authorName: author?.name ?? "", course: course ?? null, network };
}

export function createAnnouncement(
  input: AnnouncementInput & { networkId: number; courseId: number | null; authorId: number },
  now = new Date(),
): number {
  const bodyHtml = renderMarkdown(input.body);
  return getDb().transaction((tx) => {
    const created = tx
      .insert(announcements)
      .values({
        networkId: input.networkId,
        courseId: input.courseId,
        authorId: input.authorId,
        title: input.title,
        bodySource: input.body,
        bodyHtml,
        ackRequired: input.ackRequired,
        publishedAt: now,
      })
      .returning()
      .get();
    // An announcement that must be acknowledged is on top of every page until it is: the bell would
    // say the same thing twice to every recipient. Only the others get a notification.
    if (!created.ackRequired) {
      tx.run(sql`insert into notifications (user_id, kind, data, created_at)
        select r.user_id, 'announcement_published', json_object('announcementId', ${created.id}), ${now.getTime()}
        from (${recipientsOf(created)}) r`);
    }
    return created.id;
  });
}

/** Editing keeps every acknowledgement already given and tells nobody (no second round of notices). */
export function updateAnnouncement(id: number, input: AnnouncementInput, now = new Date()): void {
  const bodyHtml = renderMarkdown(input.body);
  getDb()
    .update(announcements)
    .set({ title: input.title, bodySource: input.body, bodyHtml, ackRequired: input.ackRequired, editedAt: now })
    .where(eq(announcements.id, id))
    .run();
}

/**
 * Withdrawn: out of the banner, the network page's strip, the lists, the bell and the digest for
 * its recipients; acknowledgements already given stay (docs/decisions/012). The first time is kept:
 * a second click changes nothing. Returns whether it was withdrawn now.
 */
export function withdrawAnnouncement(id: number, now = new Date()): boolean {
  return (
    getDb()
      .update(announcements)
      .set({ withdrawnAt: now })
      .where(and(eq(announcements.id, id), isNull(announcements.withdrawnAt)))
      .run().changes > 0
  );
}

/** Back where it was (its place in the lists is its publication time); nobody is notified again. */
export function restoreAnnouncement(id: number): boolean {
  return (
    getDb()
      .update(announcements)
      .set({ withdrawnAt: null })
      .where(and(eq(announcements.id, id), isNotNull(announcements.withdrawnAt)))
      .run().changes > 0
  );
}

/**
 * "I have read it". Idempotent: the second click, a double submit or two tabs write nothing more.
 * A withdrawn announcement asks nothing of anyone, so takes no new acknowledgement (a banner left
 * open in another tab). The announcement's notices to this reader are marked read with it.
 * Returns whether a row was written.
 */
export function acknowledge(announcementId: number, userId: number, now = new Date()): boolean {
  return getDb().transaction((tx) => {
    const written = tx.run(sql`insert or ignore into acknowledgements (announcement_id, user_id, created_at)
      select id, ${userId}, ${now.getTime()} from announcements where id = ${announcementId} and withdrawn_at is null`).changes;
    tx.run(sql`update notifications set read_at = ${now.getTime()}
      where user_id = ${userId} and read_at is null and thread_id is null
        and kind in ('announcement_published', 'announcement_reminder')
        and json_extract(data, '$.announcementId') = ${announcementId}`);
    return written > 0;
  });
}

export function acknowledgedAt(announcementId: number, userId: number): Date | null {
  const row = getDb()
    .select({ at: acknowledgements.acknowledgedAt })
    .from(acknowledgements)
    .where(and(eq(acknowledgements.announcementId, announcementId), eq(acknowledgements.userId, userId)))
    .get();
  return row?.at ?? null;
}

export type ReceiptCounts = { recipients: number; acknowledged: number; percent: number };

/** Counted from the rows of the current recipients: someone who left the network no longer counts either way. */
export function receiptCounts(a: Announcement): ReceiptCounts {
  const row = getDb().get<{ recipients: number; acknowledged: number }>(sql`
    select count(*) as recipients, count(k.user_id) as acknowledged
    from (${recipientsOf(a)}) r
    left join acknowledgements k on k.announcement_id = ${a.id} and k.user_id = r.user_id`);
  const percent = row.recipients === 0 ? 0 : Math.floor((row.acknowledged * 100) / row.recipients);
  return { ...row, percent };
}

export type Receipt = { userId: number; name: string; school: string; email: string; acknowledgedAt: Date | null };

type RawReceipt = { user_id: number; display_name: string; school: string; email: string; acknowledged_at: number | null };
const toReceipt = (r: RawReceipt): Receipt => ({
  userId: r.user_id,
  name: r.display_name,
  school: r.school,
  email: r.email,
  acknowledgedAt: r.acknowledged_at === null ? null : new Date(r.acknowledged_at),
});

/** One page of those who have (in the order they did) or have not (by name) acknowledged. */
export function receiptList(a: Announcement, which: "acknowledged" | "pending", page: number): Receipt[] {
  const offset = (Math.max(1, page) - 1) * RECEIPTS_PER_PAGE;
  const rows = getDb().all<RawReceipt>(sql`
    select u.id as user_id, u.display_name, u.school, u.email, k.created_at as acknowledged_at
    from (${recipientsOf(a)}) r
    join users u on u.id = r.user_id
    left join acknowledgements k on k.announcement_id = ${a.id} and k.user_id = r.user_id
    where ${which === "acknowledged" ? sql`k.user_id is not null` : sql`k.user_id is null`}
    order by ${which === "acknowledged" ? sql`k.created_at, u.id` : sql`u.display_name collate nocase, u.id`}
    limit ${RECEIPTS_PER_PAGE} offset ${offset}`);
  return rows.map(toReceipt);
}

/** Every recipient, for the CSV: acknowledged first (in order), then the rest by name. */
export function allReceipts(a: Announcement): Receipt[] {
  return getDb()
    .all<RawReceipt>(
      sql`
      select u.id as user_id, u.display_name, u.school, u.email, k.created_at as acknowledged_at
      from (${recipientsOf(a)}) r
      join users u on u.id = r.user_id
      left join acknowledgements k on k.announcement_id = ${a.id} and k.user_id = r.user_id
      order by k.created_at is null, k.created_at, u.display_name collate nocase, u.id`,
    )
    .map(toReceipt);
}

export type RemindResult =
  { ok: true; reminded: number } | { ok: false; reason: "tooSoon"; nextAt: Date } | { ok: false; reason: "withdrawn" };

/**
 * "Remind those who have not read it": one in-app notification per recipient without an
 * acknowledgement. The spacing is claimed by a conditional UPDATE in the same transaction, so two
 * clicks (or two staff at once) send one round.
 */
export function remind(announcementId: number, now = new Date()): RemindResult {
  return getDb().transaction((tx): RemindResult => {
    const claimed = tx.run(sql`update announcements set last_reminded_at = ${now.getTime()}
      where id = ${announcementId} and withdrawn_at is null
        and (last_reminded_at is null or last_reminded_at <= ${now.getTime() - REMINDER_SPACING_MS})`);
    const a = tx.select().from(announcements).where(eq(announcements.id, announcementId)).get();
    if (!a || a.withdrawnAt !== null) return { ok: false, reason: "withdrawn" };
    if (claimed.changes === 0)
      return { ok: false, reason: "tooSoon", nextAt: new Date((a.lastRemindedAt?.getTime() ?? now.getTime()) + REMINDER_SPACING_MS) };
    const reminded = tx.run(sql`insert into notifications (user_id, kind, data, created_at)
      select r.user_id, 'announcement_reminder', json_object('announcementId', ${a.id}), ${now.getTime()}
      from (${recipientsOf(a)}) r
      where not exists (select 1 from acknowledgements k where k.announcement_id = ${a.id} and k.user_id = r.user_id)`).changes;
    return { ok: true, reminded };
  });
}

export type PendingAnnouncement = { id: number; title: string; networkName: string };

/**
 * The banner: the user's unacknowledged announcements that require it, newest first. One query
 * (window count for "and N more"), run on every page: the memberships and enrolments of one user
 * are found by their indexes, the announcements by (network_id, published_at) and (course_id, published_at).
 */
/** A suspended account cannot acknowledge (nor do anything else): it gets no banner it could not dismiss. */
export function pendingForUser(userId: number, limit = BANNER_MAX, now = new Date()): { rows: PendingAnnouncement[]; total: number } {
  const rows = getDb().all<{ id: number; title: string; network_name: string; total: number }>(sql`
    select a.id, a.title, (select name from networks w where w.id = a.network_id) as network_name, count(*) over () as total
    from announcements a
    where a.ack_required = 1 and a.withdrawn_at is null and a.author_id != ${userId}
      and ${addressedTo(userId)}
      and not exists (select 1 from users u where u.id = ${userId} and u.suspended_until > ${now.getTime()})
      and not exists (select 1 from acknowledgements k where k.announcement_id = a.id and k.user_id = ${userId})
    order by a.published_at desc, a.id desc
    limit ${limit}`);
  return { rows: rows.map(({ id, title, network_name }) => ({ id, title, networkName: network_name })), total: rows[0]?.total ?? 0 };
}

export type ListedAnnouncement = {
  id: number;
  title: string;
  courseTitle: string | null;
  authorName: string;
  publishedAt: Date;
  editedAt: Date | null;
  ackRequired: boolean;
  /** Null when the reader is not a recipient (staff reading their network's announcements). */
  acknowledged: boolean | null;
  /** Only ever set with `withWithdrawn`. */
  withdrawnAt: Date | null;
};

/**
 * A network's announcements the user may read, newest first: to the whole network (members) and to
 * the courses they are enrolled in or curate. Moderators and admins (staff everywhere here) see all.
 * Withdrawn ones are left out, except with `withWithdrawn` for those who may bring them back
 * (moderators, admins, their author), marked: the list is where they find them again.
 */
export function listAnnouncements(
  networkId: number,
  userId: number,
  staff: boolean,
  page: number,
  { withWithdrawn = false }: { withWithdrawn?: boolean } = {},
): { rows: ListedAnnouncement[]; total: number } {
  const visible = staff
    ? sql`1`
    : // As recipientsOf: a course's people only while members of its network (one who left no longer reads it).
      sql`${addressedTo(userId)} or a.author_id = ${userId}`;
  const withdrawn = withWithdrawn ? (staff ? sql`1` : sql`a.author_id = ${userId}`) : sql`0`;
  const where = sql`a.network_id = ${networkId} and (a.withdrawn_at is null or ${withdrawn}) and (${visible})`;
  const db = getDb();
  const rows = db.all<{
    id: number;
    title: string;
    course_title: string | null;
    author_name: string;
    published_at: number;
    edited_at: number | null;
    ack_required: number;
    withdrawn_at: number | null;
    acked: number;
    recipient: number;
  }>(sql`
    select a.id, a.title, c.title as course_title, u.display_name as author_name, a.published_at, a.edited_at, a.ack_required, a.withdrawn_at,
      exists (select 1 from acknowledgements k where k.announcement_id = a.id and k.user_id = ${userId}) as acked,
      (a.author_id != ${userId} and ${addressedTo(userId)}) as recipient
    from announcements a
    join users u on u.id = a.author_id
    left join courses c on c.id = a.course_id
    where ${where}
    order by a.published_at desc, a.id desc
    limit ${ANNOUNCEMENTS_PER_PAGE} offset ${(Math.max(1, page) - 1) * ANNOUNCEMENTS_PER_PAGE}`);
  const total = db.get<{ n: number }>(sql`select count(*) as n from announcements a where ${where}`).n;
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      courseTitle: r.course_title,
      authorName: r.author_name,
      publishedAt: new Date(r.published_at),
      editedAt: r.edited_at === null ? null : new Date(r.edited_at),
      ackRequired: r.ack_required === 1,
      acknowledged: r.recipient === 1 ? r.acked === 1 : null,
      withdrawnAt: r.withdrawn_at === null ? null : new Date(r.withdrawn_at),
    })),
  };
}

/** For the network page's strip: the latest few the reader may see. */
export function latestAnnouncements(networkId: number, userId: number, staff: boolean, limit = 3): ListedAnnouncement[] {
  return listAnnouncements(networkId, userId, staff, 1).rows.slice(0, limit);
}
