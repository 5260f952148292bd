/**
 * Each end-to-end test makes its own people (the Epic Stack's login fixture, in Kollegi's terms):
 * an account with its memberships and roles written straight into the server's SQLite file
 * through the project's own db/ and domain code, and a session that the browser receives as its
 * cookie, as if the person had logged in. No test signs in with a demo account or changes what
 * another test reads.
 *
 *   const teacher = await makePerson({ networks: ["novosibirsk"] });
 *   const moderator = await makePerson({ networks: [{ slug: "novosibirsk", moderator: true }] });
 *   const { context, page } = await signIn(browser, moderator, { javaScript: false });
 *
 * The test process is a second writer on the server's database (WAL): every write here is one
 * short transaction that takes the write lock at BEGIN and waits on the busy timeout
 * (db/index.ts) while the server writes. Accounts are never removed: the database is the run's
 * own, and a moderation log entry must keep its actor.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, inject } from "vitest";
import { newContext } from "./helpers";

/** A role in one network: plain member, mentor (with the profile the assignment reads), moderator. */
export type Membership = string | { slug: string; moderator?: boolean; mentor?: boolean | { tags?: string[]; capacity?: number } };

export type PersonSpec = {
  /** Part of the email, to find the person in a failing test's output. */
  label?: string;
  displayName?: string;
  /** The first is the home network. */
  networks?: Membership[];
  admin?: boolean;
  school?: string;
  subjects?: string;
  locale?: "ru" | "en";
};

export type Person = {
  id: number;
  email: string;
  /** A real password: the login form accepts it. */
  password: string;
  displayName: string;
  homeNetwork: string | null;
};

let databasePath: string | undefined;
let modules: ReturnType<typeof load> | undefined;

/**
 * A file that runs a server of its own (server.ts) writes its people there: call this before
 * the first makePerson. Every other file writes into the run's shared server.
 */
export function useServerDatabase(path: string): void {
  if (modules && databasePath !== path) throw new Error("people.ts already writes into another server's database in this file");
  databasePath = path;
}

function load() {
  databasePath ??= inject("databasePath");
  // db/index.ts opens DATABASE_PATH on first use; Lucia's adapter binds that connection on import.
  process.env.DATABASE_PATH = databasePath;
  return Promise.all([
    import("../../db/index"),
    import("~/auth/auth.server"),
    import("~/auth/password.server"),
    import("~/mentoring/profile.server"),
    import("~/networks/networks.server"),
    import("~/courses/courses.server"),
    import("~/courses/modules.server"),
    import("~/announcements/announcements.server"),
    import("~/threads/threads.server"),
  ]).then(([db, auth, password, profile, networks, courses, courseModules, announcements, threads]) => ({
    db,
    auth,
    password,
    profile,
    networks,
    courses,
    courseModules,
    announcements,
    threads,
  }));
}

/** The server's database and the domain code that writes it, for a test that needs more than people. */
export function serverDatabase() {
  modules ??= load();
  return modules;
}

afterAll(async () => {
  if (modules) (await modules).db.closeDatabase();
});

/** One password (and one argon2 hash of it) per file: hashing is the slow part of an account. */
const PASSWORD = `e2e ${crypto.randomBytes(12).toString("base64url")}`;
let passwordHash: Promise<string> | undefined;
let counter = 0;

function unique(label: string) {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${crypto.randomBytes(3).toString("hex")}`;
}

/** Writes a network of the test's own, for checks that depend on who else is in it (mentor choice, counts). */
export async function makeNetwork(spec: { name?: string; visibility?: "public" | "members"; timeZone?: string } = {}) {
  const { db, networks } = await serverDatabase();
  const slug = `e2e-${unique("net")}`;
  // IMMEDIATE: the write lock first, so the server's commits cannot invalidate what is read inside.
  const created = db.getDb().transaction(
    () =>
      networks.createNetwork({
        slug,
        name: spec.name ?? `Сеть для проверки ${counter}`,
        region: "Новосибирская область",
        timeZone: spec.timeZone ?? "Asia/Novosibirsk",
        description: "",
        visibility: spec.visibility ?? "public",
      }),
    { behavior: "immediate" },
  );
  if (!created.ok) throw new Error(`network ${slug}: ${created.error}`);
  return created.network;
}

export async function makePerson(spec: PersonSpec = {}): Promise<Person> {
  const { db, password, profile } = await serverDatabase();
  const { getDb, schema } = db;
  passwordHash ??= password.hashPassword(PASSWORD);
  const hash = await passwordHash;
  const email = `e2e-${unique(spec.label ?? "person")}@example.org`;
  const displayName = spec.displayName ?? `Учитель ${counter}`;
  const roles = (spec.networks ?? []).map((m) => (typeof m === "string" ? { slug: m } : m));

  // One transaction that takes the write lock at BEGIN (the server may be writing too).
  const { userId } = getDb().transaction(
    (tx) => {
      const networks = roles.map(({ slug }) => {
        const network = tx
          .select({ id: schema.networks.id, timeZone: schema.networks.timeZone })
          .from(schema.networks)
          .where(eq(schema.networks.slug, slug))
          .get();
        if (!network) throw new Error(`makePerson: no network "${slug}" in the server's database`);
        return network;
      });
      const user = tx
        .insert(schema.users)
        .values({
          email,
          displayName,
          passwordHash: hash,
          school: spec.school ?? "",
          subjects: spec.subjects ?? "",
          homeNetworkId: networks[0]?.id ?? null,
          isAdmin: spec.admin ?? false,
          locale: spec.locale ?? null,
        })
        .returning({ id: schema.users.id })
        .get();
      roles.forEach((role, i) => {
        const network = networks[i]!;
        tx.insert(schema.memberships)
          .values({ userId: user.id, networkId: network.id, isMentor: Boolean(role.mentor), isModerator: role.moderator ?? false })
          .run();
        if (role.mentor) {
          // The profile the assignment reads (tags, capacity), as the mentor's own form saves it.
          const { tags = [], capacity = 5 } = role.mentor === true ? {} : role.mentor;
          profile.saveMentorProfile({
            networkId: network.id,
            userId: user.id,
            tags,
            capacity,
            awayUntil: undefined,
            timeZone: network.timeZone,
          });
        }
      });
      return { userId: user.id };
    },
    { behavior: "immediate" },
  );

  return { id: userId, email, password: PASSWORD, displayName, homeNetwork: roles[0]?.slug ?? null };
}

/**
 * A question by `author`, posted through the forum's own createThread (a mentor is assigned, the
 * search outbox row is written; the server's worker indexes it within moments). Returns its path.
 */
export async function makeQuestion(spec: { network: string; author: Person; title: string; body: string; tags: string[] }) {
  const { db, threads } = await serverDatabase();
  const { getDb, schema } = db;
  return getDb().transaction(
    (tx) => {
      const network = tx.select({ id: schema.networks.id }).from(schema.networks).where(eq(schema.networks.slug, spec.network)).get();
      if (!network) throw new Error(`makeQuestion: no network "${spec.network}"`);
      const result = threads.createThread({
        kind: "question",
        title: spec.title,
        body: spec.body,
        tags: spec.tags,
        networkId: network.id,
        authorId: spec.author.id,
      });
      if (!result.ok) throw new Error(`makeQuestion: ${result.field}: ${result.error}`);
      return `/t/${result.thread.id}-${result.thread.slug}`;
    },
    { behavior: "immediate" },
  );
}

/** A course of the test's own in a network (its creator curates it, as createCourse does), with more curators, enrolled teachers and modules. */
export async function makeCourse(spec: {
  network: string;
  title: string;
  createdBy: Person;
  curators?: Person[];
  enrolled?: Person[];
  modules?: string[];
}) {
  const { db, courses, courseModules } = await serverDatabase();
  const { getDb, schema } = db;
  return getDb().transaction(
    (tx) => {
      const network = tx.select().from(schema.networks).where(eq(schema.networks.slug, spec.network)).get();
      if (!network) throw new Error(`makeCourse: no network "${spec.network}"`);
      const year = new Date().getUTCFullYear();
      const id = courses.createCourse({
        networkId: network.id,
        createdById: spec.createdBy.id,
        title: spec.title,
        description: "Курс для проверки: модули, вопросы и объявления.",
        startsOn: `${year}-01-10`,
        endsOn: `${year}-12-20`,
        enrolment: "open",
      });
      const moduleIds = (spec.modules ?? []).map((title) =>
        courseModules.addModule(id, {
          title,
          description: `${title}: описание.`,
          materials: "Материалы https://example.org/materials",
          dueOn: null,
        }),
      );
      for (const curator of spec.curators ?? [])
        tx.insert(schema.courseCurators).values({ courseId: id, userId: curator.id }).onConflictDoNothing().run();
      for (const teacher of spec.enrolled ?? []) tx.insert(schema.courseEnrolments).values({ courseId: id, userId: teacher.id }).run();
      return { id, path: `/n/${spec.network}/courses/${id}`, moduleIds };
    },
    { behavior: "immediate" },
  );
}

/** An announcement to a course, published by `author`; those in `acknowledgedBy` have already read it. */
export async function makeAnnouncement(spec: {
  network: string;
  courseId: number | null;
  author: Person;
  title: string;
  ackRequired?: boolean;
  acknowledgedBy?: Person[];
}) {
  const { db, announcements } = await serverDatabase();
  const { getDb, schema } = db;
  return getDb().transaction(
    (tx) => {
      const network = tx.select().from(schema.networks).where(eq(schema.networks.slug, spec.network)).get();
      if (!network) throw new Error(`makeAnnouncement: no network "${spec.network}"`);
      const id = announcements.createAnnouncement({
        networkId: network.id,
        courseId: spec.courseId,
        authorId: spec.author.id,
        title: spec.title,
        body: "Встречаемся в **четверг в 15:00** по той же ссылке.",
        ackRequired: spec.ackRequired ?? true,
      });
      for (const reader of spec.acknowledgedBy ?? []) announcements.acknowledge(id, reader.id);
      return { id, path: `/a/${id}` };
    },
    { behavior: "immediate" },
  );
}

/**
 * A fresh browser profile signed in as the person: a session started by the server's own code,
 * its cookie handed to the browser as the login form's answer would set it.
 */
export async function signIn(
  browser: Browser,
  person: Person,
  options: { javaScript?: boolean; baseURL?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { auth } = await serverDatabase();
  const context = await newContext(browser, options);
  const cookie = await auth.startSession(person.id);
  const [pair] = cookie.split(";");
  const [name, value] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)];
  const url = options.baseURL ?? inject("baseURL");
  await context.addCookies([{ name, value, url, httpOnly: true, sameSite: "Lax" }]);
  return { context, page: await context.newPage() };
}
