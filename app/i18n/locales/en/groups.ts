import type { English } from "../types";
import type { groups as ru } from "../ru/groups";

export const groups = {
  groups: {},
} as const satisfies English<typeof ru>;
