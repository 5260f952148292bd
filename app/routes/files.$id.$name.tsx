import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileResponse } from "~/files/serve.server";

/** /files/:id/:name — an attached file, whole (the name is for the reader; the id decides). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return fileResponse(request, params.id, null);
}
