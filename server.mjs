/**
 * The one server entry: HTTP concerns that must run before Remix sees a request
 * (security headers with a per-response CSP nonce, the Origin check on every
 * non-GET request, compression, static files), then the Remix handler.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler as createFetchHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

process.env.NODE_ENV ??= "production";
// `npm run demo`: the newcomer's one command seeds demo data with generated passwords (docs/decisions/013).
if (process.argv.includes("--demo")) process.env.SEED_DEMO ??= "true";
const root = path.dirname(fileURLToPath(import.meta.url));
// Demo mode seeds an empty database in a step of its own, run from source with tsx before the
// build loads, so the demo data is not in the server bundle (docs/decisions/021). tsx is a
// devDependency: demo mode is for an install with them, as `npm run demo` builds with remix.
if (process.env.SEED_DEMO === "true") {
  const demo = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "app/cli/demo.ts")], { cwd: root, stdio: "inherit" });
  if (demo.status !== 0) {
    console.error("Kollegi: the demo data could not be seeded (app/cli/demo.ts); is tsx installed (npm install)?");
    process.exit(1);
  }
}
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** How long a refused upload may go on being discarded so that its sender reads the refusal (nginx's lingering close). */
const LINGER_MS = 2_000;

const build = await import(path.join(root, "build/index.js"));
/** Changes with every committed write to the database, from this process or any other. */
const { dataVersion, edge } = build.entry.module;
const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy: TRUST_PROXY=1 (one proxy in front) makes req.ip the teacher's address,
// req.protocol the scheme the teacher used (README: examples).
app.set("trust proxy", edge.trustProxySetting(process.env.TRUST_PROXY));

const refuse = (res, status, text) => res.status(status).type("text/plain; charset=utf-8").send(text);

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
  // A path or host that cannot be read is the client's mistake: 400, never a stack trace.
  if (!edge.isDecodablePath(req.path) || !edge.isValidHost(req.get("host"))) {
    refuse(res, 400, "Неверный адрес.\nBad request.");
    return;
  }
  next();
});

/**
 * Every request that changes something: it must come from a page of this site (CSRF, by the
 * Origin header, scheme included), and its body is read here, counted while it streams in
 * (chunked or not), refused past MAX_BODY_BYTES, and checked to be a form that parses.
 */
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const host = (app.get("trust proxy") && req.get("x-forwarded-host")?.split(",")[0].trim()) || req.get("host");
  if (!edge.isSameOrigin(req.get("origin"), `${req.protocol}://${host}`)) {
    refuse(res, 403, "Запрос отклонён: он пришёл с другого сайта.\nRequest refused: it came from another site.");
    return;
  }
  const tooLarge = () => {
    // The rest is read and thrown away, never kept, and the connection closed a moment after the
    // answer is out: closing at once, with unread bytes, resets it before the client reads the 413.
    req.resume();
    res.set("Connection", "close");
    res.on("finish", () => setTimeout(() => req.socket.destroy(), LINGER_MS).unref());
    refuse(res, 413, "Слишком большой запрос.\nRequest too large.");
  };
  if (/^multipart\/form-data/i.test(req.get("content-type") ?? "")) return readFiles(req, res, next, tooLarge);
  if (Number(req.get("content-length") ?? 0) > edge.MAX_BODY_BYTES) return tooLarge();
  const chunks = [];
  let size = 0;
  const onData = (chunk) => {
    size += chunk.length;
    if (size <= edge.MAX_BODY_BYTES) return void chunks.push(chunk);
    req.off("data", onData).off("end", onEnd);
    chunks.length = 0;
    tooLarge();
  };
  const onEnd = () => {
    const body = Buffer.concat(chunks);
    try {
      const problem = edge.formBodyProblem(req.get("content-type"), body);
      if (problem) return void refuse(res, problem.status, problem.message);
      res.locals.body = body;
      res.locals.contentType = edge.formContentType(req.get("content-type"), body);
      next();
    } catch (error) {
      next(error);
    }
  };
  req.on("data", onData).on("end", onEnd).on("error", next);
});

/**
 * A form with files (attachments) is read as it streams (edge.readMultipart): files cut off at
 * their limit, text checked. At most UPLOAD_SLOTS are read at once, the rest wait with their
 * connection paused, so that a burst of uploads holds a bounded amount of memory.
 */
const UPLOAD_SLOTS = 4;
let uploadsReading = 0;
const waitingUploads = [];
async function readFiles(req, res, next, tooLarge) {
  if (uploadsReading >= UPLOAD_SLOTS) await new Promise((resolve) => waitingUploads.push(resolve));
  uploadsReading += 1;
  try {
    const result = await edge.readMultipart(req, req.headers);
    if (result.ok) {
      res.locals.form = result.form;
      next();
    } else if (result.tooLarge) tooLarge();
    else refuse(res, result.problem.status, result.problem.message);
  } catch (error) {
    next(error);
  } finally {
    uploadsReading -= 1;
    waitingUploads.shift()?.();
  }
}

app.use(compression());
// Fingerprinted build assets never change; the few other public files may.
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y", index: false }));
// The few top-level public files get a route each, so page requests never touch the disk.
for (const file of fs.readdirSync(path.join(root, "public"))) {
  if (file === "build") continue;
  app.get(`/${file}`, (_req, res) => res.sendFile(path.join(root, "public", file), { maxAge: "1h" }));
}
// Browsers ask for /favicon.ico on pages without a <link rel="icon"> (plain-text errors).
app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

app.all("*", remix(createFetchHandler(build, process.env.NODE_ENV)));

// Never a stack trace to a person: a short message in both languages.
app.use((error, _req, res, _next) => {
  console.error(error);
  if (res.headersSent) return;
  refuse(res, 500, "Ошибка сервера. Попробуйте позже.\nServer error. Please try again later.");
});

/**
 * Every request is handed to Remix's fetch handler as a Request and its answer sent whole:
 * pages are small, and this skips the express adapter's stream plumbing, which cost as much
 * as the render. The answer's bytes go out as they are (a CSV keeps its BOM).
 *
 * Signed-out readers are most of the traffic and all see the same page, so theirs is kept
 * in memory until the database changes (exact invalidation: any commit, from any process,
 * moves dataVersion) or a minute passes (relative times like "2 hours ago"). Nothing on a
 * page comes from the Host header (absolute links use PUBLIC_URL), so the key leaves it out.
 * Each response still gets its own CSP nonce.
 */
function remix(handler) {
  const MAX_ENTRIES = 2000;
  const MAX_AGE_MS = 60_000;
  const cache = new Map();

  async function render(req, res) {
    const url = `${req.protocol}://${req.get("host")}${req.originalUrl}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    const init = { method: req.method, headers };
    if (res.locals.form) {
      // Encoded again by fetch with a boundary of its own.
      headers.delete("content-type");
      headers.delete("content-length");
      headers.delete("transfer-encoding");
      init.body = res.locals.form;
    } else if (res.locals.body) {
      headers.set("content-type", res.locals.contentType);
      headers.delete("content-length");
      headers.delete("transfer-encoding");
      init.body = res.locals.body;
    }
    const loadContext = { cspNonce: res.locals.cspNonce, clientIp: req.ip ?? null };
    const response = await handler(new Request(url, init), loadContext);
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: [...response.headers], setCookies: response.headers.getSetCookie(), body, response };
  }

  function send(res, entry, nonce) {
    for (const [name, value] of entry.headers) {
      if (name === "content-length" || name === "set-cookie") continue;
      // A response with a policy of its own (an attached file's sandbox) replaces the page's.
      if (name === "content-security-policy") res.setHeader(name, value);
      else res.append(name, value);
    }
    for (const cookie of entry.setCookies) res.append("Set-Cookie", cookie);
    const body = entry.nonce === nonce ? entry.body : entry.body.toString("utf8").replaceAll(entry.nonce, nonce);
    res.status(entry.status).send(body);
  }

  return async (req, res, next) => {
    const nonce = res.locals.cspNonce;
    try {
      const cacheable = req.method === "GET" && !/(?:^|;\s*)kollegi_session=/.test(req.get("cookie") ?? "");
      if (!cacheable) {
        send(res, { ...(await render(req, res)), nonce }, nonce);
        return;
      }
      const lng = /(?:^|;\s*)lng=([^;]*)/.exec(req.get("cookie") ?? "")?.[1] ?? "";
      const key = `${req.originalUrl}\n${lng}\n${req.get("accept-language") ?? ""}`;
      const version = dataVersion();
      let entry = cache.get(key);
      if (!entry || entry.version !== version || Date.now() - entry.at > MAX_AGE_MS) {
        const rendered = await render(req, res);
        entry = { ...rendered, version, at: Date.now(), nonce };
        const storable =
          rendered.status === 200 &&
          rendered.setCookies.length === 0 &&
          /^text\/html/.test(rendered.response.headers.get("content-type") ?? "") &&
          !/no-store|private/.test(rendered.response.headers.get("cache-control") ?? "");
        delete entry.response;
        if (storable) {
          cache.delete(key);
          if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value);
          cache.set(key, entry);
        }
      }
      send(res, entry, nonce);
    } catch (error) {
      next(error);
    }
  };
}

const server = app.listen(PORT, HOST, () => {
  console.log(`Kollegi is running at http://localhost:${PORT}`);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
