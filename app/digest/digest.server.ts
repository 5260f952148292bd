/**
 * The email digest (docs/decisions/012): daily after 07:00 in the user's home network's time zone,
 * or weekly on Monday after 07:00. New announcements to them, new answers to their questions, and for
 * mentors their open assignments with deadlines. Nothing new since the last digest: no email.
 *
 * Safe to run twice at once and after a restart: a user is claimed by a conditional UPDATE of
 * digest_last_sent_at (compare-and-set on the value read), so only one run sends; a failed send puts
 * the old value back, and the next run tries again with the same content window.
 */
import { sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { getDb } from "../../db/index";
import { addressedTo } from "~/announcements/announcements.server";
import { isLocale, type Locale } from "~/i18n/i18n";
import { instanceFor } from "~/i18n/i18next.server";
import { formatDeadline } from "~/mentoring/present";
import { readableNetwork } from "~/permissions/visibility.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { addDays, DAY_MS, localDate, localWeekday, MINUTE_MS, WEEK_MS, zonedInstant } from "~/utils/zoned-time";
import type { DigestChoice } from "./schemas";
import { announcementPath, notificationSettingsPath, postInThreadPath, threadPath } from "~/paths";

/** Teachers read mail before lessons: the daily digest is due from seven in the morning, their time. */
export const DIGEST_HOUR = 7;
/** The job wakes up this often; a digest is at most this late. */
export const DIGEST_INTERVAL_MS = 10 * MINUTE_MS;
/** Users without a home network read Moscow time, as most Russian schedules do. */
const DEFAULT_TIME_ZONE = "Europe/Moscow";
/** A digest is a summary: past these, "and more on the site". */
const SECTION_MAX = 20;
const EXCERPT_CHARS = 200;

export type DigestKind = "daily" | "weekly";

// ── When a digest is due ─────────────────────────────────────────────────

/** The start of the current period: today's 07:00 (daily) or this week's Monday 07:00 (weekly), local time. */
export function periodStart(kind: DigestKind, now: Date, timeZone: string): Date {
  // ISO weekdays: Monday is 1, so a weekly period goes back weekday - 1 days to its Monday.
  const back = kind === "daily" ? 0 : localWeekday(now, timeZone) - 1;
  const day = addDays(localDate(now, timeZone), -back);
  const start = zonedInstant(day, DIGEST_HOUR, timeZone);
  return start > now ? zonedInstant(addDays(day, kind === "daily" ? -1 : -7), DIGEST_HOUR, timeZone) : start;
}

export function isDue(kind: DigestKind, lastSentAt: Date | null, now: Date, timeZone: string): boolean {
  return lastSentAt === null || lastSentAt < periodStart(kind, now, timeZone);
}

// ── The user's choice ────────────────────────────────────────────────────

/** What the settings page shows: the choice, and the zone whose 07:00 the digest waits for. */
export function digestSettingOf(userId: number): { digest: DigestChoice; timeZone: string } | undefined {
  const row = getDb().get<{ digest: DigestChoice; time_zone: string | null } | undefined>(sql`
    select u.digest, w.time_zone from users u left join networks w on w.id = u.home_network_id where u.id = ${userId}`);
  return row && { digest: row.digest, timeZone: row.time_zone ?? DEFAULT_TIME_ZONE };
}

/**
 * Turning the digest on starts its clock now: the first one comes on the next morning (or Monday)
 * and holds what is new since, not a backlog and not a letter at midnight. Switching between daily
 * and weekly keeps the clock, so nothing is told twice or skipped.
 */
export function setDigest(userId: number, digest: DigestChoice, now = new Date()): void {
  getDb().run(sql`update users set
      digest_last_sent_at = case when digest = 'off' and ${digest} != 'off' then ${now.getTime()} else digest_last_sent_at end,
      digest = ${digest}
    where id = ${userId}`);
}

// ── What goes in it ──────────────────────────────────────────────────────

export type DigestContent = {
  announcements: Array<{
    id: number;
    title: string;
    networkName: string;
    courseTitle: string | null;
    publishedAt: Date;
    ackRequired: boolean;
  }>;
  answers: Array<{
    threadId: number;
    slug: string;
    threadTitle: string;
    postId: number;
    authorName: string;
    excerpt: string;
    createdAt: Date;
  }>;
  /** All the mentor's open assignments (with deadlines), and how many of them are new since the last digest. */
  assignments: Array<{ threadId: number; slug: string; title: string; networkName: string; timeZone: string; deadlineAt: Date | null }>;
  newAssignments: number;
};

export function excerpt(markdown: string): string {
  const flat = markdown.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > EXCERPT_CHARS
    ? `${chars
        .slice(0, EXCERPT_CHARS - 1)
        .join("")
        .trimEnd()}…`
    : flat;
}

/** Everything new for the user in (since, until]; hidden, deleted and withdrawn things stay out. */
export function digestContent(userId: number, since: Date, until: Date): DigestContent {
  const db = getDb();
  const from = since.getTime();
  const to = until.getTime();
  const announcements = db.all<{
    id: number;
    title: string;
    network_name: string;
    course_title: string | null;
    published_at: number;
    ack_required: number;
  }>(sql`
    select a.id, a.title, w.name as network_name, c.title as course_title, a.published_at, a.ack_required
    from announcements a
    join networks w on w.id = a.network_id
    left join courses c on c.id = a.course_id
    where a.published_at > ${from} and a.published_at <= ${to}
      and a.withdrawn_at is null and a.author_id != ${userId}
      and ${addressedTo(userId)}
    order by a.published_at desc, a.id desc
    limit ${SECTION_MAX}`);
  const answers = db.all<{
    post_id: number;
    body_source: string;
    created_at: number;
    thread_id: number;
    slug: string;
    title: string;
    author_name: string;
  }>(sql`
    select p.id as post_id, p.body_source, p.created_at, t.id as thread_id, t.slug, t.title, u.display_name as author_name
    from threads t
    join posts p on p.thread_id = t.id
    join users u on u.id = p.author_id
    join networks w on w.id = t.network_id
    where t.author_id = ${userId} and t.deleted_at is null
      and p.is_opening = 0 and p.author_id != ${userId} and p.hidden_at is null and p.pending_review = 0
      and p.created_at > ${from} and p.created_at <= ${to}
      and ${readableNetwork(userId, { id: sql`w.id`, visibility: sql`w.visibility` }, until)}
    order by p.created_at desc, p.id desc
    limit ${SECTION_MAX}`);
  const assignments = db.all<{
    thread_id: number;
    slug: string;
    title: string;
    network_name: string;
    time_zone: string;
    deadline_at: number | null;
  }>(sql`
    select t.id as thread_id, t.slug, t.title, w.name as network_name, w.time_zone, ma.deadline_at
    from mentor_assignments ma
    join threads t on t.id = ma.thread_id
    join networks w on w.id = ma.network_id
    where ma.mentor_id = ${userId} and ma.status = 'open' and t.deleted_at is null
    order by ma.deadline_at is null, ma.deadline_at, ma.id
    limit ${SECTION_MAX}`);
  return {
    announcements: announcements.map((a) => ({
      id: a.id,
      title: a.title,
      networkName: a.network_name,
      courseTitle: a.course_title,
      publishedAt: new Date(a.published_at),
      ackRequired: a.ack_required === 1,
    })),
    answers: answers.map((a) => ({
      threadId: a.thread_id,
      slug: a.slug,
      threadTitle: a.title,
      postId: a.post_id,
      authorName: a.author_name,
      excerpt: excerpt(a.body_source),
      createdAt: new Date(a.created_at),
    })),
    assignments: assignments.map((a) => ({
      threadId: a.thread_id,
      slug: a.slug,
      title: a.title,
      networkName: a.network_name,
      timeZone: a.time_zone,
      deadlineAt: a.deadline_at === null ? null : new Date(a.deadline_at),
    })),
    // Counted over all of them, not only the SECTION_MAX listed.
    newAssignments:
      db.get<{ n: number }>(sql`
        select count(*) as n from mentor_assignments ma join threads t on t.id = ma.thread_id
        where ma.mentor_id = ${userId} and ma.status = 'open' and t.deleted_at is null
          and ma.assigned_at > ${from} and ma.assigned_at <= ${to}`)?.n ?? 0,
  };
}

/** Open assignments alone are no news: they were in the last digest, and the mentor queue has them. */
export function hasNews(content: DigestContent): boolean {
  return content.announcements.length > 0 || content.answers.length > 0 || content.newAssignments > 0;
}

// ── How it reads ─────────────────────────────────────────────────────────

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export type Email = { subject: string; text: string; html: string };

export function composeDigest(
  recipient: { displayName: string; locale: Locale; timeZone: string },
  content: DigestContent,
  options: { baseUrl: string; now: Date },
): Email {
  const t: TFunction = instanceFor(recipient.locale).t;
  const { locale, timeZone } = recipient;
  const link = (path: string) => `${options.baseUrl}${path}`;
  type Item = { title: string; url: string; detail: string };
  const sections: Array<{ heading: string; items: Item[] }> = [];
  if (content.announcements.length) {
    sections.push({
      heading: t("digest.announcements"),
      items: content.announcements.map((a) => ({
        title: a.title,
        url: link(announcementPath(a.id)),
        detail: [
          a.courseTitle ? t("announcements.toCourse", { course: a.courseTitle }) : a.networkName,
          formatDateTime(a.publishedAt, locale, timeZone),
          a.ackRequired ? t("announcements.ackRequired") : null,
        ]
          .filter(Boolean)
          .join(" · "),
      })),
    });
  }
  if (content.answers.length) {
    sections.push({
      heading: t("digest.answers"),
      items: content.answers.map((a) => ({
        title: t("digest.answerIn", { name: a.authorName, title: a.threadTitle }),
        url: link(postInThreadPath({ id: a.threadId, slug: a.slug }, a.postId)),
        detail: a.excerpt,
      })),
    });
  }
  if (content.assignments.length) {
    sections.push({
      heading: t("digest.assigned"),
      items: content.assignments.map((a) => ({
        title: a.title,
        url: link(threadPath({ id: a.threadId, slug: a.slug })),
        detail: [
          a.networkName,
          a.deadlineAt
            ? t(a.deadlineAt > options.now ? "digest.answerBy" : "digest.overdue", {
                deadline: formatDeadline(t, locale, a.deadlineAt, options.now, a.timeZone),
              })
            : null,
        ]
          .filter(Boolean)
          .join(" · "),
      })),
    });
  }
  const settings = link(notificationSettingsPath());
  const subject = t("digest.subject", { date: formatDate(options.now, locale, timeZone) });
  const greeting = t("digest.greeting", { name: recipient.displayName });
  const text = [
    greeting,
    "",
    ...sections.flatMap((s) => [
      s.heading,
      "=".repeat([...s.heading].length),
      ...s.items.flatMap((i) => [`• ${i.title}`, ...(i.detail ? [`  ${i.detail}`] : []), `  ${i.url}`, ""]),
    ]),
    "--",
    t("digest.footer"),
    t("digest.settingsLink", { url: settings }),
    "",
  ].join("\n");
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1b1f23; max-width: 40rem;">
<p>${escapeHtml(greeting)}</p>
${sections
  .map(
    (s) => `<h2 style="font-size: 1.1rem;">${escapeHtml(s.heading)}</h2>
<ul>
${s.items.map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.title)}</a>${i.detail ? `<br><span style="color: #4f5b66;">${escapeHtml(i.detail)}</span>` : ""}</li>`).join("\n")}
</ul>`,
  )
  .join("\n")}
<hr>
<p style="color: #4f5b66; font-size: 0.9rem;">${escapeHtml(t("digest.footer"))} <a href="${escapeHtml(settings)}">${escapeHtml(t("digest.settingsLinkHtml"))}</a></p>
</body></html>
`;
  return { subject, text, html };
}

// ── Sending ──────────────────────────────────────────────────────────────

export type Send = (message: { to: string; subject: string; text: string; html: string }) => Promise<void>;

type Candidate = {
  id: number;
  email: string;
  display_name: string;
  locale: string | null;
  digest: DigestKind;
  last_sent: number | null;
  time_zone: string | null;
};

/** Claims the user for this run: only the run whose UPDATE sees the value it read goes on. */
function claim(userId: number, previous: number | null, now: Date): boolean {
  return (
    getDb().run(sql`update users set digest_last_sent_at = ${now.getTime()}
      where id = ${userId} and digest != 'off' and digest_last_sent_at is ${previous}`).changes === 1
  );
}

/** A failed send gives the claim back (unless something newer has been recorded since). */
function release(userId: number, previous: number | null, now: Date): void {
  getDb().run(sql`update users set digest_last_sent_at = ${previous} where id = ${userId} and digest_last_sent_at = ${now.getTime()}`);
}

export type DigestRun = { sent: number; empty: number; failed: number };

/** An SMTP 5xx reply (nodemailer's responseCode): the server will not take this message, ever. */
function permanentlyRejected(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/**
 * One pass over the users who asked for a digest. An empty digest is not sent but still moves the
 * clock (the next one covers from now). Sends one at a time: a small SMTP server is not flooded.
 */
export async function runDigests(now: Date, send: Send, baseUrl: string): Promise<DigestRun> {
  const candidates = getDb().all<Candidate>(sql`
    select u.id, u.email, u.display_name, u.locale, u.digest, u.digest_last_sent_at as last_sent, w.time_zone
    from users u left join networks w on w.id = u.home_network_id
    where u.digest != 'off' and (u.suspended_until is null or u.suspended_until <= ${now.getTime()})`);
  const result: DigestRun = { sent: 0, empty: 0, failed: 0 };
  for (const user of candidates) {
    const timeZone = user.time_zone ?? DEFAULT_TIME_ZONE;
    const lastSent = user.last_sent === null ? null : new Date(user.last_sent);
    if (!isDue(user.digest, lastSent, now, timeZone)) continue;
    if (!claim(user.id, user.last_sent, now)) continue;
    const since = lastSent ?? new Date(now.getTime() - (user.digest === "daily" ? DAY_MS : WEEK_MS));
    try {
      const content = digestContent(user.id, since, now);
      if (!hasNews(content)) {
        result.empty += 1;
        continue;
      }
      const locale: Locale = isLocale(user.locale) ? user.locale : "ru";
      const email = composeDigest({ displayName: user.display_name, locale, timeZone }, content, { baseUrl, now });
      await send({ to: user.email, ...email });
      result.sent += 1;
    } catch (error) {
      result.failed += 1;
      if (permanentlyRejected(error)) {
        // The mail server refused the mailbox for good (5xx): retrying every pass would only
        // repeat it; this period is skipped and the next one tries again.
        console.error(`digest to user ${user.id} refused by the mail server; skipped until the next period`, error);
        continue;
      }
      // Building it or sending it failed for now: give the claim back and go on with the others.
      release(user.id, user.last_sent, now);
      console.error(`digest to user ${user.id} not sent; it will be retried`, error);
    }
  }
  return result;
}
