/** The digest settings form; the message is an i18n key, shown beside the choice in the reader's language. */
import { z } from "zod";
import { message } from "~/utils/validation";

export const DIGEST_CHOICES = ["off", "daily", "weekly"] as const;
export type DigestChoice = (typeof DIGEST_CHOICES)[number];

export const digestSchema = z.object({
  digest: z.enum(DIGEST_CHOICES, { errorMap: () => ({ message: message("digest.errors.choice") }) }),
});
