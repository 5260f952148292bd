/** Russian: course work (groups). */
export const groups = {
  groups: {},
} as const;
