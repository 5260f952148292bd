/**
 * The one server entry: HTTP concerns that must run before Remix sees a request
 * (security headers with a per-response CSP nonce, the Origin check on every
 * non-GET request, compression, static files), then the Remix handler.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createFetchHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

process.env.NODE_ENV ??= "production";
// `npm run demo`: the newcomer's one command seeds demo data with generated passwords (docs/decisions/013).
if (process.argv.includes("--demo")) process.env.SEED_DEMO ??= "true";
const root = path.dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
/** A megabyte of text is far past any post; bigger bodies are refused before parsing. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const build = await import(path.join(root, "build/index.js"));
/** Changes with every committed write to the database, from this process or any other. */
const { dataVersion } = build.entry.module;
const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy, TRUST_PROXY=1 makes req.ip the teacher's address, not the proxy's.
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

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
  next();
});

/**
 * CSRF: a state-changing request must come from a page of this site. Browsers send
 * Origin on every POST; a missing or foreign one is refused (the Copenhagen Book).
 */
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get("origin");
  const host = req.get("x-forwarded-host") && app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host");
  let originHost = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || !host || originHost !== host) {
    res.status(403).type("text/plain; charset=utf-8").send("Запрос отклонён: он пришёл с другого сайта.\nRequest refused: it came from another site.");
    return;
  }
  const length = Number(req.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    res.status(413).type("text/plain; charset=utf-8").send("Слишком большой запрос.\nRequest too large.");
    return;
  }
  next();
});

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

const loadContext = (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? null });
app.get("*", pages(createFetchHandler(build, process.env.NODE_ENV)));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: loadContext }));

// Never a stack trace to a person: a short message in both languages.
app.use((error, _req, res, _next) => {
  console.error(error);
  if (res.headersSent) return;
  res.status(500).type("text/plain; charset=utf-8").send("Ошибка сервера. Попробуйте позже.\nServer error. Please try again later.");
});

/**
 * Every GET page is rendered through Remix's fetch handler and sent whole: pages are small,
 * and this skips the express adapter's stream plumbing, which cost as much as the render.
 * Signed-out readers are most of the traffic and all see the same page, so theirs is kept
 * in memory until the database changes (exact invalidation: any commit, from any process,
 * moves dataVersion) or a minute passes (relative times like "2 hours ago"). Each response
 * still gets its own CSP nonce.
 */
function pages(handler) {
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
    const response = await handler(new Request(url, { headers }), loadContext(req, res));
    const body = await response.text();
    return { status: response.status, headers: [...response.headers], setCookies: response.headers.getSetCookie(), body, response };
  }

  function send(res, entry, nonce) {
    for (const [name, value] of entry.headers) {
      if (name !== "content-length" && name !== "set-cookie") res.append(name, value);
    }
    for (const cookie of entry.setCookies) res.append("Set-Cookie", cookie);
    res.status(entry.status).send(entry.nonce === nonce ? entry.body : entry.body.replaceAll(entry.nonce, nonce));
  }

  return async (req, res, next) => {
    const nonce = res.locals.cspNonce;
    try {
      if (/(?:^|;\s*)kollegi_session=/.test(req.get("cookie") ?? "")) {
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
