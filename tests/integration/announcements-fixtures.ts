/** A network with a moderator, ten teachers, and a course with a curator; courses and enrolments written directly. */
import { and, eq } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { makeNetwork, makeUser } from "./helpers";

export type Member = Awaited<ReturnType<typeof makeUser>>;

export async function school(visibility: "public" | "members" = "members") {
  const db = getDb();
  const network = makeNetwork(visibility);
  const moderator = await makeUser({ networkId: network.id, moderator: true });
  const teachers: Member[] = [];
  for (let i = 0; i < 10; i += 1) {
    const teacher = await makeUser({ networkId: network.id });
    db.update(schema.users)
      .set({ displayName: `Учитель ${String(i).padStart(2, "0")}`, school: `Школа № ${i + 1}` })
      .where(eq(schema.users.id, teacher.id))
      .run();
    teachers.push({ ...teacher, displayName: `Учитель ${String(i).padStart(2, "0")}`, school: `Школа № ${i + 1}` });
  }
  const curator = await makeUser({ networkId: network.id });
  const outsider = await makeUser();
  const other = makeNetwork(visibility);
  const otherModerator = await makeUser({ networkId: other.id, moderator: true });
  const admin = await makeUser({ isAdmin: true });
  const course = db
    .insert(schema.courses)
    .values({ networkId: network.id, title: "Функциональная грамотность", createdById: moderator.id })
    .returning()
    .get();
  const otherCourse = db
    .insert(schema.courses)
    .values({ networkId: network.id, title: "Проектная деятельность", createdById: moderator.id })
    .returning()
    .get();
  db.insert(schema.courseCurators).values({ courseId: course.id, userId: curator.id }).run();
  // Teachers 0–3 are enrolled in the course; 4–9 are not.
  db.insert(schema.courseEnrolments)
    .values(teachers.slice(0, 4).map((t) => ({ courseId: course.id, userId: t.id })))
    .run();
  return { network, moderator, teachers, curator, outsider, other, otherModerator, admin, course, otherCourse };
}

export function acknowledgementsOf(announcementId: number) {
  return getDb().select().from(schema.acknowledgements).where(eq(schema.acknowledgements.announcementId, announcementId)).all();
}

export function announcementNotices(userId: number, kind?: string) {
  return getDb()
    .select()
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, userId), kind ? eq(schema.notifications.kind, kind) : undefined))
    .all()
    .filter((n) => n.kind.startsWith("announcement_"));
}

export function announcementRow(id: number) {
  return getDb().select().from(schema.announcements).where(eq(schema.announcements.id, id)).get()!;
}
