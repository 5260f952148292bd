import type { English } from "../types";
import type { work as ru } from "../ru/work";

export const work = {
  work: {},
} as const satisfies English<typeof ru>;
