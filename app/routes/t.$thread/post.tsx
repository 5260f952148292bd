/** One post of the thread page: its body, votes and the line of links under it. */
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AttachmentList } from "~/files/components";
import { PostModerationLinks, RemovalMark } from "~/moderation/components";
import { postAnchor, postEditPath, postHistoryPath, postPath, userPath } from "~/paths";
import type { loader } from "./route";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type PostData = Data["opening"];

function Votes({ post }: { post: PostData }) {
  const { t } = useTranslation();
  if (!post.canVote) return <p className="score">{t("thread.score", { count: post.score })}</p>;
  const option = (value: 1 | -1, label: string, symbol: string) => (
    <button
      type="submit"
      name="value"
      value={post.myVote === value ? 0 : value}
      className={post.myVote === value ? "vote voted" : "vote"}
      aria-pressed={post.myVote === value}
      title={post.myVote === value ? t("thread.voteUndo") : label}
    >
      <span aria-hidden="true">{symbol}</span>{" "}
      <span className="visually-hidden">{post.myVote === value ? t("thread.voteUndo") : label}</span>
    </button>
  );
  return (
    <form method="post" className="votes">
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="postId" value={post.id} />
      {option(1, t("thread.voteUp"), "▲")}
      <span className="score-value">{t("thread.score", { count: post.score })}</span>
      {option(-1, t("thread.voteDown"), "▼")}
    </form>
  );
}

export function Post({ post, heading }: { post: PostData; heading: string }) {
  const { t } = useTranslation();
  return (
    <article className={post.moderation.removal ? "post removed" : "post"} id={postAnchor(post.id)} aria-label={heading}>
      <RemovalMark removal={post.moderation.removal} />
      <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      <AttachmentList attachments={post.attachments} />
      <footer className="post-meta">
        <Votes post={post} />
        <p className="muted">
          <a href={userPath(post.authorId)}>{post.authorName}</a> · <time dateTime={post.createdIso}>{post.created}</time>
          {post.edited ? (
            <>
              {" "}
              · <span title={post.edited}>{t("thread.edited")}</span>
            </>
          ) : null}{" "}
          · <a href={postPath(post.id)}>{t("thread.link")}</a>
          {post.canEdit ? (
            <>
              {" "}
              · <a href={postEditPath(post.id)}>{t("thread.edit")}</a>
            </>
          ) : null}
          {post.canViewRevisions ? (
            <>
              {" "}
              · <a href={postHistoryPath(post.id)}>{t("thread.history")}</a>
            </>
          ) : null}
          <PostModerationLinks postId={post.id} canFlag={post.moderation.canFlag} canModerate={post.moderation.canModerate} />
        </p>
      </footer>
    </article>
  );
}
