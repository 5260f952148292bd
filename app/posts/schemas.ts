import { z } from "zod";
import { bodyField, TITLE_MAX, TITLE_MIN } from "~/threads/schemas";
import { optionalTextField, textField } from "~/utils/validation";

/** A line in the post's history, not a second post: what changed, in a sentence. */
export const EDIT_REASON_MAX = 200;

/** Editing a post: the body; for an opening post, the thread's title too; and why, optionally. */
export const editSchema = z.object({
  title: textField({ min: TITLE_MIN, max: TITLE_MAX }).optional(),
  body: bodyField,
  reason: optionalTextField({ max: EDIT_REASON_MAX }),
});
