/** Audit-log entries in words, in the reader's language (shared by /mod/log and /mod/u/<id>). */
import type { TFunction } from "i18next";
import { formatDateTime } from "~/utils/dates";
import type { LogAction, LogRow } from "./log.server";
import { modAttachmentPath, modUserPath, threadPath } from "~/paths";

type Underscored<S extends string> = S extends `${infer Noun}.${infer Verb}` ? `${Noun}_${Verb}` : S;

/** "post.flag_hide" → "moderation.log.actions.post_flag_hide": every logged action has its words. */
export function logActionKey<A extends LogAction>(action: A) {
  return `moderation.log.actions.${action.replace(".", "_") as Underscored<A>}` as const;
}

export function presentLogRow(row: LogRow, t: TFunction, locale: string) {
  const zone = row.timeZone ?? "Europe/Moscow";
  const details = row.details;
  const extra =
    row.action === "thread.duplicate" && typeof details.canonicalTitle === "string"
      ? t("moderation.log.duplicateOf", { title: details.canonicalTitle, count: Number(details.merged ?? 0) })
      : (row.action === "member.silence" || row.action === "account.suspend") && typeof details.until === "number"
        ? t("moderation.log.until", { date: formatDateTime(details.until, locale, zone) })
        : row.action === "post.hold" && typeof details.links === "number"
          ? t("moderation.log.links", { count: details.links })
          : row.action === "post.flag_hide" && typeof details.flags === "number"
            ? t(details.by === "mentor" ? "moderation.log.byMentor" : "moderation.log.byMembers", { count: details.flags })
            : row.action === "attachment.remove" && typeof details.placeTitle === "string"
              ? t("moderation.log.fileIn", { place: details.placeTitle })
              : null;
  // A file's entry leads to the file's moderation page: where it was, who removed it, why.
  const url =
    row.targetType === "attachment"
      ? modAttachmentPath(row.targetId)
      : row.targetThreadId !== null && row.targetThreadSlug !== null
        ? threadPath({ id: row.targetThreadId, slug: row.targetThreadSlug }, { post: row.targetType === "post" ? row.targetId : null })
        : row.targetType === "user"
          ? modUserPath(row.targetId)
          : null;
  return {
    id: row.id,
    when: formatDateTime(row.createdAt, locale, zone),
    whenIso: row.createdAt.toISOString(),
    networkName: row.networkName,
    actorId: row.actorId,
    actorName: row.actorName,
    action: t(logActionKey(row.action)),
    target: row.targetLabel ?? t("moderation.log.gone"),
    url,
    extra,
    reason: row.reason,
  };
}

export type PresentedLogRow = ReturnType<typeof presentLogRow>;
