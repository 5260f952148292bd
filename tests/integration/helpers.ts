/** Calling Remix loaders and actions the way the server does, against the worker's real SQLite file. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { User } from "lucia";
import { eq } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { hashPassword } from "~/auth/password.server";
import { startSession } from "~/auth/auth.server";
import { instanceFor } from "~/i18n/i18next.server";
import type { Locale } from "~/i18n/i18n";
import { messageText } from "~/utils/validation";

export const BASE = "http://kollegi.test";

let counter = 0;
export function uniqueEmail(prefix = "teacher"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}@example.org`;
}

export function form(path: string, fields: Record<string, string>, init: { cookie?: string; lang?: string } = {}) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Origin: BASE });
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.lang) headers.set("Accept-Language", init.lang);
  return new Request(`${BASE}${path}`, { method: "POST", headers, body: new URLSearchParams(fields) });
}

/**
 * A form with files, as a browser sends it: fields (a repeated name as a list) and files
 * (`{ name, bytes }` under their field). The real multipart body, parsed by the action itself.
 */
export function multipart(
  path: string,
  fields: Record<string, string | string[]>,
  files: { field?: string; name: string; bytes: Uint8Array; type?: string }[] = [],
  init: { cookie?: string; lang?: string } = {},
) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  for (const file of files)
    body.append(file.field ?? "files", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "" }));
  const headers = new Headers({ Origin: BASE });
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.lang) headers.set("Accept-Language", init.lang);
  return new Request(`${BASE}${path}`, { method: "POST", headers, body });
}

export function get(path: string, init: { cookie?: string; lang?: string } = {}) {
  const headers = new Headers();
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.lang) headers.set("Accept-Language", init.lang);
  return new Request(`${BASE}${path}`, { headers });
}

type Handler<A> = (args: A) => Promise<Response> | Response;

/** Runs a loader or action; a thrown Response (redirect, 404, 403) is returned like a normal one. */
export async function run<A extends LoaderFunctionArgs | ActionFunctionArgs>(
  handler: Handler<A>,
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = { clientIp: "192.0.2.1" },
): Promise<Response> {
  try {
    return await handler({ request, params, context } as A);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export function cookieOf(response: Response, name = "kollegi_session"): string {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in the response`);
  return line.split(";")[0]!;
}

let networkCounter = 0;
export function makeNetwork(visibility: "public" | "members" = "public") {
  networkCounter += 1;
  return getDb()
    .insert(schema.networks)
    .values({
      slug: `net-${process.pid}-${networkCounter}`,
      name: `Сеть ${networkCounter}`,
      region: "Томская область",
      timeZone: "Asia/Tomsk",
      visibility,
    })
    .returning()
    .get();
}

const PASSWORD = "проверочная фраза учителя";
let passwordHash: Promise<string> | undefined;

export async function makeUser(options: { isAdmin?: boolean; networkId?: number; mentor?: boolean; moderator?: boolean } = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const db = getDb();
  const user = db
    .insert(schema.users)
    .values({
      email: uniqueEmail(),
      displayName: "Мария Учителева",
      passwordHash: await passwordHash,
      isAdmin: options.isAdmin ?? false,
      homeNetworkId: options.networkId ?? null,
    })
    .returning()
    .get();
  if (options.networkId) {
    db.insert(schema.memberships)
      .values({
        userId: user.id,
        networkId: options.networkId,
        isMentor: options.mentor ?? false,
        isModerator: options.moderator ?? false,
      })
      .run();
  }
  const cookie = (await startSession(user.id)).split(";")[0]!;
  return { ...user, password: PASSWORD, cookie };
}

/** What a loader has in hand after getAuth: the session's copy of an account made by makeUser. */
export const asUser = (account: Pick<User, "id" | "email" | "displayName" | "isAdmin">): User => ({
  id: account.id,
  email: account.email,
  displayName: account.displayName,
  isAdmin: account.isAdmin,
  locale: null,
});

export function membership(userId: number, networkId: number) {
  return getDb()
    .select()
    .from(schema.memberships)
    .where(eq(schema.memberships.userId, userId))
    .all()
    .find((m) => m.networkId === networkId);
}

/**
 * Form messages as a person reads them (the same translation the page does): "errors.tooShort|10"
 * becomes «Не короче 10 символов.», so a value that never reaches its {{placeholder}} shows.
 */
export function words(messages: readonly string[] | undefined, locale: Locale = "ru"): string[] {
  const t = instanceFor(locale).getFixedT(locale);
  return (messages ?? []).map((raw) => messageText(t, raw));
}
