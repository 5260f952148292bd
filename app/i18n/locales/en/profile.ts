import type { English } from "../types";
import type { profile as ru } from "../ru/profile";

/** English: member profiles. */
export const profile = {
  profile: {
    school: "School",
    subjects: "Subjects",
    networks: "Networks",
    asked: "Questions asked",
    answered: "Answers given",
    accepted: "Answers accepted",
    helpedMost: "Where they help most",
    recentQuestions: "Recent questions",
    edit: "Edit profile",
  },
} satisfies English<typeof ru>;
