/** The named intents of the page's forms; after a thread tool, ?done= names the one that happened. Shared with the page. */
export const INTENTS = ["lock", "unlock", "pin", "unpin", "move", "duplicate", "reopen", "delete", "restore"] as const;
export type Intent = (typeof INTENTS)[number];
