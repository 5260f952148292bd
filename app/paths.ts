/**
 * Every URL the app builds, in one place (Lobsters' `extras/routes.rb`): routes, components,
 * emails, notifications and the digest take their links from here, so that a route's address
 * changes in one line and no link is spelled by hand. Pure: the browser bundle imports it too.
 *
 * A path takes what its route's parameters need (a network's slug, an id) and, where the page
 * reads them, a query and an anchor. `withQuery` drops empty values, so a default (page 1, the
 * "active" tab) never shows in a link; `true` is a bare flag (`?acknowledged`).
 */

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue> | URLSearchParams;

/** `path?query#hash`, leaving out the parts that are empty. */
export function withQuery(path: string, query?: Query, hash?: string): string {
  const parts: string[] = [];
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query ?? {});
  for (const [key, value] of entries) {
    if (value === null || value === undefined || value === false || value === "") continue;
    parts.push(value === true ? encodeURIComponent(key) : new URLSearchParams({ [key]: String(value) }).toString());
  }
  return `${path}${parts.length ? `?${parts.join("&")}` : ""}${hash ? `#${hash}` : ""}`;
}

type Thread = { id: number; slug: string };

// The site and the signed-in person

export const homePath = () => "/";
export const loginPath = (redirectTo?: string) => withQuery("/login", { redirectTo });
export const registerPath = () => "/register";
export const logoutPath = () => "/logout";
export const languagePath = () => "/language";
export const adminPath = () => "/admin";
export const newNetworkPath = () => "/admin/networks/new";
export const searchPath = (query?: Query) => withQuery("/search", query);
export const notificationsPath = (query?: Query, hash?: string) => withQuery("/notifications", query, hash);
export const notificationPath = (id: number) => `/notifications/${id}`;
/** The anchor of one notification in the list, where marking it read returns. */
export const notificationAnchor = (id: number) => `n-${id}`;
export const myAnnouncementsPath = () => "/announcements";
export const mentorQueuePath = (query?: Query) => withQuery("/mentor", query);
export const profileSettingsPath = () => "/settings/profile";
export const passwordSettingsPath = (query?: Query) => withQuery("/settings/password", query);
export const notificationSettingsPath = () => "/settings/notifications";
export const userPath = (id: number) => `/u/${id}`;

// A network and its pages

export const networkPath = (slug: string, query?: Query) => withQuery(`/n/${slug}`, query);
export const askPath = (slug: string, query?: Query) => withQuery(`/n/${slug}/ask`, query);
export const membersPath = (slug: string) => `/n/${slug}/members`;
export const mentoringPath = (slug: string, query?: Query) => withQuery(`/n/${slug}/mentoring`, query);
export const mentorProfilePath = (slug: string, userId: number, query?: Query) => withQuery(`/n/${slug}/mentors/${userId}`, query);
export const reportPath = (slug: string, query?: Query) => withQuery(`/n/${slug}/report`, query);

// Knowledge base

export const kbPath = (slug: string, query?: Query) => withQuery(`/n/${slug}/kb`, query);
export const newKbEntryPath = (slug: string, query?: Query) => withQuery(`/n/${slug}/kb/new`, query);
export const kbEntryPath = (slug: string, id: number, query?: Query, hash?: string) => withQuery(`/n/${slug}/kb/${id}`, query, hash);
export const kbEntryEditPath = (slug: string, id: number) => `/n/${slug}/kb/${id}/edit`;

// Courses and their modules

export const coursesPath = (slug: string) => `/n/${slug}/courses`;
export const newCoursePath = (slug: string) => `/n/${slug}/courses/new`;
export const coursePath = (slug: string, courseId: number) => `/n/${slug}/courses/${courseId}`;
export const courseEditPath = (slug: string, courseId: number, hash?: string) =>
  withQuery(`${coursePath(slug, courseId)}/edit`, undefined, hash);
export const coursePeoplePath = (slug: string, courseId: number, query?: Query, hash?: string) =>
  withQuery(`${coursePath(slug, courseId)}/people`, query, hash);
export const courseUnansweredPath = (slug: string, courseId: number, query?: Query) =>
  withQuery(`${coursePath(slug, courseId)}/unanswered`, query);
export const modulePath = (slug: string, courseId: number, moduleId: number, query?: Query) =>
  withQuery(`${coursePath(slug, courseId)}/modules/${moduleId}`, query);

// Course work: tasks, handed-in work and its review, groups, participation

/** A task's page: instructions, the teacher's variant and work. `module` in the query: where it goes. */
export const newTaskPath = (slug: string, courseId: number, moduleId: number) =>
  withQuery(`${coursePath(slug, courseId)}/tasks/new`, { module: moduleId });
export const taskPath = (slug: string, courseId: number, taskId: number, query?: Query, hash?: string) =>
  withQuery(`${coursePath(slug, courseId)}/tasks/${taskId}`, query, hash);
export const taskEditPath = (slug: string, courseId: number, taskId: number) => `${coursePath(slug, courseId)}/tasks/${taskId}/edit`;
/** One teacher's work as its reviewers see it; `compare` in the query: "1-2", two versions side by side. */
export const workPath = (slug: string, courseId: number, workId: number, query?: Query, hash?: string) =>
  withQuery(`${coursePath(slug, courseId)}/works/${workId}`, query, hash);
export const reviewQueuePath = (slug: string, courseId: number, query?: Query) => withQuery(`${coursePath(slug, courseId)}/review`, query);
/** Median and p90 time to review, per curator. */
export const reviewReportPath = (slug: string, courseId: number, query?: Query) =>
  withQuery(`${coursePath(slug, courseId)}/review/report`, query);
export const courseGroupsPath = (slug: string, courseId: number, hash?: string) =>
  withQuery(`${coursePath(slug, courseId)}/groups`, undefined, hash);
export const participationPath = (slug: string, courseId: number, query?: Query) =>
  withQuery(`${coursePath(slug, courseId)}/participation`, query);
export const participationCsvPath = (slug: string, courseId: number, query?: Query) =>
  withQuery(`${coursePath(slug, courseId)}/participation.csv`, query);
/** Teachers with every required task accepted. */
export const completionPath = (slug: string, courseId: number, query?: Query) =>
  withQuery(`${coursePath(slug, courseId)}/completed`, query);
export const completionCsvPath = (slug: string, courseId: number, query?: Query) =>
  withQuery(`${coursePath(slug, courseId)}/completed.csv`, query);

// Announcements

export const announcementsPath = (slug: string, query?: Query) => withQuery(`/n/${slug}/announcements`, query);
export const newAnnouncementPath = (slug: string, query?: Query) => withQuery(`/n/${slug}/announcements/new`, query);
export const announcementPath = (id: number, query?: Query, hash?: string) => withQuery(`/a/${id}`, query, hash);
export const announcementEditPath = (id: number, hash?: string) => withQuery(`/a/${id}/edit`, undefined, hash);
export const announcementAckPath = (id: number) => `/a/${id}/ack`;
export const announcementRemindPath = (id: number) => `/a/${id}/remind`;
export const announcementReceiptsPath = (id: number) => `/a/${id}/receipts.csv`;

// Threads and posts

/** `/t/12-zakon-oma`: the id finds the thread, the slug is for people (a wrong one redirects). */
export const threadPath = (thread: Thread, query?: Query, hash?: string) => withQuery(`/t/${thread.id}-${thread.slug}`, query, hash);
/** The thread route finds the page a post is on and redirects to its anchor. */
export const postInThreadPath = (thread: Thread, postId: number) => threadPath(thread, { post: postId });
/** The same, by the thread's id alone: the thread route adds the slug. */
export const postInThreadIdPath = (threadId: number, postId: number) => withQuery(`/t/${threadId}`, { post: postId });
/** The id of a post's article on the thread page, and so its anchor. */
export const postAnchor = (postId: number) => `post-${postId}`;
export const acceptedAnchor = () => "accepted";
export const postPath = (id: number) => `/p/${id}`;
export const postEditPath = (id: number) => `/p/${id}/edit`;
export const postHistoryPath = (id: number) => `/p/${id}/history`;
export const postFlagPath = (id: number, query?: Query) => withQuery(`/p/${id}/flag`, query);

// Files (app/files): the name in a file's address is for the reader and the download; the id decides.

export const filePath = (id: number, name: string) => `/files/${id}/${encodeURIComponent(name)}`;
export const filePreviewPath = (id: number, width: number) => `/files/${id}/preview/${width}`;
/** Where public/enhance.js sends a dropped or pasted file before the form is published. */
export const fileUploadPath = () => "/files/upload";
export const modAttachmentPath = (id: number, query?: Query) => withQuery(`/mod/files/${id}`, query);
export const materialsLibraryPath = (slug: string, query?: Query) => withQuery(`/n/${slug}/materials`, query);

// Moderation

export const modQueuePath = (query?: Query) => withQuery("/mod", query);
export const modLogPath = (query?: Query) => withQuery("/mod/log", query);
export const modPostPath = (id: number, query?: Query) => withQuery(`/mod/p/${id}`, query);
export const modThreadPath = (id: number, query?: Query) => withQuery(`/mod/t/${id}`, query);
export const modUserPath = (id: number, query?: Query) => withQuery(`/mod/u/${id}`, query);
