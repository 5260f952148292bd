import { describe, expect, it } from "vitest";
import { formBodyProblem, formContentType, isDecodablePath, isSameOrigin, isValidHost, trustProxySetting } from "./edge";

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
  it("accept URL-encoded and multipart forms, Cyrillic raw or percent-encoded", async () => {
    expect(await formBodyProblem("application/x-www-form-urlencoded", bytes("title=%D0%94%D1%80%D0%BE%D0%B1%D0%B8&tags=a+b"))).toBeNull();
    expect(await formBodyProblem("application/x-www-form-urlencoded;charset=UTF-8", bytes("title=Дроби"))).toBeNull();
    const multipart = '--b\r\nContent-Disposition: form-data; name="body"\r\n\r\nДроби\r\n--b--\r\n';
    expect(await formBodyProblem("multipart/form-data; boundary=b", bytes(multipart))).toBeNull();
  });

  it("take an empty body as an empty form", async () => {
    expect(await formBodyProblem(undefined, new Uint8Array())).toBeNull();
    expect(await formBodyProblem("multipart/form-data; boundary=b", new Uint8Array())).toBeNull();
    expect(formContentType("multipart/form-data; boundary=b", new Uint8Array())).toBe("application/x-www-form-urlencoded");
  });

  it("refuse any other type with 415, in both languages", async () => {
    for (const type of ["application/json", "text/plain", "application/xml", undefined]) {
      const problem = await formBodyProblem(type, bytes('{"body":"x"}'));
      expect(problem?.status).toBe(415);
      expect(problem?.message).toContain("Сервер принимает только отправку форм.");
      expect(problem?.message).toContain("Only form submissions are accepted.");
    }
    expect((await formBodyProblem("application/json", new Uint8Array()))?.status).toBe(415);
  });

  it("refuse invalid UTF-8 and broken escapes instead of storing U+FFFD", async () => {
    expect((await formBodyProblem("application/x-www-form-urlencoded", bytes("body=%FF%FE")))?.status).toBe(400);
    expect((await formBodyProblem("application/x-www-form-urlencoded", new Uint8Array([0x62, 0x3d, 0xff, 0xfe])))?.status).toBe(400);
    expect((await formBodyProblem("application/x-www-form-urlencoded", bytes("body=%D0")))?.status).toBe(400);
  });

  it("refuse a multipart body that does not parse", async () => {
    expect((await formBodyProblem("multipart/form-data; boundary=b", bytes("no boundary here")))?.status).toBe(400);
    expect((await formBodyProblem("multipart/form-data", bytes("--b\r\n")))?.status).toBe(400);
  });
});
