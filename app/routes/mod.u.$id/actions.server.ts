/**
 * A member record's intents, one function each (the route's action picks one with a switch): silence
 * and lift it in one network, suspend and lift it site-wide. Each is handed the record the route's
 * guard let the moderator see.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect } from "@remix-run/node";
import type { User } from "lucia";
import { z } from "zod";
import { invalidForm } from "~/http/responses.server";
import {
  liftSilence,
  liftSuspension,
  silence as silenceMember,
  suspend as suspendAccount,
  type memberRecord,
} from "~/moderation/members.server";
import { silenceSchema, suspendSchema } from "~/moderation/schemas";
import { getNetworkBySlug } from "~/networks/networks.server";
import { modUserPath } from "~/paths";
import { contextFor } from "~/permissions/context.server";
import { assertCan } from "~/permissions/guards.server";
import type { Intent } from "./intents";

export type MemberRecord = NonNullable<ReturnType<typeof memberRecord>>;

const liftSchema = z.object({ network: z.string().min(1) });

const done = (record: MemberRecord, intent: Intent) => redirect(modUserPath(record.user.id, { done: intent }));
const fail = (form: string, result: SubmissionResult<string[]>) => invalidForm({ form, result });

/** The member as the silence rule reads them in one network: a moderator there, an admin. */
const subjectIn = (record: MemberRecord, networkId: number) => ({
  userId: record.user.id,
  moderator: record.standing.some((s) => s.networkId === networkId && s.isModerator),
  admin: record.user.isAdmin,
});

/** Silence (or lift it) in the network chosen on the form; the rule is silenceMember in that network. */
export function silence(record: MemberRecord, user: User, formData: FormData, lift: boolean) {
  const submission = parseWithZod(formData, { schema: lift ? liftSchema : silenceSchema });
  if (submission.status !== "success") return fail("silence", submission.reply());
  const network = getNetworkBySlug(submission.value.network);
  if (!network) return fail("silence", submission.reply({ fieldErrors: { network: ["moderation.errors.chooseNetwork"] } }));
  assertCan("silenceMember", { ...contextFor(user, network), subject: subjectIn(record, network.id) });
  if (lift) {
    liftSilence({ userId: record.user.id, networkId: network.id, moderatorId: user.id });
    return done(record, "unsilence");
  }
  const value = submission.value as z.infer<typeof silenceSchema>;
  const ok = silenceMember({ userId: record.user.id, networkId: network.id, moderatorId: user.id, days: value.days, reason: value.reason });
  if (!ok) return fail("silence", submission.reply({ fieldErrors: { network: ["moderation.errors.notMember"] } }));
  return done(record, "silence");
}

export async function suspend(record: MemberRecord, user: User, formData: FormData, lift: boolean) {
  assertCan("suspendAccount", { ...contextFor(user), subject: { userId: record.user.id, moderator: false, admin: record.user.isAdmin } });
  if (lift) {
    liftSuspension({ userId: record.user.id, adminId: user.id });
    return done(record, "unsuspend");
  }
  const submission = parseWithZod(formData, { schema: suspendSchema });
  if (submission.status !== "success") return fail("suspend", submission.reply());
  await suspendAccount({ userId: record.user.id, adminId: user.id, days: submission.value.days, reason: submission.value.reason });
  return done(record, "suspend");
}
