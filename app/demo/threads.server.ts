/**
 * A few Russian demo threads for the embedded default, written through the same domain
 * functions as the forum itself, so a newcomer sees lists, answers and an accepted answer.
 */
import { eq } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { createAnswer } from "~/posts/posts.server";
import { demoCircuitFiles } from "./files.server";
import { acceptAnswer } from "~/threads/accept.server";
import { createThread } from "~/threads/threads.server";

type DemoThread = {
  network: string;
  author: string;
  kind: "question" | "discussion";
  title: string;
  body: string;
  tags: string[];
  /** `withCircuitFiles`: the answer carries the demo's circuit sketch and lesson plan (files.server.ts). */
  answers: Array<{ author: string; body: string; withCircuitFiles?: boolean }>;
  accept?: { answer: number; by: string; comment: string };
};

const DEMO_THREADS: DemoThread[] = [
  {
    network: "novosibirsk",
    author: "teacher@kollegi.test",
    kind: "question",
    title: "Как объяснить восьмиклассникам закон Ома?",
    body: "Ученики заучивают формулу $I = \\frac{U}{R}$, но не понимают, почему ток растёт с напряжением и падает с сопротивлением. Какие опыты или аналогии у вас сработали?",
    tags: ["физика", "8 класс"],
    answers: [
      {
        author: "mentor@kollegi.test",
        body: "Мне помогает аналогия с водопроводом: напряжение — это давление воды, сила тока — сколько воды протекает за секунду, сопротивление — узость трубы. Потом собираем цепь из батарейки, реостата и лампочки и смотрим, как меняется яркость. Схема с доски и план урока — ниже.",
        withCircuitFiles: true,
      },
      {
        author: "moderator@kollegi.test",
        body: "Попробуйте виртуальную лабораторию PhET «Закон Ома»: дети сами двигают ползунки и видят, как меняются буквы в формуле. Работает даже на старых компьютерах.",
      },
    ],
    accept: {
      answer: 0,
      by: "teacher@kollegi.test",
      comment: "Аналогия с водопроводом и опыт с реостатом сработали: в 8 «Б» поняли почти все.",
    },
  },
  {
    network: "novosibirsk",
    author: "teacher@kollegi.test",
    kind: "question",
    title: "Чем заменить интерактивную доску на уроке математики?",
    body: "В кабинете сломалась интерактивная доска, ремонт обещают только весной. Как показывать построения и графики классу из 30 человек без неё?",
    tags: ["математика", "оснащение"],
    answers: [
      {
        author: "mentor@kollegi.test",
        body: "Документ-камера за несколько тысяч рублей или даже телефон на штативе, подключённый к проектору. Строите в тетради — все видят на экране.",
      },
    ],
  },
  {
    network: "novosibirsk",
    author: "mentor@kollegi.test",
    kind: "discussion",
    title: "Домашние задания на каникулы: задаёте или нет?",
    body: "Коллеги, давайте обсудим: задаёте ли вы задания на летние каникулы, и если да — какие? Мне кажется, чтение по выбору полезнее, чем рабочие тетради.",
    tags: ["методика", "домашние задания"],
    answers: [
      {
        author: "moderator@kollegi.test",
        body: "Задаю только чтение и один небольшой проект по желанию. Обязательные задания летом почти никто не делает честно.",
      },
    ],
  },
  {
    network: "kamchatka",
    author: "teacher2@kollegi.test",
    kind: "question",
    title: "Дистанционное обучение при слабом интернете: что работает?",
    body: "У нас в селе интернет медленный и дорогой, у многих детей только телефон. Какие форматы дистанционных занятий реально работают в таких условиях?",
    tags: ["дистанционное обучение", "сельская школа"],
    answers: [],
  },
  {
    network: "moskva",
    author: "moderator@kollegi.test",
    kind: "question",
    title: "Как оформить рабочую программу по обновлённому ФГОС?",
    body: "Впервые пишу рабочую программу по обновлённому ФГОС ООО. Пользуетесь ли вы конструктором рабочих программ, и что в нём обычно приходится исправлять вручную?",
    tags: ["ФГОС", "документы"],
    answers: [
      {
        author: "admin@kollegi.test",
        body: "Конструктором пользуемся: он даёт основу. Вручную почти всегда правим тематическое планирование под свой учебник и количество часов.",
      },
    ],
  },
];

export async function seedDemoThreads(): Promise<void> {
  const db = getDb();
  const userId = (email: string) => db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).get()!.id;
  const networkId = (slug: string) =>
    db.select({ id: schema.networks.id }).from(schema.networks).where(eq(schema.networks.slug, slug)).get()!.id;
  for (const demo of DEMO_THREADS) {
    const created = createThread({
      kind: demo.kind,
      title: demo.title,
      body: demo.body,
      tags: demo.tags,
      networkId: networkId(demo.network),
      authorId: userId(demo.author),
    });
    if (!created.ok) throw new Error(`demo thread "${demo.title}": ${created.error}`);
    const answerIds: number[] = [];
    for (const answer of demo.answers) {
      const authorId = userId(answer.author);
      const attachmentIds = answer.withCircuitFiles ? await demoCircuitFiles(authorId) : [];
      const result = createAnswer({ threadId: created.thread.id, authorId, body: answer.body, attachmentIds });
      if (!result.ok) throw new Error(`demo answer: ${result.error}`);
      answerIds.push(result.postId);
    }
    if (demo.accept) {
      acceptAnswer({
        threadId: created.thread.id,
        postId: answerIds[demo.accept.answer]!,
        actorId: userId(demo.accept.by),
        comment: demo.accept.comment,
      });
    }
  }
}
