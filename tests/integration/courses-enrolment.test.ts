import { describe, expect, it } from "vitest";
import { getDb, schema } from "../../db/index";
import { addMemberByEmail } from "~/networks/networks.server";
import { action as courseAction, loader as courseLoader } from "~/routes/n.$slug_.courses.$courseId";
import { action as peopleAction, loader as peopleLoader } from "~/routes/n.$slug_.courses.$courseId_.people";
import { action as networkAction } from "~/routes/n.$slug";
import { action as register } from "~/routes/register";
import { cookieOf, makeNetwork, makeUser, uniqueEmail } from "./helpers";
import { expectStatus } from "./moderation-fixtures";
import { courseWorld, enrolmentsOf, form, get, invitesOf, json, run } from "./courses-fixtures";

const paste = (w: Awaited<ReturnType<typeof courseWorld>>, emails: string, cookie = w.moderator.cookie) =>
  run(peopleAction, form(`${w.base}/people`, { intent: "emails", emails }, { cookie }), w.params);

describe("enrolment by a pasted list", () => {
  it("300 addresses with some malformed ones: members enrolled, the rest invited, the bad ones listed back with the text kept", async () => {
    const w = await courseWorld("list");
    const members = await Promise.all(Array.from({ length: 40 }, () => makeUser({ networkId: w.network.id })));
    const elsewhere = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
    getDb()
      .insert(schema.courseEnrolments)
      .values(members.slice(0, 5).map((m) => ({ courseId: w.courseId, userId: m.id })))
      .run();
    const strangers = Array.from({ length: 240 }, (_, i) => `new.teacher.${i}.${process.pid}@school${i % 7}.ru`);
    const malformed = [
      "ivanova.mail.ru",
      "петров@",
      "@school.ru",
      "a@b",
      "teacher@@school.ru",
      "учитель без адреса",
      "x@y.",
      "<>",
      "mailto:",
      "q@w e.ru",
    ];
    const lines = [...members.map((m) => m.email.toUpperCase()), ...elsewhere.map((e) => e.email), ...strangers, ...malformed];
    // Commas, semicolons, spaces and new lines, as people paste them.
    const text = lines.map((l, i) => l + ["\n", ", ", "; ", " ", "\r\n"][i % 5]).join("");
    const response = await paste(w, text);
    await expectStatus(response, 200);
    const body = await json(response);
    expect(body.paste).toMatchObject({ enrolled: 35, alreadyEnrolled: 5, invited: 250 });
    expect(body.paste.malformed).toEqual(expect.arrayContaining(["ivanova.mail.ru", "петров@", "@school.ru", "a@b", "teacher@@school.ru"]));
    expect(body.paste.malformed.length).toBeGreaterThanOrEqual(8);
    expect(body.result.initialValue.emails).toBe(text);
    expect(enrolmentsOf(w.courseId)).toHaveLength(40);
    expect(invitesOf(w.courseId)).toHaveLength(250);
    expect(invitesOf(w.courseId).every((i) => i.invitedById === w.moderator.id && i.email === i.email.toLowerCase())).toBe(true);

    // Pasting again changes nothing but the counts.
    const again = await json(await paste(w, text));
    expect(again.paste).toMatchObject({ enrolled: 0, alreadyEnrolled: 40, invited: 250 });
    expect(invitesOf(w.courseId)).toHaveLength(250);

    const people = await json(await run(peopleLoader, get(`${w.base}/people`, { cookie: w.moderator.cookie }), w.params));
    expect(people.enrolled).toMatchObject({ total: 40, invites: 250 });
  });

  it("reads a CSV export by its email column", async () => {
    const w = await courseWorld("list");
    const member = await makeUser({ networkId: w.network.id });
    const csv = `Фамилия;Имя;Почта;Школа\r\nИванова;Мария;${member.email};"Школа №5; Томск"\r\nПетров;Олег;oleg-at-school.ru;Лицей\r\n`;
    const body = await json(await paste(w, csv));
    expect(body.paste).toEqual({ enrolled: 1, alreadyEnrolled: 0, invited: 0, malformed: ["oleg-at-school.ru"], overLimit: 0 });
  });

  it("an empty paste gets a message beside the field", async () => {
    const w = await courseWorld("list");
    const response = await paste(w, "   ");
    await expectStatus(response, 400);
    expect((await json(response)).result.error.emails).toEqual(["courses.errors.emailsRequired"]);
  });

  it("only curators and moderators paste lists", async () => {
    const w = await courseWorld("list");
    expect((await paste(w, "someone@school.ru", w.asker.cookie)).status).toBe(403);
    expect(invitesOf(w.courseId)).toEqual([]);
  });

  it("someone on the list enrols with the button, and the invite is used up", async () => {
    const w = await courseWorld("list");
    const teacher = w.members[0]!;
    // An invite for a member happens when the address was listed before they joined; here, directly.
    getDb().insert(schema.courseInvites).values({ courseId: w.courseId, email: teacher.email, invitedById: w.moderator.id }).run();
    const page = await json(await run(courseLoader, get(w.base, { cookie: teacher.cookie }), w.params));
    expect(page.me.canEnrol).toBe(true);
    await expectStatus(await run(courseAction, form(w.base, { intent: "enrol" }, { cookie: teacher.cookie }), w.params), 302);
    expect(enrolmentsOf(w.courseId).map((e) => e.userId)).toEqual([teacher.id]);
    expect(invitesOf(w.courseId)).toEqual([]);
  });
});

describe("invites become enrolments", () => {
  it("when someone registers with an invited address in the course's network", async () => {
    const w = await courseWorld("list");
    const email = uniqueEmail("invited");
    await paste(w, `Новая Учительница <${email.toUpperCase()}>`);
    expect(invitesOf(w.courseId).map((i) => i.email)).toEqual([email]);
    const response = await run(
      register,
      form("/register", { email, password: "надёжная фраза для входа", displayName: "Анна", homeNetwork: w.slug }),
    );
    await expectStatus(response, 302);
    const user = getDb()
      .select()
      .from(schema.users)
      .all()
      .find((u) => u.email === email)!;
    expect(enrolmentsOf(w.courseId).map((e) => e.userId)).toEqual([user.id]);
    expect(invitesOf(w.courseId)).toEqual([]);
    const page = await json(await run(courseLoader, get(w.base, { cookie: cookieOf(response) }), w.params));
    expect(page.me.enrolled).toBe(true);
  });

  it("registering in another network keeps the invite until they join the course's network", async () => {
    const w = await courseWorld("list");
    const home = makeNetwork();
    const email = uniqueEmail("elsewhere");
    await paste(w, email);
    const response = await run(
      register,
      form("/register", { email, password: "надёжная фраза для входа", displayName: "Олег", homeNetwork: home.slug }),
    );
    await expectStatus(response, 302);
    expect(enrolmentsOf(w.courseId)).toEqual([]);
    expect(invitesOf(w.courseId)).toHaveLength(1);
    await expectStatus(
      await run(networkAction, form(`/n/${w.slug}`, { intent: "join" }, { cookie: cookieOf(response) }), { slug: w.slug }),
      302,
    );
    expect(enrolmentsOf(w.courseId)).toHaveLength(1);
    expect(invitesOf(w.courseId)).toEqual([]);
  });

  it("when a moderator adds an invited account to a members-only network", async () => {
    const w = await courseWorld("list", "members");
    const teacher = await makeUser();
    const result = await json(await paste(w, teacher.email));
    expect(result.paste).toMatchObject({ enrolled: 0, invited: 1 });
    expect(addMemberByEmail(w.network.id, teacher.email)).toEqual({ ok: true });
    expect(enrolmentsOf(w.courseId).map((e) => e.userId)).toEqual([teacher.id]);
  });
});
