import type { English } from "../types";
import type { errors as ru } from "../ru/errors";

/** English: messages shared by every form and error page. */
export const errors = {
  errors: {
    required: "Please fill in this field.",
    tooShort_one: "At least {{count}} character.",
    tooShort_other: "At least {{count}} characters.",
    tooLong_one: "At most {{count}} character.",
    tooLong_other: "At most {{count}} characters.",
    email: "This does not look like an email address.",
    emailTaken: "This email is already registered. Log in instead.",
    unknownEmail: "There is no account with this email. Ask your colleague to sign up first.",
    controlChars: "The text contains invisible control characters. Please remove them.",
    commonPassword: "This password is too common and easy to guess. Please choose another.",
    passwordIsEmail: "The password must not be your email address.",
    wrongPassword: "Wrong email or password.",
    wrongCurrentPassword: "The current password is wrong.",
    unknownNetwork: "There is no such network. Please choose one from the list.",
    networkByInvitation:
      "This network is joined by its moderator's invitation. Please choose an open network from the list; a moderator can invite you to the closed one.",
    unknownTimeZone: "Unknown time zone.",
    slugFormat: "Lowercase latin letters, digits and hyphens only.",
    slugTaken: "Another network already uses this address.",
    throttled: "Too many failed attempts. Please try again after {{time}}.",
    tagsRequired: "Add at least one tag: a subject or a topic.",
    tagsTooMany: "At most {{count}} tags.",
    tagLength: "Each tag is 2 to {{count}} characters.",
    tagChars: "A tag contains characters that are not allowed.",
    duplicatePost: "You have just posted the same text. If that was on purpose, wait five minutes.",
    postingTooFast: "At most {{count}} posts a minute. Please wait a minute and send it again: your text is still in the form.",
    threadsPerDay: "At most {{count}} new threads a day. You can go on tomorrow; your text is still in the form.",
    newAccountThreads:
      "On your first day you can start at most {{count}} threads. This protects against spam; the limit goes away tomorrow.",
    newAccountAnswers:
      "On your first day you can write at most {{count}} answers. This protects against spam; the limit goes away tomorrow.",
    notAnAnswer: "This answer is not in the thread.",
    formHeading: "Please check the form",
    notFoundTitle: "Page not found",
    notFound: "There is no such page. It may have been removed, or the address has a typo.",
    forbiddenTitle: "Access denied",
    forbidden: "You are not allowed to do this.",
    serverTitle: "Something went wrong",
    server: "We know about the error. Please reload the page in a minute.",
    backHome: "Home",
  },
} satisfies English<typeof ru>;
