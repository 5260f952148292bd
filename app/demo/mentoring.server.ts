/**
 * Mentoring on the demo data: the Novosibirsk mentors' profiles and ten weeks of history
 * (answers in time, missed deadlines with escalation, a decline, a question the moderators
 * had to assign by hand), so the response-time report has honest figures on the first start.
 *
 * The history is played through the forum's own functions with the clock moved back, event
 * by event in time order, each escalation at its deadline as the every-minute sweep would.
 * The extra demo accounts (natalia@, elena@, dmitry@, marina@kollegi.test) get random
 * passwords like every demo account (accounts.server.ts); they are returned for the accounts file.
 */
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { demoPassword, type DemoAccount } from "./accounts.server";
import { createAnswer } from "~/posts/posts.server";
import { acceptAnswer } from "~/threads/accept.server";
import { createThread } from "~/threads/threads.server";
import { openAssignmentOf } from "~/mentoring/assign.server";
import { sweepAllDeadlines } from "~/mentoring/escalation.server";
import { acknowledge, decline, reassign } from "~/mentoring/handling.server";
import { saveMentorProfile } from "~/mentoring/profile.server";
import { OPEN_STORY, PEOPLE, STORIES, type Story, type Who } from "./mentoring-stories";
import { addDays, DAY_MS, HOUR_MS, localDate, startOfLocalDay } from "~/utils/zoned-time";

const NETWORK = "novosibirsk";
/** Old enough that no demo account counts as new (new accounts have posting limits). */
const ACCOUNT_AGE_DAYS = 400;

export async function seedMentoringDemo(hashPassword: (password: string) => Promise<string>, now = new Date()): Promise<DemoAccount[]> {
  const db = getDb();
  const network = db.select().from(schema.networks).where(eq(schema.networks.slug, NETWORK)).get();
  if (!network) return [];
  const longAgo = new Date(now.getTime() - ACCOUNT_AGE_DAYS * DAY_MS);
  const accounts = PEOPLE.map((p) => ({
    email: p.email,
    password: demoPassword(),
    role: `${"mentor" in p ? "mentor" : "teacher"} (${NETWORK})`,
  }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  const ids = new Map<Who, number>();
  const userId = (email: string) => db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).get()!.id;
  ids.set("mentor", userId("mentor@kollegi.test"));
  ids.set("moderator", userId("moderator@kollegi.test"));
  db.transaction((tx) => {
    for (const [i, p] of PEOPLE.entries()) {
      const user = tx
        .insert(schema.users)
        .values({
          email: p.email,
          displayName: p.name,
          passwordHash: hashes[i]!,
          school: p.school,
          subjects: p.subjects,
          homeNetworkId: network.id,
          createdAt: longAgo,
        })
        .returning({ id: schema.users.id })
        .get();
      tx.insert(schema.memberships)
        .values({ userId: user.id, networkId: network.id, isMentor: "mentor" in p, joinedAt: longAgo })
        .run();
      ids.set(p.key, user.id);
    }
    // The demo mentor has mentored for a while; new-account posting limits would cut the history short.
    tx.update(schema.users)
      .set({ createdAt: longAgo })
      .where(eq(schema.users.id, ids.get("mentor")!))
      .run();
  });
  const id = (who: Who) => ids.get(who)!;
  ageTodaysQuestions(network.id, now);
  saveMentorProfile(
    { networkId: network.id, userId: id("mentor"), tags: ["физика", "математика"], capacity: 5, timeZone: network.timeZone },
    now,
  );
  saveMentorProfile(
    {
      networkId: network.id,
      userId: id("natalia"),
      tags: ["начальная школа", "русский язык", "литература"],
      capacity: 4,
      timeZone: network.timeZone,
    },
    now,
  );

  const askedAt = (story: Story) => {
    const day = addDays(localDate(now, network.timeZone), -story.daysAgo);
    return story.daysAgo === 0
      ? now.getTime() + story.hour * HOUR_MS
      : startOfLocalDay(day, network.timeZone).getTime() + story.hour * HOUR_MS;
  };
  const events: Array<{ at: number; run: (at: Date) => void }> = [];
  for (const story of [...STORIES, OPEN_STORY]) {
    const start = askedAt(story);
    let threadId = 0;
    events.push({
      at: start,
      run: (at) => {
        const created = createThread(
          { kind: "question", title: story.title, body: story.body, tags: story.tags, networkId: network.id, authorId: id(story.by) },
          at,
        );
        if (!created.ok) throw new Error(`demo question "${story.title}": ${created.error}`);
        threadId = created.thread.id;
      },
    });
    for (const step of story.steps) {
      const at = start + step.at * HOUR_MS;
      if ("answer" in step) {
        const { by, body, accept } = step.answer;
        let postId = 0;
        events.push({
          at,
          run: (when) => {
            const author = by === "assigned" ? (openAssignmentOf(db, threadId)?.mentorId ?? id("mentor")) : id(by);
            const result = createAnswer({ threadId, authorId: author, body }, when);
            if (!result.ok) throw new Error(`demo answer: ${result.error}`);
            postId = result.postId;
          },
        });
        if (accept) {
          events.push({
            at: start + accept.after * HOUR_MS,
            run: (when) => void acceptAnswer({ threadId, postId, actorId: id(accept.by), comment: accept.comment }, when),
          });
        }
      } else {
        events.push({
          at,
          run: (when) => {
            const open = openAssignmentOf(db, threadId);
            if (!open) return;
            if ("acknowledge" in step) acknowledge({ assignmentId: open.id, mentorId: open.mentorId! }, when);
            else if ("decline" in step) decline({ assignmentId: open.id, mentorId: open.mentorId!, reason: step.decline }, when);
            else reassign({ assignmentId: open.id, moderatorId: id("moderator"), toId: id(step.assignTo), note: "" }, when);
          },
        });
      }
    }
  }
  for (const event of events.sort((a, b) => a.at - b.at)) {
    catchUpDeadlines(event.at);
    event.run(new Date(event.at));
  }
  catchUpDeadlines(now.getTime());
  settleHistoryNotifications(now);
  return accounts;
}

/** What the every-minute sweep would have done up to `until`: each escalation at its deadline. */
function catchUpDeadlines(until: number): void {
  const { mentorAssignments } = schema;
  for (;;) {
    const next = getDb()
      .select({ at: sql<number | null>`min(${mentorAssignments.deadlineAt})` })
      .from(mentorAssignments)
      .where(and(eq(mentorAssignments.status, "open"), isNotNull(mentorAssignments.mentorId)))
      .get()?.at;
    if (next == null || next > until) return;
    sweepAllDeadlines(new Date(next));
  }
}

/** The demo threads were just written, each answer a millisecond after its question; give the questions a few hours' wait. */
const TODAYS_WAIT_HOURS = [3, 5, 8];

function ageTodaysQuestions(networkId: number, now: Date): void {
  const db = getDb();
  const { threads, posts, mentorAssignments } = schema;
  const fresh = db
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.networkId, networkId), eq(threads.kind, "question"), sql`${threads.createdAt} >= ${now.getTime() - HOUR_MS}`))
    .orderBy(threads.id)
    .all();
  fresh.forEach(({ id }, i) => {
    const shift = (TODAYS_WAIT_HOURS[i] ?? TODAYS_WAIT_HOURS.at(-1)!) * HOUR_MS;
    db.update(threads)
      .set({ createdAt: sql`${threads.createdAt} - ${shift}` })
      .where(eq(threads.id, id))
      .run();
    db.update(posts)
      .set({ createdAt: sql`${posts.createdAt} - ${shift}` })
      .where(and(eq(posts.threadId, id), eq(posts.isOpening, true)))
      .run();
    db.update(mentorAssignments)
      .set({ assignedAt: sql`${mentorAssignments.assignedAt} - ${shift}`, deadlineAt: sql`${mentorAssignments.deadlineAt} - ${shift}` })
      .where(eq(mentorAssignments.threadId, id))
      .run();
  });
}

/**
 * Answer and acceptance notifications are stamped when written; in played-back history that
 * is "now". Give them their post's time, and let what is more than two days old read as read.
 */
function settleHistoryNotifications(now: Date): void {
  const db = getDb();
  db.run(sql`
    update notifications set created_at = (select p.created_at from posts p where p.id = notifications.post_id)
    where post_id is not null and kind = 'answer'`);
  db.run(sql`
    update notifications set created_at = (select t.accepted_at from threads t where t.id = notifications.thread_id)
    where kind in ('accepted', 'solved')`);
  db.update(schema.notifications)
    .set({ readAt: now })
    .where(and(lt(schema.notifications.createdAt, new Date(now.getTime() - 48 * HOUR_MS)), isNotNull(schema.notifications.threadId)))
    .run();
}
