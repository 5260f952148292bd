/**
 * Emails on a course's enrolment list become enrolments once their owner is a member of the
 * course's network: at registration (home network), or on joining a network later. Kept apart
 * from enrolment.server.ts so that users/ and networks/ can call it without a cycle.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../../db/index";

/** Enrols the user in every course whose list holds their email and whose network they belong to; returns how many. */
export function claimInvites(tx: Tx, userId: number, now = new Date()): number {
  const enrolled = tx.run(sql`
    insert into course_enrolments (course_id, user_id, created_at)
    select i.course_id, u.id, ${now.getTime()}
    from course_invites i
    join users u on u.email = i.email
    join courses c on c.id = i.course_id
    join memberships m on m.user_id = u.id and m.network_id = c.network_id
    where u.id = ${userId}
    on conflict do nothing`);
  tx.run(sql`
    delete from course_invites
    where email = (select email from users where id = ${userId})
      and course_id in (select course_id from course_enrolments where user_id = ${userId})`);
  return enrolled.changes;
}
