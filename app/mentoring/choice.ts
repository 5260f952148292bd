/**
 * Which mentor gets a question: a pure function of the candidates and the clock, so
 * the rule can be tested branch by branch and the database code stays a loader.
 *
 * Among mentors who are not the asker, not away, not at capacity and not excluded
 * (they already missed, declined or handed off this question): the most tags in common
 * with the question; ties go to the fewest open assignments, then to the one assigned
 * least recently (never assigned counts as longest ago), then to the lower id so the
 * result never depends on row order. Nobody left → null: the moderators' queue.
 *
 * A question asked in a course module goes first to the course's own people among those
 * mentors: its curators, then mentors enrolled in it (docs/decisions/011-courses.md). They know
 * the course's material and deadlines; tags and load decide among them as among everyone.
 */

export type Candidate = {
  userId: number;
  name: string;
  tagIds: number[];
  capacity: number;
  /** Open assignments in this network right now. */
  open: number;
  awayUntil: Date | null;
  lastAssignedAt: Date | null;
};

export type QuestionTag = { id: number; name: string };

export type ChoiceInput = {
  candidates: Candidate[];
  questionTags: QuestionTag[];
  askerId: number;
  /** Mentors who must not get this question again. */
  exclude?: Iterable<number>;
  now: Date;
  /** For a question in a course module: the course's curators and enrolled teachers. */
  course?: { curators: Set<number>; enrolled: Set<number> } | null;
};

/** Why a mentor ranks first for a course question: they curate the course, or they are enrolled in it. */
export type CourseTie = "curator" | "enrolled";

export type RankedMentor = { mentor: Candidate; matched: string[]; course?: CourseTie };

const COURSE_RANK: Record<CourseTie, number> = { curator: 2, enrolled: 1 };

export function isAway(candidate: Pick<Candidate, "awayUntil">, now: Date): boolean {
  return candidate.awayUntil !== null && candidate.awayUntil.getTime() > now.getTime();
}

export function hasRoom(candidate: Pick<Candidate, "open" | "capacity">): boolean {
  return candidate.open < candidate.capacity;
}

/** Never assigned sorts as the epoch: longest ago. */
const lastAssigned = (c: Candidate) => c.lastAssignedAt?.getTime() ?? 0;

/** Every eligible mentor, best first; the caller claims them in this order until one has room. */
export function rankMentors({ candidates, questionTags, askerId, exclude = [], now, course }: ChoiceInput): RankedMentor[] {
  const excluded = new Set(exclude);
  const tieOf = (userId: number): CourseTie | undefined =>
    course?.curators.has(userId) ? "curator" : course?.enrolled.has(userId) ? "enrolled" : undefined;
  const rank = (r: RankedMentor) => (r.course ? COURSE_RANK[r.course] : 0);
  return candidates
    .filter((c) => c.userId !== askerId && !excluded.has(c.userId) && !isAway(c, now) && hasRoom(c))
    .map((mentor): RankedMentor => {
      const theirs = new Set(mentor.tagIds);
      const tie = tieOf(mentor.userId);
      return { mentor, matched: questionTags.filter((t) => theirs.has(t.id)).map((t) => t.name), ...(tie ? { course: tie } : {}) };
    })
    .sort(
      (a, b) =>
        rank(b) - rank(a) ||
        b.matched.length - a.matched.length ||
        a.mentor.open - b.mentor.open ||
        lastAssigned(a.mentor) - lastAssigned(b.mentor) ||
        a.mentor.userId - b.mentor.userId,
    );
}

export function chooseMentor(input: ChoiceInput): RankedMentor | null {
  return rankMentors(input)[0] ?? null;
}
