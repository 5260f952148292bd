/**
 * The thread tools' intents, one function each (the route's action picks one with a switch). Each
 * is handed the thread, its network and the moderator's scope the route's guard established.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect } from "@remix-run/node";
import type { User } from "lucia";
import { invalidForm } from "~/http/responses.server";
import { duplicateSchema, lockSchema, moveSchema, removeSchema } from "~/moderation/schemas";
import type { threadWithPlace } from "~/moderation/scope.server";
import {
  closeAsDuplicate,
  deleteThread,
  moveThread,
  reopen,
  restoreThread,
  setLocked,
  setPinned,
} from "~/moderation/thread-actions.server";
import { getNetworkBySlug } from "~/networks/networks.server";
import { modThreadPath } from "~/paths";
import { contextFor } from "~/permissions/context.server";
import { assertCan, type ModeratorScope } from "~/permissions/guards.server";
import type { Context } from "~/permissions/permissions";
import type { Intent } from "./intents";

export type Place = NonNullable<ReturnType<typeof threadWithPlace>> & ModeratorScope & { context: Context; user: User };

const done = (place: Place, intent: Intent) => redirect(modThreadPath(place.thread.id, { done: intent }));
const fail = (form: string, result: SubmissionResult<string[]>) => invalidForm({ form, result });
const actor = (place: Place) => ({ threadId: place.thread.id, moderatorId: place.user.id });

export function lock(place: Place, formData: FormData) {
  const submission = parseWithZod(formData, { schema: lockSchema });
  if (submission.status !== "success") return fail("lock", submission.reply());
  setLocked({ ...actor(place), locked: true, reason: submission.value.reason });
  return done(place, "lock");
}

export function unlock(place: Place) {
  setLocked({ ...actor(place), locked: false, reason: "" });
  return done(place, "unlock");
}

export function pin(place: Place, pinned: boolean) {
  assertCan("pinThread", place.context);
  setPinned({ ...actor(place), pinned });
  return done(place, pinned ? "pin" : "unpin");
}

/** The mover answers for both networks: the context carries their standing where the thread lands. */
export function move(place: Place, formData: FormData) {
  const submission = parseWithZod(formData, { schema: moveSchema });
  if (submission.status !== "success") return fail("move", submission.reply());
  const target = getNetworkBySlug(submission.value.network);
  if (!target) return fail("move", submission.reply({ fieldErrors: { network: ["moderation.errors.chooseNetwork"] } }));
  assertCan("moveThread", { ...place.context, destination: contextFor(place.user, target).standing });
  const result = moveThread({ ...actor(place), toNetworkId: target.id, reason: submission.value.reason });
  if (!result.ok) return fail("move", submission.reply({ fieldErrors: { network: [`moderation.errors.${result.error}`] } }));
  return done(place, "move");
}

export function duplicate(place: Place, formData: FormData) {
  assertCan("closeAsDuplicate", place.context);
  const submission = parseWithZod(formData, { schema: duplicateSchema });
  if (submission.status !== "success") return fail("duplicate", submission.reply());
  const result = closeAsDuplicate({
    ...actor(place),
    ...submission.value,
    canonicalId: submission.value.canonical,
    allowedNetworkIds: place.networks.map((n) => n.id),
  });
  if (!result.ok) return fail("duplicate", submission.reply({ fieldErrors: { canonical: [`moderation.errors.${result.error}`] } }));
  return done(place, "duplicate");
}

export function reopenThread(place: Place) {
  reopen(actor(place));
  return done(place, "reopen");
}

export function remove(place: Place, formData: FormData) {
  assertCan("deleteThread", place.context);
  const submission = parseWithZod(formData, { schema: removeSchema });
  if (submission.status !== "success") return fail("delete", submission.reply());
  deleteThread({ ...actor(place), reason: submission.value.reason });
  return done(place, "delete");
}

export function restore(place: Place) {
  assertCan("deleteThread", place.context);
  restoreThread(actor(place));
  return done(place, "restore");
}
