import crypto from "node:crypto";
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { redirect } from "@remix-run/node";
import { Lucia, type Adapter, type Session, type User } from "lucia";
import { getDb, schema } from "../../db/index";
import { secureCookies } from "~/env.server";
import { loginPath } from "~/paths";

/** What the sessions table keeps of a session token: its SHA-256, never the token itself. */
export function sessionTokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * Lucia's Drizzle adapter with the session id hashed on the way in (the Copenhagen Book): the
 * cookie carries the token, the database its hash, so a copy of the database file or its WAL
 * opens no session. Sessions read back carry the token again, for Lucia to renew the cookie.
 */
function hashedSessions(inner: Adapter): Adapter {
  return {
    async getSessionAndUser(token) {
      const [session, user] = await inner.getSessionAndUser(sessionTokenHash(token));
      return [session ? { ...session, id: token } : null, user];
    },
    getUserSessions: (userId) => inner.getUserSessions(userId),
    setSession: (session) => inner.setSession({ ...session, id: sessionTokenHash(session.id) }),
    updateSessionExpiration: (token, expiresAt) => inner.updateSessionExpiration(sessionTokenHash(token), expiresAt),
    deleteSession: (token) => inner.deleteSession(sessionTokenHash(token)),
    deleteUserSessions: (userId) => inner.deleteUserSessions(userId),
    deleteExpiredSessions: () => inner.deleteExpiredSessions(),
  };
}

const adapter = hashedSessions(new DrizzleSQLiteAdapter(getDb(), schema.sessions, schema.users));

export const lucia = new Lucia(adapter, {
  sessionCookie: {
    name: "kollegi_session",
    attributes: { secure: secureCookies, sameSite: "lax" },
  },
  getUserAttributes: (attributes) => ({
    email: attributes.email,
    displayName: attributes.displayName,
    isAdmin: Boolean(attributes.isAdmin),
    locale: attributes.locale,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    UserId: number;
    DatabaseUserAttributes: {
      email: string;
      displayName: string;
      isAdmin: boolean | number;
      locale: "ru" | "en" | null;
    };
  }
}

export type SessionUser = User;

type Auth = { user: User; session: Session; headers: Headers } | { user: null; session: null; headers: Headers };

/**
 * Who is asking. Lucia extends a session past half its life; when it does, or when the
 * cookie names a dead session, the returned headers carry the new cookie.
 */
export async function getAuth(request: Request): Promise<Auth> {
  const headers = new Headers();
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return { user: null, session: null, headers };
  const { session, user } = await lucia.validateSession(sessionId);
  if (session?.fresh) headers.append("Set-Cookie", lucia.createSessionCookie(session.id).serialize());
  if (!session) headers.append("Set-Cookie", lucia.createBlankSessionCookie().serialize());
  return session && user ? { user, session, headers } : { user: null, session: null, headers };
}

export async function getUser(request: Request): Promise<User | null> {
  return (await getAuth(request)).user;
}

/** Signed-in users only; others go to the login page and come back afterwards. */
export async function requireUser(request: Request): Promise<User> {
  const { user } = await getAuth(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(loginPath(url.pathname + url.search));
  }
  return user;
}

/** A new session at every login (no fixation); returns the Set-Cookie value. */
export async function startSession(userId: number): Promise<string> {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

/** Server-side logout: the session row is gone, not only the cookie. */
export async function endSession(request: Request): Promise<string> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

export { safeRedirect } from "~/utils/safe-redirect";
