/**
 * What the thread route needs beyond the queries: who may do what on this page,
 * dates in the reader's language and the network's zone, and schema.org QAPage data.
 */
import type { User } from "lucia";
import { courseScope } from "~/courses/context.server";
import { courseOfModule } from "~/courses/modules.server";
import { threadMentoringNote } from "~/mentoring/thread-note.server";
import { postModeration, threadModeration } from "~/moderation/thread-page.server";
import { contextFor } from "~/permissions/context.server";
import { attachmentsOfMany, uploadLimits } from "~/files/attachments.server";
import { can, type Context } from "~/permissions/permissions";
import { formatDateTime } from "~/utils/dates";
import { threadScope } from "./scope";
import { getThreadPage, type PostView } from "./threads.server";
import { postPath, threadPath } from "~/paths";

export function threadContext(user: User | null, page: NonNullable<ReturnType<typeof getThreadPage>>): Context {
  const { thread, network } = page;
  // A question asked in a course module: its curators may accept an answer (docs/decisions/011).
  const course = courseOfModule(thread.moduleId);
  return {
    ...contextFor(user, network),
    ...(course && course.networkId === network.id
      ? { course: courseScope(user?.id ?? null, { id: course.courseId, enrolment: course.enrolment }) }
      : {}),
    thread: threadScope(thread),
  };
}

export function presentThreadPage(page: NonNullable<ReturnType<typeof getThreadPage>>, context: Context, locale: string, origin: string) {
  const { thread, network } = page;
  const when = (d: Date) => formatDateTime(d, locale, network.timeZone);
  const files = attachmentsOfMany(
    "postId",
    [page.opening, ...(page.accepted ? [page.accepted] : []), ...page.answers].map((post) => post.id),
  );
  const present = (post: PostView) => {
    const onPost = { ...context, post: { authorId: post.authorId } };
    return {
      id: post.id,
      authorId: post.authorId,
      authorName: post.authorName,
      bodyHtml: post.bodyHtml,
      attachments: files.get(post.id) ?? [],
      score: post.score,
      created: when(post.createdAt),
      createdIso: post.createdAt.toISOString(),
      edited: post.editedAt ? when(post.editedAt) : null,
      myVote: page.myVotes[post.id] ?? 0,
      canVote: can("votePost", onPost),
      canEdit: can("editPost", onPost),
      canViewRevisions: can("viewRevisions", onPost) && post.editedAt !== null,
      moderation: postModeration(post, onPost),
    };
  };
  const canonical = `${origin}${threadPath(thread, { page: page.page > 1 ? page.page : null })}`;
  const accepted = page.accepted ? present(page.accepted) : null;
  const answers = page.answers.map(present);
  return {
    thread: {
      id: thread.id,
      slug: thread.slug,
      title: thread.title,
      kind: thread.kind,
      tags: thread.tags,
      solved: thread.acceptedPostId !== null,
      acceptedComment: thread.acceptedComment,
      acceptedByName: thread.acceptedByName,
      accepted: thread.acceptedAt ? when(thread.acceptedAt) : null,
      meTooCount: thread.meTooCount,
      locked: thread.lockedAt !== null,
      lockReason: thread.lockReason,
      sourceUrl: thread.sourceUrl,
      sourceLicence: thread.sourceLicence,
    },
    network: { slug: network.slug, name: network.name },
    course: courseCrumb(thread.moduleId, network.id),
    opening: present(page.opening),
    accepted,
    answers,
    answerCount: page.answerCount,
    page: page.page,
    pageCount: page.pageCount,
    meToo: page.meToo,
    canonical,
    description: page.opening.bodyHtml
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 160),
    uploadLimits: context.actor && can("answerThread", context) ? uploadLimits(context.actor.id, locale) : null,
    can: {
      answer: can("answerThread", context),
      accept: can("acceptAnswer", context),
      meToo: can("meToo", context),
      member: context.standing != null,
      signedIn: context.actor !== null,
    },
    jsonLd: qaPage(page, canonical, origin),
    mentoring: threadMentoringNote(thread, network, context, locale),
    moderation: threadModeration(thread, page.opening, network, context, locale),
  };
}

/** "Course → Module" above a question asked in a course module. */
function courseCrumb(moduleId: number | null, networkId: number) {
  const found = courseOfModule(moduleId);
  if (!found || found.networkId !== networkId) return null;
  return { courseId: found.courseId, courseTitle: found.courseTitle, moduleId: found.moduleId, moduleTitle: found.moduleTitle };
}

/** schema.org QAPage, so search engines show the question with its accepted answer. */
function qaPage(page: NonNullable<ReturnType<typeof getThreadPage>>, url: string, origin: string) {
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  const answer = (post: PostView) => ({
    "@type": "Answer",
    text: text(post.bodyHtml),
    dateCreated: post.createdAt.toISOString(),
    upvoteCount: post.score,
    url: `${origin}${postPath(post.id)}`,
    author: { "@type": "Person", name: post.authorName },
  });
  return {
    "@context": "https://schema.org",
    "@type": "QAPage",
    mainEntity: {
      "@type": "Question",
      name: page.thread.title,
      text: text(page.opening.bodyHtml),
      answerCount: page.answerCount,
      upvoteCount: page.opening.score,
      dateCreated: page.opening.createdAt.toISOString(),
      author: { "@type": "Person", name: page.opening.authorName },
      url,
      ...(page.accepted ? { acceptedAnswer: answer(page.accepted) } : {}),
      ...(page.answers.length ? { suggestedAnswer: page.answers.map(answer) } : {}),
    },
  };
}
