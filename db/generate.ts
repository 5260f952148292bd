/**
 * Scale generator for the benchmark: a fresh database shaped like a busy
 * Kollegi (regional networks, teachers, threads with skewed answer counts).
 *
 *   npx tsx db/generate.ts --out data/bench.db --threads 100000 --posts 1000000
 *
 * Deterministic: the same flags (and the same --now day) give the same file.
 * Rows go in through raw prepared statements, not drizzle, because a million
 * posts through the query builder would take minutes.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import { migrateDatabase, openDatabase } from "./index";

export const BENCH_PASSWORD = "bench-password-1";
export const DEFAULTS = { threads: 100_000, posts: 1_000_000, networks: 20, users: 20_000, seed: 1 };

export type GenerateOptions = Partial<typeof DEFAULTS> & {
  out: string;
  /** Anchor of "the last two years" in ms; defaults to today's UTC midnight so a day's runs agree. */
  now?: number;
  log?: (line: string) => void;
};
export interface BenchThread {
  id: number;
  slug: string;
  networkSlug: string;
}
export interface GenerateResult {
  file: string;
  elapsedMs: number;
  counts: Record<string, number>;
  fiftyAnswerThreads: BenchThread[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SPAN_MS = 730 * DAY;
/** The bench needs "a thread page with 50 answers"; a handful lets later rows rotate. */
const FIFTY_ANSWER_THREADS = 5;
const ROWS_PER_TRANSACTION = 50_000;

// region|genitive (for "Учителя …")|IANA zone|main city
const REGIONS =
  `Москва|Москвы|Europe/Moscow|Москва;Новосибирская область|Новосибирской области|Asia/Novosibirsk|Новосибирск;Камчатский край|Камчатского края|Asia/Kamchatka|Петропавловск-Камчатский;
Калининградская область|Калининградской области|Europe/Kaliningrad|Калининград;Свердловская область|Свердловской области|Asia/Yekaterinburg|Екатеринбург;Приморский край|Приморского края|Asia/Vladivostok|Владивосток;
Республика Татарстан|Республики Татарстан|Europe/Moscow|Казань;Красноярский край|Красноярского края|Asia/Krasnoyarsk|Красноярск;Иркутская область|Иркутской области|Asia/Irkutsk|Иркутск;
Омская область|Омской области|Asia/Omsk|Омск;Самарская область|Самарской области|Europe/Samara|Самара;Республика Саха (Якутия)|Якутии|Asia/Yakutsk|Якутск;
Магаданская область|Магаданской области|Asia/Magadan|Магадан;Санкт-Петербург|Санкт-Петербурга|Europe/Moscow|Санкт-Петербург;Хабаровский край|Хабаровского края|Asia/Vladivostok|Хабаровск;
Челябинская область|Челябинской области|Asia/Yekaterinburg|Челябинск;Забайкальский край|Забайкальского края|Asia/Chita|Чита;Сахалинская область|Сахалинской области|Asia/Sakhalin|Южно-Сахалинск;
Чукотский автономный округ|Чукотского автономного округа|Asia/Anadyr|Анадырь;Удмуртская Республика|Удмуртской Республики|Europe/Samara|Ижевск;Волгоградская область|Волгоградской области|Europe/Volgograd|Волгоград;
Алтайский край|Алтайского края|Asia/Barnaul|Барнаул;Томская область|Томской области|Asia/Tomsk|Томск;Кемеровская область|Кемеровской области|Asia/Novokuznetsk|Кемерово;
Саратовская область|Саратовской области|Europe/Saratov|Саратов;Ульяновская область|Ульяновской области|Europe/Ulyanovsk|Ульяновск;Астраханская область|Астраханской области|Europe/Astrakhan|Астрахань;
Краснодарский край|Краснодарского края|Europe/Moscow|Краснодар;Республика Башкортостан|Республики Башкортостан|Asia/Yekaterinburg|Уфа;Нижегородская область|Нижегородской области|Europe/Moscow|Нижний Новгород`
    .split(/;\n?/)
    .map((line) => line.split("|") as [string, string, string, string]);

// nominative (the tag)|genitive ("на уроках …")|dative ("по …")
const SUBJECTS = `математика|математики|математике;алгебра|алгебры|алгебре;геометрия|геометрии|геометрии;физика|физики|физике;
химия|химии|химии;биология|биологии|биологии;география|географии|географии;история|истории|истории;
обществознание|обществознания|обществознанию;русский язык|русского языка|русскому языку;литература|литературы|литературе;английский язык|английского языка|английскому языку;
немецкий язык|немецкого языка|немецкому языку;информатика|информатики|информатике;технология|технологии|технологии;музыка|музыки|музыке;
физкультура|физкультуры|физкультуре;ОБЖ|ОБЖ|ОБЖ`
  .split(/;\n?/)
  .map((line) => line.split("|") as [string, string, string]);

const list = (s: string) => s.split("|");
const TOPICS = list(
  "ФГОС|ОГЭ|ЕГЭ|ВПР|дистанционное обучение|функциональная грамотность|проектная деятельность|рабочая программа|классное руководство|инклюзивное образование|аттестация|электронный журнал|родительское собрание|олимпиады|цифровые ресурсы|воспитательная работа|оценивание|начальная школа|наставничество|сельская школа|молодой учитель|внеурочная деятельность",
);
const FEMALE = list(
  "Анна|Елена|Ольга|Наталья|Татьяна|Ирина|Светлана|Марина|Юлия|Екатерина|Мария|Людмила|Галина|Надежда|Валентина|Оксана|Дарья|Алина|Виктория|Ксения|Любовь|Вера|Евгения|Полина|Зарина|Айгуль|Гульнара|Лилия|Алёна|Софья",
);
const MALE = list(
  "Алексей|Сергей|Андрей|Дмитрий|Михаил|Владимир|Николай|Игорь|Павел|Артём|Роман|Евгений|Олег|Иван|Тимур|Рустам|Виктор|Константин|Фёдор|Степан",
);
const SURNAMES = list(
  "Иванов|Смирнов|Кузнецов|Попов|Васильев|Петров|Соколов|Михайлов|Новиков|Фёдоров|Морозов|Волков|Алексеев|Лебедев|Семёнов|Егоров|Павлов|Козлов|Степанов|Николаев|Орлов|Андреев|Макаров|Никитин|Захаров|Зайцев|Соловьёв|Борисов|Яковлев|Григорьев|Романов|Воробьёв|Сергеев|Кириллов|Тарасов|Белов|Медведев|Ершов|Гарипов|Хабибуллин|Ахметов|Шевченко|Ковальчук|Ким|Осипов|Гусев|Титов|Комаров|Каменский|Руденко",
);
const ACTIONS = list(
  "удержать внимание класса|объяснить новую тему слабым ученикам|организовать групповую работу|быстро проверять домашние задания|использовать интерактивную доску|провести самостоятельную работу дистанционно|мотивировать старшеклассников|встроить задания на функциональную грамотность|работать с детьми с ОВЗ|применять цифровые тренажёры|сократить время на проверку тетрадей|оценивать устные ответы|вести проектную работу|подготовить открытый урок|использовать рабочие листы",
);
const SUFFIXES = [
  "",
  "",
  " в 5 классе",
  " в условиях сельской школы",
  " без проектора",
  " при нехватке часов",
  " с учётом обновлённого ФГОС",
  " в классе из 35 человек",
  " в начальной школе",
];
const PROBLEMS = list(
  "ученики не выполняют домашние задания|родители не читают сообщения в электронном журнале|в кабинете нет интернета|не хватает учебников на весь класс|ученик постоянно срывает урок|электронный журнал не сохраняет оценки|администрация требует новый отчёт к понедельнику|класс не успевает пройти программу|на платформе пропала рабочая программа|дети списывают контрольные с телефонов",
);
const RESOURCES = list(
  "задачник|сборник тестов|цифровые тренажёры|видеоуроки|рабочие листы|презентации|материалы для подготовки|интерактивные задания|карточки для устного счёта|хорошие онлайн-курсы",
);
const EXAMS = list("ОГЭ|ЕГЭ|ВПР|региональной олимпиаде|итоговой контрольной");
const OPENING = list(
  "Коллеги, добрый день!|Подскажите, пожалуйста, как вы решаете эту задачу.|В этом году у меня {n} классов, и времени катастрофически не хватает.|Пробовала разные варианты, но пока ничего не помогло.|Буду благодарна за любые советы и ссылки.|Методист рекомендует **рабочие листы**, но ученики быстро теряют интерес.|Особенно трудно с {g} классом на уроках {s}.|Может быть, у кого-то есть готовые материалы по {d}?|Школа небольшая, в параллели один класс на {n} человек.|Заранее спасибо всем, кто ответит!",
);
const ANSWER = list(
  "У нас в школе это решили так: короткий опрос в начале урока и разбор ошибок в конце.|Попробуйте разбить тему на блоки по 10–15 минут.|Я использую **рабочие листы** с заданиями трёх уровней.|Посмотрите методические рекомендации ФИПИ по {d}.|Хорошо работает приём «ротация станций».|Главное — не перегружать детей домашними заданиями.|Родителям пишу короткие сообщения раз в неделю, так их читают.|Согласна с коллегой выше.|Если нужен пример, могу прислать свою презентацию для {g} класса.|Проверено на практике: результаты ВПР выросли на {n}%.|В сельской школе мы объединяем 5 и 6 классы на части уроков {s}.|Важно заранее договориться о критериях оценивания.|Условие вида a < b & b < c удобно разбирать на доске.|Начните с одной параллели, а потом расширяйте.|На курсах повышения квалификации нам показывали похожий приём.|Не бойтесь давать детям выбирать задания самим.",
);
const LIST_ITEMS = list(
  "короткие задания в начале урока;|работа в парах;|обратная связь в тот же день;|карточки с опорными схемами;|мини-проекты на две недели;|самопроверка по образцу;|игровые минутки для младших классов.",
);
const ACCEPT_COMMENTS = list(
  "Спасибо, сработало на следующем же уроке!|Именно то, что нужно: коротко и с примером.|Помогло оформить рабочую программу.|Попробовала с 7 классом — дети довольны.|Спасибо, коллега, очень выручили.|Теперь понятно, с чего начать.",
);

type Rng = ReturnType<typeof prng>;

/** sfc32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0,
    b = 0x9e3779b9,
    c = 0x243f6a88,
    d = 0xb7e15162;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

const TRANSLIT: Record<string, string> = Object.fromEntries(
  "а-a б-b в-v г-g д-d е-e ё-e ж-zh з-z и-i й-y к-k л-l м-m н-n о-o п-p р-r с-s т-t у-u ф-f х-kh ц-ts ч-ch ш-sh щ-shch ъ- ы-y ь- э-e ю-yu я-ya"
    .split(" ")
    .map((pair) => pair.split("-") as [string, string]),
);

export function slugify(title: string, max = 60): string {
  let out = "";
  for (const ch of title.toLowerCase()) out += TRANSLIT[ch] ?? (/[a-z0-9]/.test(ch) ? ch : "-");
  out = out.replace(/-+/g, "-").replace(/^-|-$/g, "");
  if (out.length > max) out = out.slice(0, max).replace(/-[^-]*$/, "");
  return out || "thread";
}

const escapeHtml = (s: string) =>
  /[&<>"]/.test(s) ? s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;") : s;
const inlineHtml = (md: string) => escapeHtml(md).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");

function fill(template: string, rng: Rng, subject: readonly string[]): string {
  if (!template.includes("{")) return template;
  return template
    .replace("{s}", subject[1]!)
    .replace("{d}", subject[2]!)
    .replace("{g}", String(rng.int(5, 11)))
    .replace("{n}", String(rng.int(3, 30)));
}

function title(rng: Rng, kind: "question" | "discussion", subject: readonly string[]): string {
  const [, gen, dat] = subject;
  const grade = rng.int(1, 11);
  const options =
    kind === "question"
      ? [
          () => `Как ${rng.pick(ACTIONS)} на уроках ${gen}${rng.pick(SUFFIXES)}?`,
          () => `Как подготовить ${grade > 8 ? "выпускников" : "класс"} к ${rng.pick(EXAMS)} по ${dat}?`,
          () => `Где найти ${rng.pick(RESOURCES)} по ${dat} для ${grade} класса?`,
          () => `Что делать, если ${rng.pick(PROBLEMS)}?`,
          () => `${rng.pick(TOPICS)}: как ${rng.pick(ACTIONS)}?`,
          () => `Как оформить рабочую программу по ${dat} по обновлённому ФГОС?`,
        ]
      : [
          () => `Обсуждаем: ${rng.pick(PROBLEMS)}`,
          () => `Опыт: как ${rng.pick(ACTIONS)} на уроках ${gen}`,
          () => `Делимся находками: ${rng.pick(RESOURCES)} по ${dat}`,
          () => `Ваше мнение: стоит ли использовать ${rng.pick(RESOURCES)} в ${grade} классе?`,
        ];
  const text = rng.pick(options)();
  return text.length > 120 ? `${text.slice(0, 118).replace(/\s+\S*$/, "")}?` : text;
}

/**
 * Markdown-ish source and the HTML it stands for. Deliberately not the real
 * markdown-it renderer: rendering a million posts would dominate generation
 * time, and the bench measures reading cooked HTML, not cooking it.
 */
function body(rng: Rng, opening: boolean, subject: readonly string[]): { md: string; html: string } {
  const pool = opening ? OPENING : ANSWER;
  const md: string[] = [];
  const html: string[] = [];
  const used = new Set<string>();
  const paragraphs = rng.int(1, 3);
  for (let p = 0; p < paragraphs; p++) {
    if (!opening && p > 0 && rng.chance(0.15)) {
      const items = [...new Set([rng.pick(LIST_ITEMS), rng.pick(LIST_ITEMS), rng.pick(LIST_ITEMS)])];
      items.push(items.pop()!.replace(/;$/, "."));
      md.push(`Что помогает мне:\n\n${items.map((i) => `- ${i}`).join("\n")}`);
      html.push(`<p>Что помогает мне:</p>\n<ul>\n${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("\n")}\n</ul>\n`);
      continue;
    }
    const sentences: string[] = [];
    for (let s = rng.int(1, 3); s > 0; s--) {
      const sentence = rng.pick(pool);
      if (!used.has(sentence)) sentences.push(fill(sentence, rng, subject));
      used.add(sentence);
    }
    if (!sentences.length) continue;
    const text = sentences.join(" ");
    md.push(text);
    html.push(`<p>${inlineHtml(text)}</p>\n`);
  }
  return { md: md.join("\n\n"), html: html.join("") };
}

const definedOnly = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Most threads 3–15 posts, a long tail past 50; the mean is near ten posts per thread. */
function rawPostCount(rng: Rng): number {
  const r = rng.next();
  if (r < 0.04) return 1;
  if (r < 0.045) return 2;
  if (r < 0.885) return 3 + Math.floor(13 * rng.next() ** 1.8);
  if (r < 0.985) return rng.int(16, 40);
  return rng.int(52, 120);
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const { threads: N, posts: P, users: U, networks: NETS, seed } = { ...DEFAULTS, ...definedOnly(options) };
  const now = options.now ?? Math.floor(Date.now() / DAY) * DAY;
  if (![N, P, U, NETS, seed].every(Number.isSafeInteger) || N < 1 || P < N || NETS < 1 || U < NETS * 4)
    throw new Error("Need whole numbers: threads ≥ 1, posts ≥ threads, users ≥ 4 × networks");
  const rng = prng(seed * 7919 + N * 31 + P + NETS * 131 + U);

  const file = path.resolve(options.out);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  const { sqlite, db } = openDatabase(file);
  migrateDatabase(db);
  // Generation only: a crash mid-way means regenerating, so durability buys nothing here.
  for (const pragma of ["journal_mode = OFF", "synchronous = OFF", "foreign_keys = OFF", "cache_size = -1000000"]) sqlite.pragma(pragma);
  const phase = (name: string) => log(`  ${name} … ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const batched = <T>(rows: Iterable<T>, write: (row: T) => void) => {
    let n = 0;
    sqlite.exec("BEGIN");
    for (const row of rows) {
      write(row);
      if (++n % ROWS_PER_TRANSACTION === 0) sqlite.exec("COMMIT; BEGIN");
    }
    sqlite.exec("COMMIT");
  };
  const range = function* (n: number) {
    for (let i = 0; i < n; i++) yield i;
  };

  // Bigger regions have more teachers and more threads: weight 1/sqrt(rank).
  const weights = Array.from({ length: NETS }, (_, i) => 1 / Math.sqrt(i + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const cumulative = weights.map(
    (
      (acc) => (w: number) =>
        (acc += w / total)
    )(0),
  );
  const pickNetwork = () => {
    const r = rng.next();
    const i = cumulative.findIndex((c) => r < c);
    return i < 0 ? NETS - 1 : i;
  };

  const networkSlugs = Array.from({ length: NETS }, (_, i) => `bench-${i + 1}`);
  const insertNetwork = sqlite.prepare(
    "INSERT INTO networks (id, slug, name, region, time_zone, description, visibility, first_response_hours, created_at) VALUES (?, ?, ?, ?, ?, ?, 'public', 24, ?)",
  );
  batched(range(NETS), (i) => {
    const [region, genitive, zone] = REGIONS[i % REGIONS.length]!;
    const suffix = i < REGIONS.length ? "" : ` (${Math.floor(i / REGIONS.length) + 1})`;
    insertNetwork.run(
      i + 1,
      networkSlugs[i],
      `Учителя ${genitive}${suffix}`,
      region + suffix,
      zone,
      `Сеть взаимопомощи учителей: вопросы, ответы наставников и база знаний (${region}).`,
      now - SPAN_MS - 400 * DAY,
    );
  });

  // Subjects first so a thread's title subject maps to tag id base + index.
  const tagBase: number[] = [];
  const topicTags: number[][] = [];
  const insertTag = sqlite.prepare("INSERT INTO tags (id, network_id, name, created_at) VALUES (?, ?, ?, ?)");
  let tagId = 0;
  batched(range(NETS), (n) => {
    tagBase.push(tagId + 1);
    for (const [name] of SUBJECTS) insertTag.run(++tagId, n + 1, name, now - SPAN_MS - 300 * DAY);
    const topics = TOPICS.filter(() => rng.chance(0.7));
    topicTags.push(topics.map((name) => (insertTag.run(++tagId, n + 1, name, now - SPAN_MS - 300 * DAY), tagId)));
  });

  // One real argon2id hash (fixed salt, for determinism) shared by every account.
  const passwordHash = await hash(BENCH_PASSWORD, {
    memoryCost: 19456,
    timeCost: 2,
    outputLen: 32,
    parallelism: 1,
    salt: Buffer.from("kollegi-bench-salt"),
  });
  const members: number[][] = Array.from({ length: NETS }, () => []);
  const insertUser = sqlite.prepare(
    "INSERT INTO users (id, email, display_name, password_hash, school, subjects, home_network_id, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertMembership = sqlite.prepare(
    "INSERT INTO memberships (user_id, network_id, is_mentor, is_moderator, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  const insertMentor = sqlite.prepare("INSERT INTO mentor_profiles (user_id, network_id, capacity) VALUES (?, ?, ?)");
  const insertMentorTag = sqlite.prepare("INSERT INTO mentor_tags (user_id, network_id, tag_id) VALUES (?, ?, ?)");
  batched(range(U), (i) => {
    const id = i + 1;
    // Users 3.. moderate one network each; user 2 stays a plain teacher for the login row.
    const seededModerator = id >= 3 && id < 3 + NETS;
    const home = id === 1 ? 0 : seededModerator ? id - 3 : pickNetwork();
    const female = rng.chance(0.8);
    let surname = rng.pick(SURNAMES);
    if (female) surname = surname.replace(/(ов|ев|ёв|ин)$/, "$1а").replace(/ский$/, "ская");
    const name = `${rng.pick(female ? FEMALE : MALE)} ${surname}`;
    const subject = rng.int(0, SUBJECTS.length - 1);
    const city = REGIONS[home % REGIONS.length]![3];
    const created = now - SPAN_MS - rng.int(2, 360) * DAY;
    insertUser.run(
      id,
      `user${id}@bench.kollegi.test`,
      name,
      passwordHash,
      `Школа № ${rng.int(1, 180)}, ${city}`,
      SUBJECTS[subject]![0],
      home + 1,
      id === 1 ? 1 : 0,
      created,
    );
    const networks = [home];
    if (rng.chance(0.25)) {
      const other = pickNetwork();
      if (other !== home) networks.push(other);
    }
    for (const n of networks) {
      const moderator = (seededModerator && n === home) || (id > 2 && rng.chance(0.004));
      const mentor = moderator || (id > 2 && rng.chance(0.04));
      insertMembership.run(id, n + 1, mentor ? 1 : 0, moderator ? 1 : 0, created + HOUR);
      members[n]!.push(id);
      if (!mentor) continue;
      insertMentor.run(id, n + 1, rng.int(3, 8));
      insertMentorTag.run(id, n + 1, tagBase[n]! + subject);
      const topics = topicTags[n]!;
      if (topics.length && rng.chance(0.5)) insertMentorTag.run(id, n + 1, rng.pick(topics));
    }
  });
  phase(`${U} users`);

  // Pass 1: where each thread lives and how many posts it has, summing exactly to P.
  const threadNet = new Int32Array(N);
  const counts = new Int32Array(N);
  let sum = 0;
  for (let i = 0; i < N; i++) {
    threadNet[i] = pickNetwork();
    counts[i] = rawPostCount(rng);
    sum += counts[i]!;
  }
  if (Math.abs(sum - P) > 0.2 * P) {
    const scale = P / sum;
    sum = 0;
    for (let i = 0; i < N; i++) {
      counts[i] = Math.max(1, Math.round(counts[i]! * scale));
      sum += counts[i]!;
    }
  }
  const forced = new Uint8Array(N);
  const fiftyIdx: number[] = [];
  if (P >= N + FIFTY_ANSWER_THREADS * 60) {
    for (let i = N - 1; i >= 0 && fiftyIdx.length < FIFTY_ANSWER_THREADS; i--) {
      if (threadNet[i] !== 0) continue;
      fiftyIdx.push(i);
      forced[i] = 1;
      sum += 51 - counts[i]!;
      counts[i] = 51;
    }
  }
  // Trimming only threads above 3 posts keeps the "most threads 3–15" shape when P/N allows it.
  const keep = P >= 5 * N ? 3 : 1;
  while (sum !== P) {
    const i = rng.int(0, N - 1);
    if (forced[i]) continue;
    if (sum < P) {
      counts[i]!++;
      sum++;
    } else if (counts[i]! > keep) {
      counts[i]!--;
      sum--;
    }
  }

  // Pass 2: thread facts and every post's time and author, in thread order.
  const postThread = new Int32Array(P);
  const postTime = new Float64Array(P);
  const postAuthor = new Int32Array(P);
  const threadAuthor = new Int32Array(N);
  const threadCreated = new Float64Array(N);
  const threadLast = new Float64Array(N);
  const acceptedIdx = new Int32Array(N).fill(-1);
  const threadStart = new Int32Array(N);
  const limit = now - MINUTE;
  let k = 0;
  for (let i = 0; i < N; i++) {
    const pool = members[threadNet[i]!]!;
    const author = rng.pick(pool);
    // Thread ids follow creation time, as they would in a live forum.
    const created = Math.floor(now - SPAN_MS - HOUR + (SPAN_MS * (i + rng.next())) / N);
    threadAuthor[i] = author;
    threadCreated[i] = created;
    threadStart[i] = k;
    const delays: number[] = [0];
    for (let j = 1; j < counts[i]!; j++)
      delays.push(delays[j - 1]! + (j === 1 ? 2 : 1) * MINUTE * Math.exp(rng.next() * (j === 1 ? 8 : 7.5)));
    const lastDelay = delays[delays.length - 1]!;
    const squeeze = created + lastDelay > limit ? (limit - created) / lastDelay : 1;
    let previous = created - 1;
    for (let j = 0; j < counts[i]!; j++, k++) {
      const t = Math.max(previous + 1, Math.floor(created + delays[j]! * squeeze));
      postThread[k] = i;
      postTime[k] = t;
      postAuthor[k] = j === 0 ? author : rng.pick(pool);
      previous = t;
    }
    threadLast[i] = previous;
  }

  // Post ids follow time across the whole forum, so a thread's posts are scattered like real ones.
  const order = new Uint32Array(P);
  for (let j = 0; j < P; j++) order[j] = j;
  order.sort((a, b) => postTime[a]! - postTime[b]! || a - b);
  const postId = new Int32Array(P);
  for (let r = 0; r < P; r++) postId[order[r]!] = r + 1;
  phase("post timeline");

  const insertThread = sqlite.prepare(
    `INSERT INTO threads (id, network_id, author_id, kind, title, slug, accepted_post_id, accepted_by_id, accepted_comment,
       accepted_at, answer_count, score, last_activity_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertThreadTag = sqlite.prepare("INSERT INTO thread_tags (thread_id, tag_id) VALUES (?, ?)");
  const threadSubject = new Uint8Array(N);
  const threadScore = new Int16Array(N);
  const fiftyAnswerThreads: BenchThread[] = [];
  batched(range(N), (i) => {
    const n = threadNet[i]!;
    const kind = forced[i] || rng.chance(0.8) ? "question" : "discussion";
    const subject = rng.int(0, SUBJECTS.length - 1);
    const text = title(rng, kind, SUBJECTS[subject]!);
    const slug = slugify(text);
    const answers = counts[i]! - 1;
    let accepted: [number, number, string, number] | [null, null, null, null] = [null, null, null, null];
    if (kind === "question" && answers > 0 && rng.chance(0.4)) {
      const idx = threadStart[i]! + 1 + Math.floor(answers * rng.next() ** 2);
      acceptedIdx[i] = idx;
      const at = Math.min(limit, postTime[idx]! + rng.int(10, 3 * 24 * 60) * MINUTE);
      accepted = [postId[idx]!, threadAuthor[i]!, rng.pick(ACCEPT_COMMENTS), at];
    }
    threadSubject[i] = subject;
    threadScore[i] = Math.floor(6 * rng.next() ** 3) - (rng.chance(0.03) ? 2 : 0);
    insertThread.run(
      i + 1,
      n + 1,
      threadAuthor[i],
      kind,
      text,
      slug,
      ...accepted,
      answers,
      threadScore[i],
      threadLast[i],
      threadCreated[i],
    );
    const tags = new Set([tagBase[n]! + subject]);
    const topics = topicTags[n]!;
    for (let t = rng.int(0, 2); t > 0 && topics.length; t--) tags.add(rng.pick(topics));
    for (const tag of tags) insertThreadTag.run(i + 1, tag);
    if (forced[i]) fiftyAnswerThreads.push({ id: i + 1, slug, networkSlug: networkSlugs[n]! });
  });
  phase(`${N} threads`);

  const insertPost = sqlite.prepare(
    "INSERT INTO posts (id, thread_id, author_id, is_opening, body_source, body_html, score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  batched(order, (j) => {
    const i = postThread[j]!;
    const opening = threadStart[i] === j;
    const { md, html } = body(rng, opening, SUBJECTS[threadSubject[i]!]!);
    const score = opening
      ? threadScore[i]!
      : acceptedIdx[i] === j
        ? rng.int(2, 15)
        : Math.floor(4 * rng.next() ** 3) - (rng.chance(0.02) ? 1 : 0);
    insertPost.run(postId[j], i + 1, postAuthor[j], opening ? 1 : 0, md, html, score, postTime[j]);
  });
  phase(`${P} posts`);

  for (const pragma of ["journal_mode = WAL", "synchronous = FULL"]) sqlite.pragma(pragma);
  sqlite.exec("ANALYZE");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const counted: Record<string, number> = {};
  for (const table of ["networks", "users", "memberships", "mentor_profiles", "tags", "threads", "thread_tags", "posts"]) {
    counted[table] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  sqlite.close();
  return { file, elapsedMs: performance.now() - started, counts: counted, fiftyAnswerThreads: fiftyAnswerThreads.reverse() };
}

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "data/bench.db" },
      threads: { type: "string" },
      posts: { type: "string" },
      networks: { type: "string" },
      users: { type: "string" },
      seed: { type: "string" },
      now: { type: "string" },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v.replace(/_/g, "")));
  const result = await generate({
    out: values.out,
    threads: num(values.threads),
    posts: num(values.posts),
    networks: num(values.networks),
    users: num(values.users),
    seed: num(values.seed),
    now: values.now ? Date.parse(values.now) : undefined,
  });
  console.log(`Generated ${result.file} in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(16)} ${n}`);
  console.log(
    `Threads with exactly 50 answers: ${result.fiftyAnswerThreads.map((t) => `${t.id} (/n/${t.networkSlug}, ${t.slug})`).join(", ") || "none"}`,
  );
  console.log(`Every account's password: ${BENCH_PASSWORD}; user1@bench.kollegi.test is the admin.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
