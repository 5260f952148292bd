/** Russian: course work (review). */
export const review = {
  review: {},
} as const;
