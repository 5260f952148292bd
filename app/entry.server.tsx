import { type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { boot } from "./boot.server";
import { getLocale, instanceFor } from "./i18n/i18next.server";
import { NonceProvider } from "./utils/nonce";

await boot();

/**
 * Pages are rendered whole, to a string. React 18's streaming renderer writes 2,048-byte chunks
 * and, when a two-byte letter does not fit at a chunk's end, leaves a NUL byte there
 * (facebook/react#31134, fixed only in React 19): a third of Cyrillic-heavy pages carried one,
 * shown as «�» and saved back through any form that returns its text («Рамк\0а»). Nothing was
 * streamed to the reader anyway: server.mjs sends each page whole (and caches it), and no page
 * waits on deferred data.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = instanceFor(await getLocale(request));
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const html = renderToString(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={instance}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    clientIp?: string | null;
  }
}

export { dataVersion } from "./boot.server";
export * as edge from "./http/edge";

/** 404s and 403s are answers, not failures: only real errors reach the log. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  console.error(error);
};
