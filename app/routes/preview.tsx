import { json, type ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/auth.server";
import { renderMarkdown } from "~/markdown/markdown.server";
import { BODY_MAX } from "~/threads/schemas";

/** Live preview for public/enhance.js: the same renderer as on save, for signed-in writers only. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const body = (await request.formData()).get("body");
  const source = (typeof body === "string" ? body : "").slice(0, BODY_MAX);
  return json({ html: renderMarkdown(source) }, { headers: { "Cache-Control": "no-store" } });
}
