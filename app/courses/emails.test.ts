import { describe, expect, it } from "vitest";
import { parseEmails } from "./emails";

describe("a pasted enrolment list", () => {
  it("splits on commas, semicolons, spaces and new lines, lower-cases and drops repeats", () => {
    const { emails, malformed } = parseEmails("Anna@School.ru, boris@school.ru;vera@school.ru\n\tgleb@school.ru  anna@school.ru");
    expect(emails).toEqual(["anna@school.ru", "boris@school.ru", "vera@school.ru", "gleb@school.ru"]);
    expect(malformed).toEqual([]);
  });

  it("keeps the malformed entries as typed", () => {
    const { emails, malformed } = parseEmails("ok@school.ru, ivanova.mail.ru, петров@, @school.ru, a@b");
    expect(emails).toEqual(["ok@school.ru"]);
    expect(malformed).toEqual(["ivanova.mail.ru", "петров@", "@school.ru", "a@b"]);
  });

  it("takes the address out of 'Name <address>' and mailto: links", () => {
    const { emails, malformed } = parseEmails("Иванова Мария <maria@school.ru>, mailto:oleg@school.ru");
    expect(emails).toEqual(["maria@school.ru", "oleg@school.ru"]);
    expect(malformed).toEqual([]);
  });

  it("reads a CSV export by its email column, quoted fields included", () => {
    const csv =
      'Фамилия,Имя,"E-mail",Школа\nИванова,Мария,maria@school.ru,"Школа №5, Томск"\nПетров,Олег,oleg-at-school.ru,Лицей\n"Сидорова, мл.",Анна,anna@school.ru,\n';
    const { emails, malformed } = parseEmails(csv);
    expect(emails).toEqual(["maria@school.ru", "anna@school.ru"]);
    expect(malformed).toEqual(["oleg-at-school.ru"]);
  });

  it("reads a semicolon CSV with a Russian header, as Excel saves it", () => {
    const { emails } = parseEmails("ФИО;Почта\r\nИванова М.;maria@school.ru\r\nПетров О.;oleg@school.ru\r\n");
    expect(emails).toEqual(["maria@school.ru", "oleg@school.ru"]);
  });

  it("handles 300 addresses with some malformed ones", () => {
    const entries = Array.from({ length: 300 }, (_, i) => (i % 30 === 0 ? `teacher${i}.school.ru` : `teacher${i}@school.ru`));
    const { emails, malformed } = parseEmails(entries.join("\n"));
    expect(emails).toHaveLength(290);
    expect(malformed).toHaveLength(10);
  });
});

describe("lists as teachers copy them", () => {
  it("keeps the address of 'Surname Name address' lines and drops the words of the name", () => {
    const { emails, malformed } = parseEmails(
      "Иванова Мария maria@school.ru\nПетров О. oleg@school.ru\nСидорова Анна\nЛебедев lebedev.school.ru",
    );
    expect(emails).toEqual(["maria@school.ru", "oleg@school.ru"]);
    // A line with no address is one entry, as typed; a mistyped address is reported on its own.
    expect(malformed).toEqual(["Сидорова Анна", "Лебедев", "lebedev.school.ru"]);
  });

  it("finds the address column by headers such as 'Email учителя' and 'Электронный адрес'", () => {
    expect(parseEmails("ФИО,Email учителя,Школа\nИванова М.,maria@school.ru,Школа №5\n").emails).toEqual(["maria@school.ru"]);
    expect(parseEmails("ФИО;Электронный адрес\nПетров О.;oleg@school.ru\n").emails).toEqual(["oleg@school.ru"]);
  });

  it("past the limit, good addresses are counted as not processed, not reported as malformed", () => {
    const entries = Array.from({ length: 2_005 }, (_, i) => `teacher${i}@school.ru`);
    const { emails, malformed, overLimit } = parseEmails([...entries, "oops.school.ru"].join("\n"));
    expect(emails).toHaveLength(2_000);
    expect(overLimit).toBe(5);
    expect(malformed).toEqual(["oops.school.ru"]);
  });
});
