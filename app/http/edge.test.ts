import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { MAX_FILE_BYTES, MAX_FILES_PER_ITEM } from "~/files/formats";
import {
  formBodyProblem,
  formContentType,
  isDecodablePath,
  isSameOrigin,
  isValidHost,
  readMultipart,
  REFUSED_FILE_FIELD,
  refusedFiles,
  trustProxySetting,
} from "./edge";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("TRUST_PROXY", () => {
  it("reads a whole number as the count of proxies in front, as the README says", () => {
    // Express reads the string "1" as the address 0.0.0.1: nothing was trusted.
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("2")).toBe(2);
  });

  it("reads true, false and unset as such", () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting("")).toBe(false);
    expect(trustProxySetting("false")).toBe(false);
    expect(trustProxySetting("0")).toBe(false);
    expect(trustProxySetting("true")).toBe(true);
  });

  it("reads anything else as a list of addresses, subnets or Express's names", () => {
    expect(trustProxySetting("loopback")).toEqual(["loopback"]);
    expect(trustProxySetting("10.0.0.1, 192.168.0.0/16")).toEqual(["10.0.0.1", "192.168.0.0/16"]);
  });
});

describe("the Origin check", () => {
  it("accepts a page of this site only: scheme, host and port", () => {
    expect(isSameOrigin("https://kollegi.example", "https://kollegi.example")).toBe(true);
    expect(isSameOrigin("http://kollegi.example", "https://kollegi.example")).toBe(false);
    expect(isSameOrigin("https://kollegi.example:8443", "https://kollegi.example")).toBe(false);
    expect(isSameOrigin("https://evil.example", "https://kollegi.example")).toBe(false);
  });

  it("refuses a missing, opaque or unreadable origin", () => {
    expect(isSameOrigin(undefined, "https://kollegi.example")).toBe(false);
    expect(isSameOrigin("null", "https://kollegi.example")).toBe(false);
    expect(isSameOrigin("not a url", "https://kollegi.example")).toBe(false);
  });
});

describe("paths and hosts that cannot be read", () => {
  it("are told apart from good ones", () => {
    expect(isDecodablePath("/t/12-%D0%B4%D1%80%D0%BE%D0%B1%D0%B8")).toBe(true);
    expect(isDecodablePath("/t/%FF")).toBe(false);
    expect(isDecodablePath("/t/%E0%A4%A")).toBe(false);
    expect(isValidHost("localhost:3000")).toBe(true);
    expect(isValidHost("[::1]:3000")).toBe(true);
    expect(isValidHost("kollegi.example")).toBe(true);
    expect(isValidHost("evil.example/path")).toBe(false);
    expect(isValidHost("a b")).toBe(false);
    expect(isValidHost(undefined)).toBe(false);
  });
});

describe("form bodies", () => {
  it("accept URL-encoded forms, Cyrillic raw or percent-encoded", () => {
    expect(formBodyProblem("application/x-www-form-urlencoded", bytes("title=%D0%94%D1%80%D0%BE%D0%B1%D0%B8&tags=a+b"))).toBeNull();
    expect(formBodyProblem("application/x-www-form-urlencoded;charset=UTF-8", bytes("title=Дроби"))).toBeNull();
  });

  it("take an empty body as an empty form", () => {
    expect(formBodyProblem(undefined, new Uint8Array())).toBeNull();
    expect(formBodyProblem("multipart/form-data; boundary=b", new Uint8Array())).toBeNull();
    expect(formContentType("multipart/form-data; boundary=b", new Uint8Array())).toBe("application/x-www-form-urlencoded");
  });

  it("refuse any other type with 415, in both languages", () => {
    for (const type of ["application/json", "text/plain", "application/xml", undefined]) {
      const problem = formBodyProblem(type, bytes('{"body":"x"}'));
      expect(problem?.status).toBe(415);
      expect(problem?.message).toContain("Сервер принимает только отправку форм.");
      expect(problem?.message).toContain("Only form submissions are accepted.");
    }
    expect(formBodyProblem("application/json", new Uint8Array())?.status).toBe(415);
  });

  it("refuse invalid UTF-8 and broken escapes instead of storing U+FFFD", () => {
    expect(formBodyProblem("application/x-www-form-urlencoded", bytes("body=%FF%FE"))?.status).toBe(400);
    expect(formBodyProblem("application/x-www-form-urlencoded", new Uint8Array([0x62, 0x3d, 0xff, 0xfe]))?.status).toBe(400);
    expect(formBodyProblem("application/x-www-form-urlencoded", bytes("body=%D0"))?.status).toBe(400);
  });
});

describe("multipart forms, read as they stream", () => {
  const BOUNDARY = "kollegi-boundary";
  type Part = { name: string; value: string | Uint8Array; filename?: string };
  /** A multipart body as a browser sends it, in small chunks (a slow link), part by part. */
  const read = (parts: Part[], headers: Record<string, string> = {}) => {
    const chunks: Buffer[] = [];
    for (const part of parts) {
      const disposition = `form-data; name="${part.name}"${part.filename === undefined ? "" : `; filename="${part.filename}"`}`;
      const type = part.filename === undefined ? "" : "Content-Type: application/octet-stream\r\n";
      chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
      chunks.push(Buffer.from(part.value));
      chunks.push(Buffer.from("\r\n"));
    }
    chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
    const body = Buffer.concat(chunks);
    const slices = Array.from({ length: Math.ceil(body.length / 65_536) }, (_, i) => body.subarray(i * 65_536, (i + 1) * 65_536));
    return readMultipart(Readable.from(slices), { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers });
  };
  const formOf = async (parts: Part[]) => {
    const result = await read(parts);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    return result.form;
  };

  it("keeps Cyrillic text and a file with a Cyrillic name, byte for byte", async () => {
    const bytesOfFile = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a]);
    const form = await formOf([
      { name: "body", value: "Дроби в 5 классе: с чего начать? 👩‍🏫" },
      { name: "files", value: bytesOfFile, filename: "план урока.pdf" },
    ]);
    expect(form.get("body")).toBe("Дроби в 5 классе: с чего начать? 👩‍🏫");
    const file = form.get("files") as File;
    expect(file.name).toBe("план урока.pdf");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytesOfFile);
    expect(refusedFiles(form)).toEqual([]);
  });

  it("refuses a text field that is not UTF-8 instead of storing U+FFFD", async () => {
    const result = await read([{ name: "body", value: new Uint8Array([0xd0, 0x94, 0xff, 0xfe]) }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && "problem" in result && result.problem.status).toBe(400);
  });

  it("cuts off a file over the limit, names it, and keeps the text", async () => {
    const form = await formOf([
      { name: "title", value: "Рабочий лист" },
      { name: "files", value: new Uint8Array(MAX_FILE_BYTES + 1), filename: "скан.pdf" },
      { name: "files", value: new Uint8Array([1, 2, 3]), filename: "small.txt" },
    ]);
    expect(form.get("title")).toBe("Рабочий лист");
    expect(refusedFiles(form)).toEqual([{ name: "скан.pdf", reason: "tooLarge" }]);
    expect(form.getAll("files").map((file) => (file as File).name)).toEqual(["small.txt"]);
  });

  it("keeps a file of exactly the limit", async () => {
    const form = await formOf([{ name: "files", value: new Uint8Array(MAX_FILE_BYTES), filename: "ровно.pdf" }]);
    expect((form.get("files") as File).size).toBe(MAX_FILE_BYTES);
    expect(refusedFiles(form)).toEqual([]);
  });

  it("drops files past the per-form count and says so", async () => {
    const parts = Array.from({ length: MAX_FILES_PER_ITEM + 3 }, (_, i) => ({
      name: "files",
      value: new Uint8Array([i]),
      filename: `f${i}.txt`,
    }));
    const form = await formOf(parts);
    expect(form.getAll("files")).toHaveLength(MAX_FILES_PER_ITEM + 1);
    expect(refusedFiles(form)).toEqual([{ name: "", reason: "tooMany" }]);
  });

  it("skips the empty part of a file input nobody used", async () => {
    const form = await formOf([
      { name: "body", value: "x" },
      { name: "files", value: new Uint8Array(), filename: "" },
    ]);
    expect(form.getAll("files")).toEqual([]);
  });

  it("takes an empty body as an empty form, and refuses one that does not parse", async () => {
    const empty = await readMultipart(Readable.from([]), { "content-type": "multipart/form-data; boundary=b", "content-length": "0" });
    expect(empty.ok && [...empty.form.keys()]).toEqual([]);
    const broken = await readMultipart(Readable.from([Buffer.from("--b\r\nContent-Disposition: form-data; name=")]), {
      "content-type": "multipart/form-data; boundary=b",
    });
    expect(!broken.ok && "problem" in broken && broken.problem.status).toBe(400);
    const noBoundary = await readMultipart(Readable.from([Buffer.from("x")]), { "content-type": "multipart/form-data" });
    expect(!noBoundary.ok && "problem" in noBoundary && noBoundary.problem.status).toBe(400);
  });

  it("reads a forged refusal entry only as a message, never as a file", () => {
    const form = new FormData();
    form.append(REFUSED_FILE_FIELD, "not json");
    form.append(REFUSED_FILE_FIELD, JSON.stringify({ name: "x", reason: "rm -rf" }));
    form.append(REFUSED_FILE_FIELD, JSON.stringify({ name: "<script>", reason: "tooLarge" }));
    expect(refusedFiles(form)).toEqual([{ name: "<script>", reason: "tooLarge" }]);
  });
});
