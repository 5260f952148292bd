import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { pageOfPost } from "~/threads/threads.server";

/** A short, stable link to one post: lands on the thread page it is on. */
export function loader({ params }: LoaderFunctionArgs) {
  const where = pageOfPost(Number(params.id));
  if (!where) throw new Response("Not found", { status: 404 });
  return redirect(`/t/${where.threadId}?post=${params.id}`);
}
