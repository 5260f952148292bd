import { z } from "zod";
import { message, textField } from "~/utils/validation";

export const TITLE_MIN = 10;
export const TITLE_MAX = 200;
export const BODY_MIN = 20;
export const BODY_MAX = 50_000;
export const TAGS_MIN = 1;
export const TAGS_MAX = 5;
export const TAG_MIN = 2;
export const TAG_MAX = 40;
export const ACCEPT_COMMENT_MIN = 10;
export const ACCEPT_COMMENT_MAX = 500;

/** Tags are typed as one line, separated by commas: «физика, ФГОС, дистанционное обучение». */
export const tagsField = z
  .string({ required_error: message("errors.tagsRequired") })
  .transform((raw) => [
    ...new Set(
      raw
        .split(/[,;\n]/)
        .map((t) => t.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase())
        .filter(Boolean),
    ),
  ])
  .superRefine((tags, ctx) => {
    if (tags.length < TAGS_MIN) ctx.addIssue({ code: "custom", message: message("errors.tagsRequired") });
    else if (tags.length > TAGS_MAX) ctx.addIssue({ code: "custom", message: message("errors.tagsTooMany", TAGS_MAX) });
    else if (tags.some((t) => [...t].length < TAG_MIN || [...t].length > TAG_MAX)) {
      ctx.addIssue({ code: "custom", message: message("errors.tagLength", TAG_MAX) });
    } else if (tags.some((t) => /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069#<>]/u.test(t))) {
      ctx.addIssue({ code: "custom", message: message("errors.tagChars") });
    }
  });

export const bodyField = textField({ min: BODY_MIN, max: BODY_MAX, multiLine: true });

export const askSchema = z.object({
  kind: z.enum(["question", "discussion"], { required_error: message("errors.required") }),
  title: textField({ min: TITLE_MIN, max: TITLE_MAX }),
  body: bodyField,
  tags: tagsField,
});
export type AskInput = z.infer<typeof askSchema>;

export const answerSchema = z.object({ body: bodyField });

export const acceptSchema = z.object({
  postId: z.coerce.number().int().positive(),
  comment: textField({ min: ACCEPT_COMMENT_MIN, max: ACCEPT_COMMENT_MAX, multiLine: true }),
});

export const voteSchema = z.object({
  postId: z.coerce.number().int().positive(),
  value: z.enum(["1", "-1", "0"]).transform(Number),
});

export const LIST_VIEWS = ["active", "unanswered", "unsolved", "solved", "mine", "answered"] as const;
export type ListView = (typeof LIST_VIEWS)[number];
