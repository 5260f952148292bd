import type { English } from "../types";
import type { ru } from "../ru";
import { layout } from "./layout";
import { networks } from "./networks";
import { admin } from "./admin";
import { auth } from "./auth";
import { settings } from "./settings";
import { profile } from "./profile";
import { errors } from "./errors";
import { threads } from "./threads";
import { mentoring } from "./mentoring";
import { notifications } from "./notifications";
import { moderation } from "./moderation";
import { kb } from "./kb";
import { courses } from "./courses";
import { search } from "./search";
import { announcements } from "./announcements";
import { digest } from "./digest";
import { files } from "./files";
import { materials } from "./materials";
import { work } from "./work";
import { review } from "./review";
import { groups } from "./groups";

/** English: the same keys as Russian less the Russian-only plural forms, feature by feature. */
export const en = {
  ...layout,
  ...networks,
  ...admin,
  ...auth,
  ...settings,
  ...profile,
  ...errors,
  ...threads,
  ...mentoring,
  ...notifications,
  ...moderation,
  ...kb,
  ...courses,
  ...search,
  ...announcements,
  ...digest,
  ...files,
  ...materials,
  ...work,
  ...review,
  ...groups,
} satisfies English<typeof ru>;
