import { describe, expect, it } from "vitest";
import { parseMaterials } from "./materials";

describe("module materials", () => {
  it("reads a title and a link per line, or a bare link", () => {
    const { materials, invalidLine } = parseMaterials("Запись вебинара — https://video.example.org/1\n\nhttp://example.org/slides.pdf");
    expect(invalidLine).toBeNull();
    expect(materials).toEqual([
      { title: "Запись вебинара", url: "https://video.example.org/1" },
      { title: "http://example.org/slides.pdf", url: "http://example.org/slides.pdf" },
    ]);
  });

  it("refuses anything but http(s) links and says which line", () => {
    expect(parseMaterials("https://ok.example.org\nОпасно javascript:alert(1)").invalidLine).toBe(2);
    expect(parseMaterials("data:text/html,<script>alert(1)</script>").invalidLine).toBe(1);
    expect(parseMaterials("просто текст без ссылки").invalidLine).toBe(1);
    expect(parseMaterials("Файл ftp://example.org/a").materials).toEqual([]);
  });
});
