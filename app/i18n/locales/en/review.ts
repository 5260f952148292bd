import type { English } from "../types";
import type { review as ru } from "../ru/review";

export const review = {
  review: {},
} as const satisfies English<typeof ru>;
