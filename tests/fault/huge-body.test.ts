/**
 * One anonymous 200 MB POST, chunked so that no Content-Length warns of it (issue 11, finding 3):
 * refused with 413 once 2 MB have streamed in, the rest never read into memory, and the server
 * goes on answering.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedForum } from "./forum";
import { scenarioDir, startKollegi, stopLeftovers, type FaultServer } from "./server";

const TOTAL_BYTES = 200 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");
/** Generous against the 590 MB the server once grew by; a refused body must not be held at all. */
const RSS_GROWTH_LIMIT_KB = 64 * 1024;

let dir: string;
let server: FaultServer;

beforeAll(async () => {
  dir = scenarioDir("huge-body");
  await seedForum(path.join(dir, "kollegi.db"), 1);
  server = await startKollegi(dir);
});

afterAll(async () => {
  await server?.stop();
  stopLeftovers(dir);
  fs.rmSync(dir, { recursive: true, force: true });
});

type Body = { contentType: string; head?: Buffer; total: number; tail?: Buffer };
const URL_ENCODED: Body = { contentType: "application/x-www-form-urlencoded", total: TOTAL_BYTES };
const BOUNDARY = "fault-boundary";
const part = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const filePart = (name: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`;

/** Streams the head, chunks up to the total, then the tail, until the server answers or closes; returns its status and how much was written. */
function sendChunked(pathname: string, body: Body = URL_ENCODED): Promise<{ status: number | null; written: number }> {
  return new Promise((resolve) => {
    let written = 0;
    let status: number | null = null;
    const request = http.request(`${server.baseUrl}${pathname}`, {
      method: "POST",
      headers: {
        Origin: server.baseUrl,
        "Content-Type": body.contentType,
        "Transfer-Encoding": "chunked",
      },
    });
    const finish = () => resolve({ status, written });
    request.on("response", (response) => {
      status = response.statusCode ?? null;
      response.resume();
      response.on("end", () => {
        request.destroy();
        finish();
      });
    });
    request.on("error", finish);
    if (body.head) request.write(body.head);
    const pump = () => {
      while (written < body.total && status === null && !request.destroyed) {
        written += CHUNK.length;
        if (!request.write(CHUNK)) return void request.once("drain", pump);
      }
      if (written >= body.total) request.end(body.tail);
    };
    pump();
  });
}

/** The server's resident memory now, from /proc. */
function rssKb(): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${server.pid}/status`, "utf8"));
  if (!match) throw new Error("no VmRSS for the server");
  return Number(match[1]);
}

it("refuses a 200 MB chunked body early, without holding it, and keeps serving", async () => {
  const before = rssKb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb())), 10);
  const { status, written } = await sendChunked("/login");
  clearInterval(sampler);
  peak = Math.max(peak, rssKb());
  console.info(
    `huge body: ${status} after ${(written / 1024 / 1024).toFixed(1)} MB sent; RSS ${Math.round(before / 1024)} MB before, peak ${Math.round(peak / 1024)} MB`,
  );

  expect(status).toBe(413);
  expect(peak - before).toBeLessThan(RSS_GROWTH_LIMIT_KB);
  const page = await fetch(`${server.baseUrl}/login`);
  expect(page.status).toBe(200);
});

it("reads a form past a 30 MB file: the file is cut off and discarded, the text after it reaches the page", async () => {
  const before = rssKb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb())), 10);
  const { status, written } = await sendChunked("/login", {
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    head: Buffer.from(part("email", "учитель@example.org") + filePart("учебник.pdf")),
    total: 30 * 1024 * 1024,
    tail: Buffer.from(`\r\n${part("password", "неверный пароль учителя")}--${BOUNDARY}--\r\n`),
  });
  clearInterval(sampler);
  peak = Math.max(peak, rssKb());
  console.info(
    `30 MB file in a form: ${status} after ${(written / 1024 / 1024).toFixed(1)} MB; RSS ${Math.round(before / 1024)} MB before, peak ${Math.round(peak / 1024)} MB`,
  );

  // The login action read the form (a wrong password for an unknown address), not a 413 that loses the text.
  expect(status).toBe(400);
  expect(peak - before).toBeLessThan(RSS_GROWTH_LIMIT_KB);
});

it("refuses a 200 MB chunked form with a file once past the multipart cap, without holding it", async () => {
  const before = rssKb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb())), 10);
  const { status, written } = await sendChunked("/login", {
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    head: Buffer.from(filePart("видео.mp4")),
    total: TOTAL_BYTES + 16 * 1024 * 1024,
  });
  clearInterval(sampler);
  peak = Math.max(peak, rssKb());
  console.info(
    `huge multipart: ${status} after ${(written / 1024 / 1024).toFixed(1)} MB; RSS ${Math.round(before / 1024)} MB before, peak ${Math.round(peak / 1024)} MB`,
  );

  expect(status).toBe(413);
  expect(peak - before).toBeLessThan(RSS_GROWTH_LIMIT_KB);
  expect((await fetch(`${server.baseUrl}/login`)).status).toBe(200);
});
