/** The named intents of the page's forms; after a member action, ?done= names the one that happened. Shared with the page. */
export const INTENTS = ["silence", "unsilence", "suspend", "unsuspend"] as const;
export type Intent = (typeof INTENTS)[number];
