/**
 * Demo data for the demo mode (`npm run demo`, docs/decisions/013-demo-mode.md): real Russian
 * regions with their time zones, and one demo account of every role. Every demo account gets
 * its own random password at seeding: no password printed anywhere works on any server.
 * Runs on the first start of an empty database.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import type { DB } from "../../db/index";
import { schema } from "../../db/index";

type Role = { network: string; mentor?: boolean; moderator?: boolean };

export const DEMO_NETWORKS = [
  { slug: "moskva", name: "Учителя Москвы", region: "Москва", timeZone: "Europe/Moscow" },
  { slug: "kaliningrad", name: "Учителя Калининградской области", region: "Калининградская область", timeZone: "Europe/Kaliningrad" },
  { slug: "tatarstan", name: "Педагоги Татарстана", region: "Республика Татарстан", timeZone: "Europe/Moscow" },
  { slug: "sverdlovsk", name: "Учителя Свердловской области", region: "Свердловская область", timeZone: "Asia/Yekaterinburg" },
  { slug: "novosibirsk", name: "Учителя Новосибирской области", region: "Новосибирская область", timeZone: "Asia/Novosibirsk" },
  {
    slug: "yakutia",
    name: "Сельские школы Якутии",
    region: "Республика Саха (Якутия)",
    timeZone: "Asia/Yakutsk",
    visibility: "members" as const,
  },
  { slug: "kamchatka", name: "Учителя Камчатки", region: "Камчатский край", timeZone: "Asia/Kamchatka" },
].map((n) => ({
  visibility: "public" as const,
  description: `Региональная сеть взаимопомощи учителей: ${n.region}.`,
  ...n,
}));

export const DEMO_USERS: Array<{
  email: string;
  displayName: string;
  school: string;
  subjects: string;
  isAdmin?: boolean;
  home: string;
  roles: Role[];
}> = [
  {
    email: "admin@kollegi.test",
    displayName: "Администратор",
    school: "",
    subjects: "",
    isAdmin: true,
    home: "moskva",
    roles: [{ network: "moskva" }],
  },
  {
    email: "moderator@kollegi.test",
    displayName: "Ольга Смирнова",
    school: "Гимназия № 1, Новосибирск",
    subjects: "русский язык, литература",
    home: "novosibirsk",
    roles: [
      { network: "novosibirsk", moderator: true },
      { network: "moskva", moderator: true },
    ],
  },
  {
    email: "mentor@kollegi.test",
    displayName: "Сергей Иванов",
    school: "Лицей № 130, Новосибирск",
    subjects: "физика, астрономия",
    home: "novosibirsk",
    roles: [{ network: "novosibirsk", mentor: true }],
  },
  {
    email: "teacher@kollegi.test",
    displayName: "Анна Кузнецова",
    school: "МБОУ СОШ № 5, Бердск",
    subjects: "математика",
    home: "novosibirsk",
    roles: [{ network: "novosibirsk" }],
  },
  {
    email: "teacher2@kollegi.test",
    displayName: "Иван Петров",
    school: "Сельская школа, с. Мильково",
    subjects: "информатика, математика",
    home: "kamchatka",
    roles: [{ network: "kamchatka" }, { network: "yakutia" }],
  },
];

/** A demo account as the person trying Kollegi needs it: where to log in, and as whom. */
export type DemoAccount = { email: string; password: string; role: string };

/** No look-alike characters (0/o, 1/l): the password is typed from a file by hand. */
const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Three groups of five: about 74 bits, easy to type on a phone. */
export function demoPassword(): string {
  const groups = Array.from({ length: 3 }, () =>
    Array.from({ length: 5 }, () => PASSWORD_ALPHABET[crypto.randomInt(PASSWORD_ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}

/** Beside the database, readable by its owner only (the passwords are real ones). */
export function demoAccountsFile(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), "demo-accounts.txt");
}

export function writeDemoAccounts(file: string, accounts: DemoAccount[]): void {
  const width = Math.max(...accounts.map((a) => a.email.length));
  const lines = [
    "# Kollegi demo accounts, generated at the first start of this database. Keep this file private.",
    "# Учётные записи демо-версии Коллег: созданы при первом запуске этой базы. Не публикуйте этот файл.",
    ...accounts.map((a) => `${a.email.padEnd(width)}  ${a.password}  ${a.role}`),
    "",
  ];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join("\n"), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

function roleOf(u: (typeof DEMO_USERS)[number]): string {
  if (u.isAdmin) return "admin";
  const where = (r: Role) => r.network;
  const moderates = u.roles.filter((r) => r.moderator).map(where);
  if (moderates.length) return `moderator (${moderates.join(", ")})`;
  const mentors = u.roles.filter((r) => r.mentor).map(where);
  if (mentors.length) return `mentor (${mentors.join(", ")})`;
  return `teacher (${u.roles.map(where).join(", ")})`;
}

/** Seeds only an empty database; returns the accounts it made (an empty list when it did not). */
export async function seedDemo(db: DB, hashPassword: (password: string) => Promise<string>): Promise<DemoAccount[]> {
  const existing = db.select({ n: count() }).from(schema.networks).get()!.n;
  if (existing > 0) return [];
  const accounts = DEMO_USERS.map((u) => ({ email: u.email, password: demoPassword(), role: roleOf(u) }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  db.transaction((tx) => {
    const ids = new Map<string, number>();
    for (const network of DEMO_NETWORKS) {
      ids.set(network.slug, tx.insert(schema.networks).values(network).returning().get().id);
    }
    DEMO_USERS.forEach((u, i) => {
      const user = tx
        .insert(schema.users)
        .values({
          email: u.email,
          displayName: u.displayName,
          passwordHash: hashes[i]!,
          school: u.school,
          subjects: u.subjects,
          isAdmin: u.isAdmin ?? false,
          homeNetworkId: ids.get(u.home)!,
        })
        .returning()
        .get();
      for (const role of u.roles) {
        tx.insert(schema.memberships)
          .values({
            userId: user.id,
            networkId: ids.get(role.network)!,
            isMentor: role.mentor ?? false,
            isModerator: role.moderator ?? false,
          })
          .run();
      }
    });
  });
  return accounts;
}
