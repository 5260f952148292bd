import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps a path of this site, query and fragment included", () => {
    expect(safeRedirect("/n/moskva?tab=unanswered#top")).toBe("/n/moskva?tab=unanswered#top");
  });

  it("refuses anything that a browser would read as another site", () => {
    for (const to of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "\\\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
    ]) {
      expect(safeRedirect(to, "/fallback"), JSON.stringify(to)).toBe("/fallback");
    }
    expect(safeRedirect(null)).toBe("/");
  });

  it("resolves dot segments as a browser does before deciding", () => {
    for (const to of [
      "/.//evil.example",
      "/..//evil.example",
      "/%2e//evil.example",
      "/./\\evil.example",
      "/a/..//evil.example",
      "/%2E%2E//evil.example",
      "/./\t/evil.example",
    ]) {
      const back = safeRedirect(to, "/fallback");
      expect(back, JSON.stringify(to)).toBe("/fallback");
    }
    expect(safeRedirect("/a/../n/moskva")).toBe("/n/moskva");
  });

  it("gives back ASCII a Location header can carry", () => {
    expect(safeRedirect("/дом?q=урок")).toBe("/%D0%B4%D0%BE%D0%BC?q=%D1%83%D1%80%D0%BE%D0%BA");
  });
});
