import { z } from "zod";

/** "Mark as read" beside one notification. */
export const readSchema = z.object({ id: z.coerce.number().int().positive() });
