/**
 * A demo course in the Novosibirsk network on first start: two modules with materials, the demo
 * mentor as its curator (so course questions go to him first), three enrolled teachers, and a
 * solved and an answered-but-open question, so the course page, the module lists and the
 * curator's list have something to show. Each question is answered by the mentor it was
 * assigned to, so the demo leaves no mentor's load changed (the mentoring demo's figures and
 * capacities stay as they were). The curator's announcement of the webinar must be acknowledged:
 * the other curator (the moderator who created the course) and two of the three teachers have,
 * Marina has not, so she sees it on top of every page and the curator sees "3 of 4" with her
 * name among those who have not read it.
 */
import { eq } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { acknowledge, createAnnouncement } from "~/announcements/announcements.server";
import { createAnswer } from "~/posts/posts.server";
import { openAssignmentOf } from "~/mentoring/assign.server";
import { acceptAnswer } from "~/threads/accept.server";
import { createThread } from "~/threads/threads.server";
import { DAY_MS, HOUR_MS } from "~/utils/zoned-time";
import { createCourse } from "~/courses/courses.server";
import { addModule } from "~/courses/modules.server";

const NETWORK = "novosibirsk";

export function seedCoursesDemo(now = new Date()): void {
  const db = getDb();
  const network = db.select().from(schema.networks).where(eq(schema.networks.slug, NETWORK)).get();
  const idOf = (email: string) => db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).get()?.id;
  const [moderator, curator, natalia, marina, teacher] = ["moderator", "mentor", "natalia", "marina", "teacher"].map((n) =>
    idOf(`${n}@kollegi.test`),
  );
  if (!network || !moderator || !curator || !natalia || !marina) return;
  const year = now.getUTCFullYear();
  const courseId = createCourse({
    networkId: network.id,
    createdById: moderator,
    title: "Функциональная грамотность: математика и естествознание",
    description:
      "Курс повышения квалификации для учителей 5–9 классов.\n\n- как устроены задания PISA и что они проверяют;\n- как составить задачу «из жизни» для своего класса;\n- как оценивать развёрнутый ответ.\n\nВопросы задавайте в модуле, к которому они относятся: куратор и коллеги по курсу увидят их сразу.",
    startsOn: `${year}-09-01`,
    endsOn: `${year}-12-20`,
    enrolment: "open",
  });
  db.insert(schema.courseCurators).values({ courseId, userId: curator }).onConflictDoNothing().run();
  const first = addModule(courseId, {
    title: "Модуль 1. Что такое функциональная грамотность",
    description: "Разбираем рамку PISA и открытый банк заданий ФИПИ. Задание: решить три задания и отметить, какие умения они проверяют.",
    materials:
      "Открытый банк заданий ФИПИ https://fipi.ru/otkrytyy-bank-zadaniy-dlya-otsenki-yestestvennonauchnoy-gramotnosti\nРамка PISA (OECD) https://www.oecd.org/pisa/",
    dueOn: `${year}-10-01`,
  });
  const second = addModule(courseId, {
    title: "Модуль 2. Задачи из жизни на уроке",
    description: "Составляем свою задачу на проценты, площади или расход и пробуем её в классе.",
    materials: "Пример задачи с разбором https://fipi.ru/",
    dueOn: `${year}-11-15`,
  });
  const enrolled = [natalia, marina, ...(teacher ? [teacher] : [])];
  db.insert(schema.courseEnrolments)
    .values(enrolled.map((userId) => ({ courseId, userId })))
    .onConflictDoNothing()
    .run();

  const solved = createThread(
    {
      kind: "question",
      title: "Чем задание на функциональную грамотность отличается от обычной текстовой задачи?",
      body: "Прочитала рамку PISA, но на практике не вижу разницы с текстовыми задачами из учебника. Как объяснить коллегам на методобъединении?",
      tags: ["функциональная грамотность", "PISA"],
      networkId: network.id,
      authorId: marina,
      moduleId: first,
    },
    new Date(now.getTime() - 6 * DAY_MS),
  );
  /** The mentor the question went to (the curator, unless he had no room), who answers it in time. */
  const answererOf = (threadId: number) => openAssignmentOf(db, threadId)?.mentorId ?? curator;
  if (solved.ok) {
    const answered = createAnswer(
      {
        threadId: solved.thread.id,
        authorId: answererOf(solved.thread.id),
        body: "Главное отличие — ситуация из жизни и лишние данные: ученик сам решает, что из текста нужно для ответа, и объясняет выбор. В учебной задаче всё нужное дано и ничего лишнего нет.",
      },
      new Date(now.getTime() - 6 * DAY_MS + 3 * HOUR_MS),
    );
    if (answered.ok) {
      acceptAnswer(
        {
          threadId: solved.thread.id,
          postId: answered.postId,
          actorId: marina,
          comment: "Про лишние данные — то, что нужно для выступления!",
        },
        new Date(now.getTime() - 5 * DAY_MS),
      );
    }
  }
  const open = createThread(
    {
      kind: "question",
      title: "Какую задачу на проценты дать шестиклассникам, чтобы она была из их жизни?",
      body: "Нужна задача для 6 класса к заданию модуля: скидки, проценты, что-то близкое детям. Что сработало у вас?",
      tags: ["проценты", "6 класс"],
      networkId: network.id,
      authorId: natalia,
      moduleId: second,
    },
    new Date(now.getTime() - 1 * DAY_MS),
  );
  if (open.ok) {
    createAnswer(
      {
        threadId: open.thread.id,
        authorId: answererOf(open.thread.id),
        body: "Попробуйте задачу про школьную столовую: сколько стоит обед со скидкой 15 % по карте и сколько семья сэкономит за месяц. Дети сами приносят цены.",
      },
      new Date(now.getTime() - 1 * DAY_MS + 2 * HOUR_MS),
    );
  }

  const announcement = createAnnouncement(
    {
      networkId: network.id,
      courseId,
      authorId: curator,
      title: "Вебинар по модулю 2 — в четверг в 15:00",
      body: "Коллеги, вебинар по модулю 2 пройдёт **в четверг в 15:00** (время новосибирское). Ссылка та же, запись появится в материалах модуля.\n\nПожалуйста, подтвердите, что увидели это объявление.",
      ackRequired: true,
    },
    new Date(now.getTime() - 2 * DAY_MS),
  );
  acknowledge(announcement, natalia, new Date(now.getTime() - 2 * DAY_MS + 2 * HOUR_MS));
  acknowledge(announcement, moderator, new Date(now.getTime() - 2 * DAY_MS + 5 * HOUR_MS));
  if (teacher) acknowledge(announcement, teacher, new Date(now.getTime() - DAY_MS));
}
