import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/auth.server";
import { assertCan } from "~/permissions/guards.server";
import { postForAction } from "~/posts/edit.server";
import { postInThreadIdPath } from "~/paths";

/**
 * A short, stable link to one post: lands on the thread page it is on, for those who may read
 * it (a members-only post's link tells a stranger nothing, not even which thread it is in).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { post, context } = postForAction(Number(params.id), await getUser(request));
  assertCan("readNetwork", context);
  return redirect(postInThreadIdPath(post.threadId, post.id));
}
