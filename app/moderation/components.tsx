/** The moderation pieces of the thread page, kept out of the route so its other authors are not in the way. */
import { useTranslation } from "react-i18next";
import type { Removal, ThreadModeration } from "./thread-page.server";
import { modPostPath, postFlagPath } from "~/paths";

/** A removed post, as its author and moderators see it: said in words, not only greyed out. */
export function RemovalMark({ removal, thread = false }: { removal: Removal | null; thread?: boolean }) {
  const { t } = useTranslation();
  if (!removal) return null;
  const scope = thread ? "thread" : "post";
  return (
    <p className="notice warning removal" role="note">
      {removal.kind === "moderator"
        ? removal.reason
          ? t(`moderation.marks.${scope}Moderator`, { reason: removal.reason })
          : t(`moderation.marks.${scope}Removed`)
        : t(`moderation.marks.${scope}${removal.kind === "pending" ? "Pending" : "Flags"}`)}
    </p>
  );
}

/** " · Пожаловаться · Модерировать" in a post's footer line. */
export function PostModerationLinks({ postId, canFlag, canModerate }: { postId: number; canFlag: boolean; canModerate: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {canFlag ? (
        <>
          {" "}
          · <a href={postFlagPath(postId)}>{t("moderation.flag.link")}</a>
        </>
      ) : null}
      {canModerate ? (
        <>
          {" "}
          · <a href={modPostPath(postId)}>{t("moderation.thread.moderatePost")}</a>
        </>
      ) : null}
    </>
  );
}

/** Above the question: the duplicate banner, a removed thread's mark, the reader's silence, the moderator's tools. */
export function ThreadModerationNotices({ moderation }: { moderation: ThreadModeration }) {
  const { t } = useTranslation();
  return (
    <>
      {moderation.duplicateOf ? (
        <aside className="duplicate-banner" aria-labelledby="duplicate-heading">
          <h2 id="duplicate-heading">{t("moderation.thread.duplicateHeading")}</h2>
          <p>
            {t("moderation.thread.duplicateText")} <a href={moderation.duplicateOf.url}>{moderation.duplicateOf.title}</a>
          </p>
        </aside>
      ) : null}
      <RemovalMark removal={moderation.removed} thread />
      {moderation.silence ? (
        <p className="notice warning">
          {t("moderation.thread.silenced", { until: moderation.silence.until })}{" "}
          {moderation.silence.reason ? t("moderation.thread.silenceReason", { reason: moderation.silence.reason }) : null}
        </p>
      ) : null}
      {moderation.knowledgeBase.length ? (
        <p className="kb-note">
          {t("moderation.thread.inKnowledgeBase")}{" "}
          {moderation.knowledgeBase.map((entry, i) => (
            <span key={entry.url}>
              {i > 0 ? ", " : null}
              <a href={entry.url}>{entry.title}</a>
            </span>
          ))}
        </p>
      ) : null}
      {moderation.tools ? (
        <nav className="mod-tools" aria-label={t("moderation.thread.tools")}>
          <a href={moderation.tools.url}>{t("moderation.thread.tools")}</a>
          <a href={moderation.tools.kbUrl}>{t("moderation.thread.addToKnowledgeBase")}</a>
        </nav>
      ) : null}
    </>
  );
}
