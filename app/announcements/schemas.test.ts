import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { instanceFor } from "~/i18n/i18next.server";
import { messageText } from "~/utils/validation";
import { editAnnouncementSchema, newAnnouncementSchema } from "./schemas";

function parse(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return parseWithZod(data, { schema: newAnnouncementSchema });
}

describe("announcement schemas", () => {
  it("reads the checkbox, the network and a course as the audience", () => {
    const ticked = parse({ title: "Вебинар в четверг", body: "Начало в 15:00 по Томску.", audience: "network", ackRequired: "on" });
    expect(ticked.status === "success" && ticked.value).toEqual({
      title: "Вебинар в четверг",
      body: "Начало в 15:00 по Томску.",
      audience: null,
      ackRequired: true,
    });
    const course = parse({ title: "Вебинар в четверг", body: "Начало в 15:00 по Томску.", audience: "12" });
    expect(course.status === "success" && course.value).toMatchObject({ audience: 12, ackRequired: false });
  });

  it("refuses a made-up audience, a short title and an empty body, each on its field", () => {
    const result = parse({ title: "Ой", body: "  ", audience: "../1" });
    expect(result.status === "error" && result.error).toMatchObject({
      body: ["errors.required"],
      audience: ["announcements.errors.audience"],
    });
    const t = instanceFor("ru").getFixedT("ru");
    const title = result.status === "error" ? (result.error?.title ?? []) : [];
    expect(title.map((raw) => messageText(t, raw))).toEqual(["Не короче 5 символов."]);
  });

  it("the edit form has no audience: an announcement does not change whom it was sent to", () => {
    expect(Object.keys(editAnnouncementSchema.shape)).not.toContain("audience");
  });
});
