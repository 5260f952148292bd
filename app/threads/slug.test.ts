import { describe, expect, it } from "vitest";
import { threadSlug } from "./slug";

describe("thread slugs", () => {
  it("transliterate Russian titles", () => {
    expect(threadSlug("Как объяснить восьмиклассникам закон Ома?")).toBe("kak-obyasnit-vosmiklassnikam-zakon-oma");
    expect(threadSlug("Ёлочки «ФГОС» — 2024, щука и подъезд")).toBe("yolochki-fgos-2024-shchuka-i-podezd");
  });
  it("stay short and never empty", () => {
    expect(threadSlug("очень ".repeat(40)).length).toBeLessThanOrEqual(60);
    expect(threadSlug("очень ".repeat(40))).not.toMatch(/-$/);
    expect(threadSlug("???")).toBe("thread");
    expect(threadSlug("<script>alert(1)</script>")).toBe("script-alert-1-script");
  });
});
