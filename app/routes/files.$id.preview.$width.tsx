import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/files/serve.server";

/** /files/:id/preview/:width — one of an image's stored previews (WebP). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return fileResponse(request, params.id, params.width ?? "");
}
