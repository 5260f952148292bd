/**
 * The response-time report: the figure the research says matters most, so every share
 * comes with its counts and every median with how many questions it is over.
 *
 * Definitions (the page repeats them in words):
 * - a question counts in the period when it was asked in it (discussions do not count);
 * - first response: the first visible answer by anyone but the asker;
 * - the deadline: the one set when the question was first assigned (the network's
 *   first-response time from asking, when it went straight to the moderators' queue);
 * - answered in time: first response at or before that deadline, out of the questions that
 *   can be judged (answered, or their deadline has passed); the rest are "still waiting";
 * - escalations: deadlines missed in the period;
 * - per mentor: assignments they received in the period, and their load now.
 */
import { sql } from "drizzle-orm";
import { getDb } from "../../db/index";
import { mentorLoads, type MentorLoad } from "./queues.server";
import { share, spread, type Share, type Spread } from "./stats";
import { DAY_MS, HOUR_MS } from "~/utils/zoned-time";

export type MentorFigures = {
  userId: number;
  name: string;
  assigned: number;
  met: number;
  inTime: Share;
  missed: number;
  passedOn: number;
  /** From assignment to the mentor's answer (or the accepted answer), over the met ones. */
  response: Spread;
  load: MentorLoad | null;
};

export type Report = {
  days: number;
  since: Date;
  asked: number;
  firstResponse: Spread;
  unanswered: number;
  accepted: Spread;
  inTime: Share;
  waiting: number;
  escalations: number;
  toModerators: number;
  noMentorFree: number;
  mentors: MentorFigures[];
};

export function responseReport(network: { id: number; firstResponseHours: number }, days: number, now = new Date()): Report {
  const db = getDb();
  const since = new Date(now.getTime() - days * DAY_MS);
  const [from, to] = [since.getTime(), now.getTime()];
  const questions = db.all<{ created_at: number; accepted_at: number | null; first_response: number | null; deadline: number }>(sql`
    select t.created_at, t.accepted_at,
      (select min(p.created_at) from posts p
        where p.thread_id = t.id and p.is_opening = 0 and p.author_id != t.author_id and p.hidden_at is null) as first_response,
      coalesce(
        (select a.deadline_at from mentor_assignments a where a.thread_id = t.id order by a.id limit 1),
        t.created_at + ${network.firstResponseHours * HOUR_MS}) as deadline
    from threads t
    where t.network_id = ${network.id} and t.kind = 'question' and t.deleted_at is null
      and t.created_at >= ${from} and t.created_at <= ${to}`);
  const answered = questions.filter((q) => q.first_response !== null);
  const judged = questions.filter((q) => q.first_response !== null || q.deadline <= to);
  const accepted = questions.filter((q) => q.accepted_at !== null);

  const events = db.get<{ missed: number; misses: number; none: number }>(sql`
    select
      coalesce(sum(status = 'missed' and ended_at >= ${from} and ended_at <= ${to}), 0) as missed,
      coalesce(sum(mentor_id is null and json_extract(explanation, '$.queue') = 'misses' and assigned_at >= ${from} and assigned_at <= ${to}), 0) as misses,
      coalesce(sum(mentor_id is null and json_extract(explanation, '$.queue') = 'none' and assigned_at >= ${from} and assigned_at <= ${to}), 0) as none
    from mentor_assignments where network_id = ${network.id}`);

  const rows = db.all<{
    mentor_id: number;
    name: string;
    status: string;
    assigned_at: number;
    deadline_at: number | null;
    ended_at: number | null;
  }>(sql`
    select a.mentor_id, u.display_name as name, a.status, a.assigned_at, a.deadline_at, a.ended_at
    from mentor_assignments a join users u on u.id = a.mentor_id
    where a.network_id = ${network.id} and a.mentor_id is not null
      and a.assigned_at >= ${from} and a.assigned_at <= ${to}`);
  const loads = mentorLoads(network.id, now);
  const ids = [...new Set([...loads.map((l) => l.userId), ...rows.map((r) => r.mentor_id)])];
  const mentors = ids
    .map((userId): MentorFigures => {
      const mine = rows.filter((r) => r.mentor_id === userId);
      const met = mine.filter((r) => r.status === "met");
      const metInTime = met.filter((r) => r.deadline_at === null || (r.ended_at ?? Infinity) <= r.deadline_at);
      const missed = mine.filter((r) => r.status === "missed").length;
      const overdueOpen = mine.filter((r) => r.status === "open" && r.deadline_at !== null && r.deadline_at <= to).length;
      const load = loads.find((l) => l.userId === userId) ?? null;
      return {
        userId,
        name: load?.name ?? mine[0]!.name,
        assigned: mine.length,
        met: met.length,
        inTime: share(metInTime.length, met.length + missed + overdueOpen),
        missed,
        passedOn: mine.filter((r) => r.status === "handed_off" || r.status === "declined" || r.status === "reassigned").length,
        response: spread(met.map((r) => r.ended_at! - r.assigned_at)),
        load,
      };
    })
    .sort((a, b) => b.assigned - a.assigned || a.name.localeCompare(b.name, "ru"));

  return {
    days,
    since,
    asked: questions.length,
    firstResponse: spread(answered.map((q) => q.first_response! - q.created_at)),
    unanswered: questions.length - answered.length,
    accepted: spread(accepted.map((q) => q.accepted_at! - q.created_at)),
    inTime: share(judged.filter((q) => q.first_response !== null && q.first_response <= q.deadline).length, judged.length),
    waiting: questions.length - judged.length,
    escalations: events.missed,
    toModerators: events.misses,
    noMentorFree: events.none,
    mentors,
  };
}
