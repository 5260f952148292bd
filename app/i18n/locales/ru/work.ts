/** Russian: course work (work). */
export const work = {
  work: {},
} as const;
