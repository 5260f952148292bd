import { healthCheck } from "~/boot.server";

export function loader() {
  const ok = healthCheck();
  return new Response(ok ? "ok" : "unavailable", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
}
