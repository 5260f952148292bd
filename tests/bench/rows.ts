/**
 * The load rows of `npm run bench`. A new row (thread page, posting an answer,
 * search…) is one more entry in BENCH_ROWS; the runner needs no change.
 */
import type autocannon from "autocannon";
import Database from "better-sqlite3";
import { BENCH_PASSWORD, type BenchThread } from "../../db/generate";

export interface BenchContext {
  baseUrl: string;
  /** What a browser on this site sends as Origin; the server refuses other non-GET requests. */
  origin: string;
  networkSlug: string;
  /** Threads with exactly 50 answers, found in the database under test. */
  fiftyAnswerThreads: BenchThread[];
  /** A signed-in Cookie header for the given bench account, for rows that act as a teacher. */
  signIn: (email: string) => Promise<string>;
  /** The working copy the server runs on, for rows that prepare data the generator does not make. */
  databasePath: string;
}

export type RowTarget = Pick<autocannon.Options, "method" | "headers" | "body" | "requests"> & { path: string };

export interface BenchRow {
  name: string;
  connections: number;
  /** Statuses that mean success; every other status counts as an error. */
  expect: number[];
  target: (ctx: BenchContext) => RowTarget | Promise<RowTarget>;
}

export const BENCH_EMAIL = (n: number) => `user${n}@bench.kollegi.test`;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The size of the moderation queue the /mod row reads. */
export const BENCH_OPEN_FLAGS = 1_000;

/** The bench course: a regional course's size (the generator makes no courses). */
export const BENCH_COURSE = { enrolled: 300, questions: 200, modules: 10 };

/** An acknowledgement-required announcement to the whole bench course, half of it acknowledged. */
export const BENCH_ANNOUNCEMENT = { recipients: BENCH_COURSE.enrolled, acknowledged: BENCH_COURSE.enrolled / 2 };

export const BENCH_ROWS: BenchRow[] = [
  {
    name: "home page, signed out",
    connections: 10,
    expect: [200],
    target: () => ({ path: "/" }),
  },
  {
    name: "network page, signed out",
    connections: 10,
    expect: [200],
    target: (ctx) => ({ path: `/n/${ctx.networkSlug}` }),
  },
  {
    // The target for this one: p99 ≤ 50 ms.
    name: "network page, signed out",
    connections: 50,
    expect: [200],
    target: (ctx) => ({ path: `/n/${ctx.networkSlug}` }),
  },
  {
    // Dominated by argon2id on purpose: it shows how many sign-ins per second two cores absorb.
    name: "login POST",
    connections: 10,
    expect: [302, 303],
    target: (ctx) => ({
      path: "/login",
      method: "POST",
      headers: { Origin: ctx.origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: BENCH_EMAIL(2), password: BENCH_PASSWORD }),
    }),
  },
  {
    name: "thread page (50 answers), signed out",
    connections: 10,
    expect: [200],
    target: (ctx) => ({ path: threadPath(ctx) }),
  },
  {
    name: "thread page (50 answers), signed out",
    connections: 50,
    expect: [200],
    target: (ctx) => ({ path: threadPath(ctx) }),
  },
  {
    // Signed in, nothing is cached: every request renders.
    name: "thread page (50 answers), signed in",
    connections: 10,
    expect: [200],
    target: async (ctx) => ({ path: threadPath(ctx), headers: { Cookie: await ctx.signIn(POSTER) } }),
  },
  {
    name: "thread page (50 answers), signed in",
    connections: 50,
    expect: [200],
    target: async (ctx) => ({ path: threadPath(ctx), headers: { Cookie: await ctx.signIn(POSTER) } }),
  },
  {
    name: "network page, signed in",
    connections: 10,
    expect: [200],
    target: async (ctx) => ({ path: `/n/${ctx.networkSlug}`, headers: { Cookie: await ctx.signIn(POSTER) } }),
  },
  {
    // 10 concurrent posters, synchronous=FULL; each body differs (the same body twice in 5 minutes is refused).
    name: "posting an answer",
    connections: 10,
    expect: [302, 303],
    target: async (ctx) => {
      const cookie = await ctx.signIn(POSTER);
      const thread = ctx.fiftyAnswerThreads[1] ?? ctx.fiftyAnswerThreads[0]!;
      let n = 0;
      return {
        path: `/t/${thread.id}-${thread.slug}`,
        method: "POST",
        headers: { Origin: ctx.origin, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        requests: [
          {
            setupRequest: (request) => {
              n += 1;
              return {
                ...request,
                body: form({
                  intent: "answer",
                  body: `Ответ для замера номер ${n} (${process.pid}): попробуйте объяснить через опыт с $I = U/R$.`,
                }),
              };
            },
          },
        ],
      };
    },
  },
  {
    // The ask form's POST: the thread, its tags, the outbox row and the mentor assignment
    // (candidates, tag match, the capacity claim, the mentor's notification) in one transaction.
    // Mentors fill up within seconds at this rate; later questions take the "needs a mentor" path.
    name: "posting a question (with mentor assignment)",
    connections: 10,
    expect: [302, 303],
    target: async (ctx) => {
      const cookie = await ctx.signIn(POSTER);
      // "confirmed": the asker has seen the similar threads and publishes anyway (the no-JavaScript second step).
      const question = (n: number | string) =>
        form({
          intent: "publish",
          confirmed: "1",
          kind: "question",
          title: `Вопрос для замера номер ${n} (${process.pid}): как объяснить закон Ома?`,
          body: `Замер ${n} (${process.pid}): ученики путают силу тока и напряжение, формула $I = U/R$ не помогает.`,
          tags: "физика, 8 класс",
        });
      let n = 0;
      return {
        path: `/n/${ctx.networkSlug}/ask`,
        method: "POST",
        headers: { Origin: ctx.origin, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
        body: question("preflight"),
        requests: [
          {
            setupRequest: (request) => {
              n += 1;
              return { ...request, body: question(n) };
            },
          },
        ],
      };
    },
  },
  // Moderation: the review queue a moderator opens, and the page a duplicate's readers land on.
  {
    // User 3 moderates bench-1 (see db/generate.ts): their queue holds every open flag of it.
    name: `/mod queue (${BENCH_OPEN_FLAGS} open flags), moderator`,
    connections: 10,
    expect: [200],
    target: async (ctx) => {
      prepareOpenFlags(ctx);
      return { path: "/mod", headers: { Cookie: await ctx.signIn(POSTER) } };
    },
  },
  {
    name: "thread page of a closed duplicate, signed out",
    connections: 10,
    expect: [200],
    target: (ctx) => ({ path: prepareClosedDuplicate(ctx) }),
  },
  {
    name: "thread page of a closed duplicate, signed in",
    connections: 10,
    expect: [200],
    target: async (ctx) => ({ path: prepareClosedDuplicate(ctx), headers: { Cookie: await ctx.signIn(POSTER) } }),
  },
  // Courses: the page a teacher opens most, on a course as large as a regional one gets.
  {
    name: `course page (${BENCH_COURSE.enrolled} enrolled, ${BENCH_COURSE.questions} questions), signed out`,
    connections: 10,
    expect: [200],
    target: (ctx) => ({ path: prepareCourse(ctx) }),
  },
  {
    name: `course page (${BENCH_COURSE.enrolled} enrolled, ${BENCH_COURSE.questions} questions), signed in`,
    connections: 10,
    expect: [200],
    target: async (ctx) => ({ path: prepareCourse(ctx), headers: { Cookie: await ctx.signIn(POSTER) } }),
  },
  // Announcements: the receipts a curator watches fill up, and the banner every recipient carries on every page.
  {
    name: `announcement receipts, ${BENCH_ANNOUNCEMENT.recipients} recipients (${BENCH_ANNOUNCEMENT.acknowledged} acknowledged), curator`,
    connections: 10,
    expect: [200],
    target: async (ctx) => ({ path: `/a/${prepareAnnouncement(ctx).id}`, headers: { Cookie: await ctx.signIn(POSTER) } }),
  },
  {
    name: "network page with the announcement banner, enrolled teacher",
    connections: 10,
    expect: [200],
    target: async (ctx) => ({
      path: `/n/${ctx.networkSlug}`,
      headers: { Cookie: await ctx.signIn(prepareAnnouncement(ctx).pendingEmail) },
    }),
  },
];

/**
 * Open flags on the newest answers of the bench network, one per post, each by some other
 * member (the generator makes none). Idempotent: tops up to BENCH_OPEN_FLAGS.
 */
function prepareOpenFlags(ctx: BenchContext): void {
  const sqlite = new Database(ctx.databasePath);
  try {
    sqlite.pragma("busy_timeout = 5000");
    const network = sqlite.prepare("SELECT id FROM networks WHERE slug = ?").get(ctx.networkSlug) as { id: number };
    const open = (sqlite.prepare("SELECT count(*) AS n FROM flags WHERE resolved_at IS NULL").get() as { n: number }).n;
    if (open >= BENCH_OPEN_FLAGS) return;
    sqlite
      .prepare(
        `INSERT OR IGNORE INTO flags (post_id, user_id, reason, note, created_at)
         SELECT p.id,
           coalesce(
             (SELECT m.user_id FROM memberships m WHERE m.network_id = t.network_id AND m.user_id != p.author_id
              AND m.user_id % 25 = p.id % 25 LIMIT 1),
             (SELECT m.user_id FROM memberships m WHERE m.network_id = t.network_id AND m.user_id != p.author_id LIMIT 1)),
           CASE p.id % 3 WHEN 0 THEN 'spam' WHEN 1 THEN 'off_topic' ELSE 'rude' END, NULL, ? - p.id
         FROM posts p JOIN threads t ON t.id = p.thread_id
         WHERE t.network_id = ? AND p.is_opening = 0 AND t.deleted_at IS NULL
         ORDER BY p.id DESC LIMIT ?`,
      )
      .run(Date.now(), network.id, BENCH_OPEN_FLAGS - open);
  } finally {
    sqlite.close();
  }
}

/**
 * A thread of the bench network closed as a duplicate of a 50-answer one, as a moderator
 * leaves it: locked, pointing at the canonical thread. Returns its path.
 */
function prepareClosedDuplicate(ctx: BenchContext): string {
  const canonical = ctx.fiftyAnswerThreads[0]!;
  const sqlite = new Database(ctx.databasePath);
  try {
    sqlite.pragma("busy_timeout = 5000");
    const thread = sqlite
      .prepare(
        `SELECT t.id, t.slug FROM threads t JOIN networks n ON n.id = t.network_id
         WHERE n.slug = ? AND t.answer_count BETWEEN 5 AND 20 AND t.deleted_at IS NULL AND t.id != ?
         ORDER BY t.id DESC LIMIT 1`,
      )
      .get(ctx.networkSlug, canonical.id) as { id: number; slug: string };
    sqlite
      .prepare("UPDATE threads SET duplicate_of_id = ?, locked_at = coalesce(locked_at, ?) WHERE id = ?")
      .run(canonical.id, Date.now(), thread.id);
    return `/t/${thread.id}-${thread.slug}`;
  } finally {
    sqlite.close();
  }
}

const BENCH_COURSE_TITLE = "Курс для замера: функциональная грамотность";

/**
 * A course in the bench network with BENCH_COURSE.modules modules, BENCH_COURSE.enrolled members
 * enrolled (the poster among them, who also curates it) and BENCH_COURSE.questions of the
 * network's questions moved into its modules, solved and open alike. Idempotent; returns its path.
 */
function prepareCourse(ctx: BenchContext): string {
  const sqlite = new Database(ctx.databasePath);
  try {
    sqlite.pragma("busy_timeout = 5000");
    const network = sqlite.prepare("SELECT id FROM networks WHERE slug = ?").get(ctx.networkSlug) as { id: number };
    const existing = sqlite.prepare("SELECT id FROM courses WHERE network_id = ? AND title = ?").get(network.id, BENCH_COURSE_TITLE) as
      { id: number } | undefined;
    if (existing) return `/n/${ctx.networkSlug}/courses/${existing.id}`;
    const poster = sqlite.prepare("SELECT id FROM users WHERE email = ?").get(POSTER) as { id: number };
    const courseId = sqlite.transaction(() => {
      const id = Number(
        sqlite
          .prepare(
            "INSERT INTO courses (network_id, title, description, starts_on, ends_on, enrolment, created_by_id) VALUES (?, ?, ?, ?, ?, 'open', ?)",
          )
          .run(
            network.id,
            BENCH_COURSE_TITLE,
            "Курс для **учителей 5–9 классов**: задания PISA, задачи из жизни, оценивание.",
            "2026-09-01",
            "2026-12-20",
            poster.id,
          ).lastInsertRowid,
      );
      sqlite.prepare("INSERT INTO course_curators (course_id, user_id) VALUES (?, ?)").run(id, poster.id);
      const modules: number[] = [];
      for (let i = 1; i <= BENCH_COURSE.modules; i += 1) {
        const info = sqlite
          .prepare("INSERT INTO course_modules (course_id, position, title, description, materials, due_on) VALUES (?, ?, ?, ?, ?, ?)")
          .run(
            id,
            i,
            `Модуль ${i}. Задания и разборы`,
            "Читаем задания и обсуждаем, что они проверяют.",
            `Запись вебинара https://video.example.org/${i}\nСлайды https://example.org/${i}.pdf`,
            "2026-10-01",
          );
        modules.push(Number(info.lastInsertRowid));
      }
      sqlite
        .prepare(
          `INSERT OR IGNORE INTO course_enrolments (course_id, user_id)
           SELECT ?, user_id FROM memberships WHERE network_id = ? AND user_id != ? ORDER BY user_id LIMIT ?`,
        )
        .run(id, network.id, poster.id, BENCH_COURSE.enrolled - 1);
      sqlite.prepare("INSERT OR IGNORE INTO course_enrolments (course_id, user_id) VALUES (?, ?)").run(id, poster.id);
      const fifty = new Set(ctx.fiftyAnswerThreads.map((t) => t.id));
      const questions = (
        sqlite
          .prepare(
            "SELECT id FROM threads WHERE network_id = ? AND kind = 'question' AND deleted_at IS NULL AND module_id IS NULL ORDER BY id DESC LIMIT ?",
          )
          .all(network.id, BENCH_COURSE.questions + fifty.size) as { id: number }[]
      )
        .filter((t) => !fifty.has(t.id))
        .slice(0, BENCH_COURSE.questions);
      const move = sqlite.prepare("UPDATE threads SET module_id = ? WHERE id = ?");
      questions.forEach((t, i) => move.run(modules[i % modules.length], t.id));
      return id;
    })();
    return `/n/${ctx.networkSlug}/courses/${courseId}`;
  } finally {
    sqlite.close();
  }
}

const BENCH_ANNOUNCEMENT_TITLE = "Объявление для замера: вебинар переносится на четверг";

/**
 * An acknowledgement-required announcement to the bench course (prepareCourse), written by a member
 * of the network outside the course so that every one of its BENCH_COURSE.enrolled is a recipient;
 * the first BENCH_ANNOUNCEMENT.acknowledged of them (the poster, its curator, among them) have
 * acknowledged it over the past day. Idempotent. Returns its id and the email of an enrolled teacher
 * (no moderator, no mentor) who has not acknowledged it, so has it in the banner.
 */
function prepareAnnouncement(ctx: BenchContext): { id: number; pendingEmail: string } {
  prepareCourse(ctx);
  const sqlite = new Database(ctx.databasePath);
  try {
    sqlite.pragma("busy_timeout = 5000");
    const course = sqlite
      .prepare(
        "SELECT c.id, c.network_id AS networkId FROM courses c JOIN networks n ON n.id = c.network_id WHERE n.slug = ? AND c.title = ?",
      )
      .get(ctx.networkSlug, BENCH_COURSE_TITLE) as { id: number; networkId: number };
    const existing = sqlite
      .prepare("SELECT id FROM announcements WHERE course_id = ? AND title = ?")
      .get(course.id, BENCH_ANNOUNCEMENT_TITLE) as { id: number } | undefined;
    const id =
      existing?.id ??
      sqlite.transaction(() => {
        const author = sqlite
          .prepare(
            `SELECT user_id AS id FROM memberships WHERE network_id = ?
               AND user_id NOT IN (SELECT user_id FROM course_enrolments WHERE course_id = ? UNION SELECT user_id FROM course_curators WHERE course_id = ?)
             ORDER BY is_moderator DESC, user_id LIMIT 1`,
          )
          .get(course.networkId, course.id, course.id) as { id: number };
        const now = Date.now();
        const day = 24 * 60 * 60_000;
        const created = Number(
          sqlite
            .prepare(
              `INSERT INTO announcements (network_id, course_id, author_id, title, body_source, body_html, ack_required, published_at)
               VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
            )
            .run(
              course.networkId,
              course.id,
              author.id,
              BENCH_ANNOUNCEMENT_TITLE,
              "Коллеги, вебинар по модулю 3 переносится на **четверг, 16:00**. Ссылка прежняя, запись будет в материалах модуля.",
              "<p>Коллеги, вебинар по модулю 3 переносится на <strong>четверг, 16:00</strong>. Ссылка прежняя, запись будет в материалах модуля.</p>\n",
              now - day,
            ).lastInsertRowid,
        );
        sqlite
          .prepare(
            `INSERT OR IGNORE INTO acknowledgements (announcement_id, user_id, created_at)
             SELECT ?, user_id, ? + user_id * 1000 FROM course_enrolments WHERE course_id = ? ORDER BY user_id LIMIT ?`,
          )
          .run(created, now - day, course.id, BENCH_ANNOUNCEMENT.acknowledged);
        return created;
      })();
    const pending = sqlite
      .prepare(
        `SELECT u.email FROM course_enrolments e JOIN users u ON u.id = e.user_id
         JOIN memberships m ON m.user_id = u.id AND m.network_id = ? AND m.is_moderator = 0 AND m.is_mentor = 0
         WHERE e.course_id = ? AND NOT EXISTS (SELECT 1 FROM acknowledgements k WHERE k.announcement_id = ? AND k.user_id = u.id)
         ORDER BY u.id LIMIT 1`,
      )
      .get(course.networkId, course.id, id) as { email: string };
    return { id, pendingEmail: pending.email };
  } finally {
    sqlite.close();
  }
}

/** Run after the full reindex, through the forum's search page (signed out, so public networks). */
export const SEARCH_ROWS: BenchRow[] = [
  { name: "search, one word", connections: 10, expect: [200], target: () => ({ path: `/search?q=${encodeURIComponent("урокам")}` }) },
  {
    name: "search, three words",
    connections: 10,
    expect: [200],
    target: () => ({ path: `/search?q=${encodeURIComponent("проверка тетрадей физика")}` }),
  },
  {
    name: "search, filtered",
    connections: 10,
    expect: [200],
    target: (ctx) => ({ path: `/search?q=${encodeURIComponent("урок")}&network=${ctx.networkSlug}&status=solved&sort=newest` }),
  },
];

export { POSTER };

/** User 3 moderates bench-1 (see db/generate.ts), so may read, answer and vote there. */
const POSTER = BENCH_EMAIL(3);

function threadPath(ctx: BenchContext): string {
  const thread = ctx.fiftyAnswerThreads[0]!;
  return `/t/${thread.id}-${thread.slug}`;
}
