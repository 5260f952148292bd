import type { English } from "../types";
import type { digest as ru } from "../ru/digest";

/** English: the e-mail digest. */
export const digest = {
  digest: {
    heading: "Email digest",
    intro:
      "Once a day or once a week: new announcements, answers to your questions, and questions assigned to you as a mentor. Nothing new, no email.",
    label: "Send me a digest",
    off: "Never",
    daily: "Daily",
    weekly: "Weekly (on Mondays)",
    save: "Save",
    saved: "Digest settings saved.",
    subject: "Kollegi: your digest for {{date}}",
    greeting: "Hello, {{name}}!",
    announcements: "New announcements",
    answers: "New answers to your questions",
    assigned: "Questions waiting for your answer as a mentor",
    answerBy: "answer by {{deadline}}",
    overdue: "deadline passed {{deadline}}",
    answerIn: "{{name}} in “{{title}}”",
    settingsLink: "Change or turn off the digest: {{url}}",
    settingsLinkHtml: "Change or turn off the digest",
    footer: "You receive this email because you turned on the digest on Kollegi.",
    dailyHint: "Every morning after 7:00 in your network's time zone ({{zone}}), when there is something new.",
    weeklyHint: "On Mondays after 7:00: everything new from the past week.",
    unavailable: "Email is not set up on this server, so the email digest is not available. Notifications on the site work as usual.",
    errors: {
      choice: "Choose one of the options: never, daily or weekly.",
    },
  },
} satisfies English<typeof ru>;
