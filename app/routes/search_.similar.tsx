import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { getAuth } from "~/auth/auth.server";
import { getNetworkBySlug } from "~/networks/networks.server";
import { similarThreads } from "~/search/queries.server";

/** Similar threads for the ask form while the title is typed (public/enhance.js). */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const title = (url.searchParams.get("title") ?? "").slice(0, 200);
  const network = getNetworkBySlug(url.searchParams.get("network") ?? "");
  const auth = await getAuth(request);
  const viewer = auth.user ? { id: auth.user.id, isAdmin: auth.user.isAdmin } : null;
  const similar = title.trim().length >= 3 ? await similarThreads(title, network?.id ?? null, viewer) : [];
  return json(
    similar.map((s) => ({ title: s.title, url: s.url, solved: s.solved, answerCount: s.answerCount })),
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
