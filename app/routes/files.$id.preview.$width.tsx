import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http/responses.server";
import { fileResponse } from "~/files/serve.server";

/** /files/:id/preview/:width — one of an image's stored previews (WebP). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const width = Number(params.width);
  if (!Number.isInteger(width)) throw notFound();
  return fileResponse(request, params.id, width);
}
