/**
 * Every permission in Kollegi is decided here, by pure predicates over who is
 * acting and where. The UI calls them to show a button; guards (guards.server.ts)
 * call the same ones to allow the action. permissions.test.ts walks the matrix.
 */

export type Actor = {
  id: number;
  isAdmin: boolean;
  /** Suspended site-wide by an admin: reads like a guest. */
  suspended: boolean;
};

/** The actor's standing in one network (null: not a member). */
export type Standing = {
  mentor: boolean;
  moderator: boolean;
  /** Silenced in this network: may read, may not write. */
  silenced: boolean;
} | null;

export type NetworkScope = { visibility: "public" | "members" };

/**
 * The thread an action is about: who asked, and which mentor it is assigned to. `locked`: takes no
 * answers (locked, or removed); `removed`: deleted by a moderator, kept only for the record.
 */
export type ThreadScope = {
  authorId: number;
  kind: "question" | "discussion";
  mentorIds: number[];
  locked: boolean;
  removed: boolean;
};
/** The post an action is about; `hidden`: hidden by a moderator or flags, or held for review. */
export type PostScope = { authorId: number; hidden?: boolean };
/** The mentor assignment an action is about (mentorId null: waiting in the moderators' queue). */
export type AssignmentScope = { mentorId: number | null };
/** The mentor profile an action is about. */
export type ProfileScope = { userId: number };
/** The member a moderation action is about (silence, suspend). */
export type SubjectScope = { userId: number; moderator: boolean; admin: boolean };
/**
 * The course an action is about, and the actor's place in it. `listed`: the actor's email is on the
 * enrolment list (a pending invite). For a thread, the course its module belongs to (if any).
 */
export type CourseScope = { enrolment: "open" | "list"; curator: boolean; enrolled: boolean; listed: boolean };
/**
 * The announcement an action is about. `courseId` null: to the whole network. `recipient`: the actor
 * is among those it is addressed to (members of the network, or the course's enrolled teachers and
 * curators; never its author). `withdrawn`: taken back by its staff (kept, marked). For a course
 * announcement, `course` in the context is that course.
 */
export type AnnouncementScope = { authorId: number; courseId: number | null; recipient: boolean; withdrawn: boolean };
/**
 * A member's moderation record (/mod/u/:id) as a whole, site-wide: `inModeratedNetwork`, the member
 * belongs to at least one network the actor moderates.
 */
export type MemberRecordScope = { inModeratedNetwork: boolean };
/**
 * The attached file an action is about: what it belongs to (`pending`: a form's upload not yet
 * published, its uploader's alone), who uploaded it, and whether a moderator removed it. For a
 * post's file, `thread` and `post` in the context are that post's; for a module's, `course`.
 */
export type AttachmentScope = { on: "pending" | "post" | "module" | "kbEntry" | "work"; uploaderId: number; removed: boolean };
/**
 * A teacher's work on a task (docs/decisions/025-course-work.md). `ownerId`: the teacher.
 * `groupCurator`: the actor curates the teacher in this course (a curator of the teacher's group;
 * any curator of the course when the teacher has no group, the group has no curators, or the
 * curator keeps no group). `escalated`: its review is overdue and went to the course's other
 * curators. `reviewUnanswered`: the newest review has no reply from the teacher yet. For a
 * work's file, `work` and `course` in the context are the work's.
 */
export type WorkScope = {
  ownerId: number;
  status: "new" | "draft" | "submitted" | "revise" | "accepted";
  groupCurator: boolean;
  escalated: boolean;
  reviewUnanswered: boolean;
};

export type Context = {
  actor: Actor | null;
  network?: NetworkScope;
  standing?: Standing;
  thread?: ThreadScope;
  post?: PostScope;
  assignment?: AssignmentScope;
  profile?: ProfileScope;
  subject?: SubjectScope;
  course?: CourseScope;
  announcement?: AnnouncementScope;
  record?: MemberRecordScope;
  attachment?: AttachmentScope;
  work?: WorkScope;
  /** For a move: the actor's standing in the network the thread would land in. */
  destination?: Standing;
};

const active = (c: Context): c is Context & { actor: Actor } => c.actor !== null && !c.actor.suspended;
const admin = (c: Context) => active(c) && c.actor.isAdmin;
const member = (c: Context) => active(c) && c.standing != null;
const moderator = (c: Context) => member(c) && c.standing!.moderator;
const canWrite = (c: Context) => member(c) && !c.standing!.silenced;
const ownsPost = (c: Context) => active(c) && c.post?.authorId === c.actor.id;
const asker = (c: Context) => active(c) && c.thread?.authorId === c.actor.id;
const assignedMentor = (c: Context) => active(c) && (c.thread?.mentorIds.includes(c.actor.id) ?? false);
const mentor = (c: Context) => member(c) && c.standing!.mentor;
/** Curators hold their role only while members of the course's network (docs/decisions/011). */
const curator = (c: Context) => member(c) && c.course?.curator === true;
/**
 * Moderators and admins; for a course announcement, that course's curators. Its author is one of
 * these while allowed to publish there; an author who lost the role loses the receipts with it.
 */
const announcementStaff = (c: Context) =>
  moderator(c) || admin(c) || (c.announcement !== undefined && c.announcement.courseId !== null && curator(c));
const ownsWork = (c: Context) => active(c) && c.work?.ownerId === c.actor.id;
/** Who reads a work: its teacher, the curators who curate the teacher (all of them once overdue), moderators, admins. */
const readsWork = (c: Context) =>
  c.work !== undefined && (ownsWork(c) || (curator(c) && (c.work.groupCurator || c.work.escalated)) || moderator(c) || admin(c));
const readsNetwork = (c: Context) => c.network?.visibility === "public" || member(c) || admin(c);
const seesRemoved = (c: Context) => moderator(c) || admin(c) || (c.post ? ownsPost(c) : asker(c));

/** Its recipients (a suspended one too: it was addressed to them), its staff, its author while active. */
const announcementReader = (c: Context) =>
  announcementStaff(c) || c.announcement?.recipient === true || (active(c) && c.announcement?.authorId === c.actor.id);

export const permissions = {
  /** Public networks are read by anyone, signed in or not; members-only ones by members and admins. */
  readNetwork: (c: Context) => readsNetwork(c),
  /** Members-only networks are joined by invitation (a moderator or admin adds the member). */
  joinNetwork: (c: Context) => active(c) && c.standing == null && c.network?.visibility === "public",
  leaveNetwork: (c: Context) => member(c),
  addMember: (c: Context) => admin(c) || moderator(c),
  postInNetwork: (c: Context) => canWrite(c),
  createNetwork: (c: Context) => admin(c),
  editNetwork: (c: Context) => admin(c),
  /** Moderators pick the mentors of their network; only admins make moderators. */
  grantMentor: (c: Context) => admin(c) || moderator(c),
  grantModerator: (c: Context) => admin(c),
  viewAdminArea: (c: Context) => admin(c),
  editOwnProfile: (c: Context) => c.actor !== null,
  /** Answers go under questions and discussions alike; a locked thread takes none. */
  answerThread: (c: Context) => canWrite(c) && c.thread?.locked === false,
  /** Up and down, as on Stack Exchange; never one's own post. */
  votePost: (c: Context) => canWrite(c) && c.post !== undefined && !ownsPost(c),
  /**
   * Moderators and admins post as often as their work needs (Discourse's staff); everyone else
   * within the posting rate limits of app/posts/limits.server.ts.
   */
  postWithoutRateLimit: (c: Context) => moderator(c) || admin(c),
  /** Someone else's question only: the asker has it already. */
  meToo: (c: Context) => member(c) && c.thread?.kind === "question" && c.thread.removed === false && !asker(c),
  /** The asker, the assigned mentor and the network's moderators (askers often forget); never on a removed thread. */
  acceptAnswer: (c: Context) =>
    c.thread?.kind === "question" &&
    c.thread.removed === false &&
    (asker(c) || assignedMentor(c) || moderator(c) || curator(c)) &&
    member(c),
  editPost: (c: Context) => (ownsPost(c) && canWrite(c)) || moderator(c),
  viewRevisions: (c: Context) => moderator(c) || ownsPost(c),
  /** Acknowledge, hand off, decline: the mentor holding the assignment, while still a mentor here. */
  handleAssignment: (c: Context) => mentor(c) && c.assignment?.mentorId === c.actor!.id,
  /** Every open assignment and the "needs a mentor" queue of the network; reassigning by hand. */
  manageMentoring: (c: Context) => moderator(c) || admin(c),
  /** A mentor keeps their own profile; the network's moderators keep everyone's. */
  editMentorProfile: (c: Context) => moderator(c) || admin(c) || (mentor(c) && c.profile?.userId === c.actor!.id),
  /** Response times are for the people who answer for them: mentors and moderators. */
  viewMentoringReport: (c: Context) => mentor(c) || moderator(c) || admin(c),

  // ── Moderation and the knowledge base ──
  // Admins moderate every network (a members-only network without moderators still needs someone);
  // a moderator of another network has no standing here and is refused.
  /** Members who may write flag someone else's post; one flag per post is the table's unique index. */
  flagPost: (c: Context) => canWrite(c) && c.post !== undefined && !ownsPost(c),
  /** The /mod queue: keep, hide or delete flagged posts, approve held ones. */
  reviewFlags: (c: Context) => moderator(c) || admin(c),
  hidePost: (c: Context) => moderator(c) || admin(c),
  /** Hidden posts and removed threads stay visible, marked, to moderators and to whoever wrote them. */
  seeRemoved: (c: Context) => seesRemoved(c),
  /** A hidden post is as absent as a missing one, but to those who see removed content. */
  seePost: (c: Context) => c.post !== undefined && (!c.post.hidden || seesRemoved(c)),
  lockThread: (c: Context) => moderator(c) || admin(c),
  pinThread: (c: Context) => moderator(c) || admin(c),
  /**
   * Checked in both networks: the mover answers for where the thread leaves and where it lands
   * (`destination`, the actor's standing there; none given, none moderated).
   */
  moveThread: (c: Context) => admin(c) || (moderator(c) && c.destination?.moderator === true),
  closeAsDuplicate: (c: Context) => moderator(c) || admin(c),
  deleteThread: (c: Context) => moderator(c) || admin(c),
  /** The audit log and a member's flags and moderation history. */
  readModerationLog: (c: Context) => moderator(c) || admin(c),
  /** The log's site-wide entries (suspensions, admin changes) belong to no network: admins only. */
  readSiteWideLog: (c: Context) => admin(c),
  /**
   * A member's record (email, standing, flags both ways, history): admins see everyone; a moderator
   * those who belong to a network they moderate, and nobody else.
   */
  viewMemberRecord: (c: Context) => admin(c) || (active(c) && c.record?.inModeratedNetwork === true),
  /** Never oneself, never an admin; only an admin silences a moderator. */
  silenceMember: (c: Context) =>
    (moderator(c) || admin(c)) &&
    c.subject !== undefined &&
    c.subject.userId !== c.actor!.id &&
    !c.subject.admin &&
    (!c.subject.moderator || admin(c)),
  suspendAccount: (c: Context) => admin(c) && c.subject !== undefined && c.subject.userId !== c.actor!.id && !c.subject.admin,
  curateKnowledgeBase: (c: Context) => moderator(c) || admin(c),
  /** "Was this helpful?": anyone signed in who may read the network. */
  rateKnowledgeBase: (c: Context) => active(c) && (c.network?.visibility === "public" || member(c) || admin(c)),

  // ── Files (docs/decisions/024-files.md) ──
  /** Anyone signed in and active uploads into their own pending files; the day's total is the limit. */
  uploadFile: (c: Context) => active(c),
  /**
   * A file is read by whoever may read what it is attached to: a post's file like the post (a
   * hidden post hides its files, a removed thread's files stay with those who see removed
   * content), a module's or an entry's by the network's readers; a pending upload by its uploader
   * only. A file a moderator removed stays with the network's moderators and admins.
   */
  readAttachment: (c: Context) => {
    const file = c.attachment;
    if (!file) return false;
    if (file.removed) return moderator(c) || admin(c);
    if (file.on === "pending") return active(c) && c.actor.id === file.uploaderId;
    if (file.on === "work") return readsWork(c);
    if (file.on === "post")
      return readsNetwork(c) && c.post !== undefined && (!c.post.hidden || seesRemoved(c)) && (!c.thread?.removed || seesRemoved(c));
    return readsNetwork(c);
  },
  /** Taking a file off a post, a module or an entry, with a reason its uploader reads. A teacher's own work is not public: not here. */
  removeAttachment: (c: Context) =>
    c.attachment !== undefined && c.attachment.on !== "pending" && c.attachment.on !== "work" && (moderator(c) || admin(c)),

  // ── Courses (docs/decisions/011-courses.md) ──
  // A curator acts as a moderator within the course: edits it and its modules, keeps its enrolment
  // list, accepts answers to its questions, sees its unanswered list. Hiding, locking and the rest
  // of moderation stay with the network's moderators.
  createCourse: (c: Context) => moderator(c) || admin(c),
  /** A silenced curator keeps reading the course, not writing its pages or lists. */
  manageCourse: (c: Context) => (canWrite(c) && curator(c)) || moderator(c) || admin(c),
  /** Members of the network; a course by enrolment list only for those on the list. */
  enrolInCourse: (c: Context) =>
    member(c) && c.course !== undefined && !c.course.enrolled && (c.course.enrolment === "open" || c.course.listed),
  leaveCourse: (c: Context) => active(c) && c.course?.enrolled === true,
  /** Enrolled teachers, curators and the network's moderators, if they may write in the network. */
  askInCourse: (c: Context) => canWrite(c) && c.course !== undefined && (c.course.enrolled || c.course.curator || moderator(c)),
  viewCourseUnanswered: (c: Context) => curator(c) || moderator(c) || admin(c),

  // ── Course work (docs/decisions/025-course-work.md) ──
  // Tasks are course pages: whoever may manage the course (manageCourse) writes them and its groups.
  // Handed-in work is private: its teacher, the curators who curate the teacher, the network's
  // moderators and admins, nobody else (not other teachers, not search, not the digest).
  /** An enrolled teacher who may write in the network, on their own work (a new one when `work` is absent). */
  writeWork: (c: Context) =>
    canWrite(c) &&
    c.course?.enrolled === true &&
    (c.work === undefined || (ownsWork(c) && (c.work.status === "new" || c.work.status === "draft" || c.work.status === "revise"))),
  readWork: (c: Context) => readsWork(c),
  /** A verdict with a comment, on a version handed in and not yet reviewed; never one's own work. */
  reviewWork: (c: Context) => readsWork(c) && !ownsWork(c) && c.work!.status === "submitted" && (moderator(c) || admin(c) || canWrite(c)),
  /** One question back about the newest review, by the teacher. */
  replyToReview: (c: Context) => ownsWork(c) && member(c) && c.work!.reviewUnanswered,
  /** The review queue, the participation table, the completion list and the review report of a course. */
  viewCourseWork: (c: Context) => curator(c) || moderator(c) || admin(c),
  /** "You have not taken part for a week": a curator who may write, or the network's staff. */
  remindTeacher: (c: Context) => (canWrite(c) && curator(c)) || moderator(c) || admin(c),

  // ── Announcements (docs/decisions/012-announcements-and-digest.md) ──
  // Moderators publish to the whole network or any of its courses; a curator to their own course
  // (the context's course is the audience chosen). Staff of an announcement (receipts, reminders):
  // the network's moderators, admins, and — for a course announcement — that course's curators.
  createAnnouncement: (c: Context) => moderator(c) || admin(c) || (canWrite(c) && curator(c)),
  /** The author while still allowed to publish there, and the network's moderators. */
  editAnnouncement: (c: Context) =>
    moderator(c) || admin(c) || (canWrite(c) && c.announcement?.authorId === c.actor!.id && c.announcement.courseId !== null && curator(c)),
  viewReceipts: (c: Context) => announcementStaff(c),
  /**
   * Its recipients, its staff, its author; everyone else learns nothing, not even that it exists
   * (a 404). A withdrawn one stays readable to the same people, so that an old link or bell says
   * "withdrawn" instead of "not found".
   */
  readAnnouncement: (c: Context) => announcementReader(c),
  /** Its text: withdrawn, only its staff still read it (marked); its readers get the title and "withdrawn on …". */
  readAnnouncementText: (c: Context) => announcementStaff(c) || (announcementReader(c) && !c.announcement?.withdrawn),
  /** Reminders reach hundreds of people: not from a silenced curator. A withdrawn one asks nothing of anyone. */
  remindAnnouncement: (c: Context) => announcementStaff(c) && (moderator(c) || admin(c) || canWrite(c)) && !c.announcement?.withdrawn,
  /** "I have read it": the people it is addressed to (a silenced teacher still reads); never a withdrawn one. */
  acknowledgeAnnouncement: (c: Context) => member(c) && c.announcement?.recipient === true && !c.announcement.withdrawn,
} satisfies Record<string, (c: Context) => boolean>;

export type Action = keyof typeof permissions;

// ── Consequences decided by the same roles ──

/** Three people rarely agree by accident; fewer lets one quarrel hide a colleague's answer. */
export const HIDE_AFTER_MEMBER_FLAGS = 3;

/**
 * Whether a flag hides the post at once, pending a moderator's look: the HIDE_AFTER_MEMBER_FLAGS-th
 * open flag by different members, or one flag from a mentor or moderator of the post's network
 * (someone the network trusts with its questions). The flagger may flag (flagPost) already.
 */
export function flagHidesPost(flagger: Pick<NonNullable<Standing>, "mentor" | "moderator"> | null, openFlags: number): boolean {
  return openFlags >= HIDE_AFTER_MEMBER_FLAGS || flagger?.mentor === true || flagger?.moderator === true;
}

export function can(action: Action, context: Context): boolean {
  return permissions[action](context);
}

/**
 * Whether the action is refused only because the announcement is withdrawn: the route then says so
 * (a banner or a tab drawn before the withdrawal) instead of a bare 403.
 */
export function refusedAsWithdrawn(action: Action, context: Context): boolean {
  const announcement = context.announcement;
  return (
    !can(action, context) &&
    announcement?.withdrawn === true &&
    can(action, { ...context, announcement: { ...announcement, withdrawn: false } })
  );
}
