/**
 * Demo data for the embedded default: real Russian regions with their time zones,
 * and one demo account of every role (passwords are in the README).
 * Runs on the first start of an empty database.
 */
import { count } from "drizzle-orm";
import type { DB } from "./index";
import { schema } from "./index";

type Role = { network: string; mentor?: boolean; moderator?: boolean };

export const DEMO_NETWORKS = [
  { slug: "moskva", name: "Учителя Москвы", region: "Москва", timeZone: "Europe/Moscow" },
  { slug: "kaliningrad", name: "Учителя Калининградской области", region: "Калининградская область", timeZone: "Europe/Kaliningrad" },
  { slug: "tatarstan", name: "Педагоги Татарстана", region: "Республика Татарстан", timeZone: "Europe/Moscow" },
  { slug: "sverdlovsk", name: "Учителя Свердловской области", region: "Свердловская область", timeZone: "Asia/Yekaterinburg" },
  { slug: "novosibirsk", name: "Учителя Новосибирской области", region: "Новосибирская область", timeZone: "Asia/Novosibirsk" },
  { slug: "yakutia", name: "Сельские школы Якутии", region: "Республика Саха (Якутия)", timeZone: "Asia/Yakutsk", visibility: "members" as const },
  { slug: "kamchatka", name: "Учителя Камчатки", region: "Камчатский край", timeZone: "Asia/Kamchatka" },
].map((n) => ({
  visibility: "public" as const,
  description: `Региональная сеть взаимопомощи учителей: ${n.region}.`,
  ...n,
}));

export const DEMO_USERS: Array<{
  email: string;
  password: string;
  displayName: string;
  school: string;
  subjects: string;
  isAdmin?: boolean;
  home: string;
  roles: Role[];
}> = [
  { email: "admin@kollegi.test", password: "kollegi-admin-demo", displayName: "Администратор", school: "", subjects: "", isAdmin: true, home: "moskva", roles: [{ network: "moskva" }] },
  { email: "moderator@kollegi.test", password: "kollegi-moderator-demo", displayName: "Ольга Смирнова", school: "Гимназия № 1, Новосибирск", subjects: "русский язык, литература", home: "novosibirsk", roles: [{ network: "novosibirsk", moderator: true }, { network: "moskva", moderator: true }] },
  { email: "mentor@kollegi.test", password: "kollegi-mentor-demo", displayName: "Сергей Иванов", school: "Лицей № 130, Новосибирск", subjects: "физика, астрономия", home: "novosibirsk", roles: [{ network: "novosibirsk", mentor: true }] },
  { email: "teacher@kollegi.test", password: "kollegi-teacher-demo", displayName: "Анна Кузнецова", school: "МБОУ СОШ № 5, Бердск", subjects: "математика", home: "novosibirsk", roles: [{ network: "novosibirsk" }] },
  { email: "teacher2@kollegi.test", password: "kollegi-teacher-demo", displayName: "Иван Петров", school: "Сельская школа, с. Мильково", subjects: "информатика, математика", home: "kamchatka", roles: [{ network: "kamchatka" }, { network: "yakutia" }] },
];

/** Seeds only an empty database; returns whether it did. */
export async function seedDemo(db: DB, hashPassword: (password: string) => Promise<string>): Promise<boolean> {
  const existing = db.select({ n: count() }).from(schema.networks).get()!.n;
  if (existing > 0) return false;
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
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
  return true;
}
