/**
 * Which mentor gets a question: a pure function of the candidates and the clock, so
 * the rule can be tested branch by branch and the database code stays a loader.
 *
 * Among mentors who are not the asker, not away, not at capacity and not excluded
 * (they already missed, declined or handed off this question): the most tags in common
 * with the question; ties go to the fewest open assignments, then to the one assigned
 * least recently (never assigned counts as longest ago), then to the lower id so the
 * result never depends on row order. Nobody left → null: the moderators' queue.
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
};

export type RankedMentor = { mentor: Candidate; matched: string[] };

export function isAway(candidate: Pick<Candidate, "awayUntil">, now: Date): boolean {
  return candidate.awayUntil !== null && candidate.awayUntil.getTime() > now.getTime();
}

export function hasRoom(candidate: Pick<Candidate, "open" | "capacity">): boolean {
  return candidate.open < candidate.capacity;
}

/** Never assigned sorts as the epoch: longest ago. */
const lastAssigned = (c: Candidate) => c.lastAssignedAt?.getTime() ?? 0;

/** Every eligible mentor, best first; the caller claims them in this order until one has room. */
export function rankMentors({ candidates, questionTags, askerId, exclude = [], now }: ChoiceInput): RankedMentor[] {
  const excluded = new Set(exclude);
  return candidates
    .filter((c) => c.userId !== askerId && !excluded.has(c.userId) && !isAway(c, now) && hasRoom(c))
    .map((mentor) => {
      const theirs = new Set(mentor.tagIds);
      return { mentor, matched: questionTags.filter((t) => theirs.has(t.id)).map((t) => t.name) };
    })
    .sort(
      (a, b) =>
        b.matched.length - a.matched.length ||
        a.mentor.open - b.mentor.open ||
        lastAssigned(a.mentor) - lastAssigned(b.mentor) ||
        a.mentor.userId - b.mentor.userId
    );
}

export function chooseMentor(input: ChoiceInput): RankedMentor | null {
  return rankMentors(input)[0] ?? null;
}
