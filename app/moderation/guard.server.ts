/** Moved to app/permissions/guards.server.ts; kept until the last two moderation routes import it from there. */
export { requireModerator, type ModeratorScope } from "~/permissions/guards.server";
