import { and, eq } from "drizzle-orm";
import { getDb, schema } from "../../db/index";
import { hashPassword, isCommonPassword, verifyPassword } from "~/auth/password.server";
import { clearAccountFailures, lockedUntil, passwordBuckets, recordEvent, signupBuckets } from "~/auth/throttle.server";
import { lucia } from "~/auth/auth.server";
import type { ProfileInput, RegisterInput } from "./schemas";
import { claimInvites } from "~/courses/invites.server";
import { can, type Actor } from "~/permissions/permissions";
import type { MessageKey } from "~/i18n/keys";

const { users, memberships, networks } = schema;

/** A field-level failure: the message key goes next to the field. */
export type FieldError<F extends string> = { ok: false; field: F; error: MessageKey };

/** Rules a schema cannot check alone (they need the email or a list). */
export function passwordProblem(password: string, email: string): MessageKey | null {
  if (isCommonPassword(password)) return "errors.commonPassword";
  if (password.trim().toLowerCase() === email.toLowerCase()) return "errors.passwordIsEmail";
  return null;
}

function networkIdBySlug(slug: string): number | undefined {
  return getDb().select({ id: networks.id }).from(networks).where(eq(networks.slug, slug)).get()?.id;
}

/** Who a person signing up is to the permission rules: an account like any other, in no network yet. */
const NEWCOMER: Actor = { id: 0, isAdmin: false, suspended: false };

/**
 * A new account joins its home network by the same rule as joining from the network page
 * (`joinNetwork`): members-only networks are joined by a moderator's invitation, never by sign-up.
 */
export function mayRegisterInto(network: { visibility: "public" | "members" }): boolean {
  return can("joinNetwork", { actor: NEWCOMER, network, standing: null });
}

/** Too many attempts: when to try again (the page says so, the response carries Retry-After). */
export type Throttled = { ok: false; reason: "throttled"; retryAt: Date };

export async function registerUser(
  input: RegisterInput,
  ip: string | null,
  now = new Date(),
): Promise<{ ok: true; userId: number } | FieldError<"email" | "password" | "homeNetwork"> | Throttled> {
  const retryAt = lockedUntil(signupBuckets(ip), now);
  if (retryAt) return { ok: false, reason: "throttled", retryAt };
  const problem = passwordProblem(input.password, input.email);
  if (problem) return { ok: false, field: "password", error: problem };
  const db = getDb();
  const home = db
    .select({ id: networks.id, visibility: networks.visibility })
    .from(networks)
    .where(eq(networks.slug, input.homeNetwork))
    .get();
  if (!home) return { ok: false, field: "homeNetwork", error: "errors.unknownNetwork" };
  if (!mayRegisterInto(home)) return { ok: false, field: "homeNetwork", error: "errors.networkByInvitation" };
  const homeNetworkId = home.id;
  if (db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
    return { ok: false, field: "email", error: "errors.emailTaken" };
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const userId = db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({
          email: input.email,
          displayName: input.displayName,
          passwordHash,
          school: input.school,
          subjects: input.subjects,
          homeNetworkId,
        })
        .returning({ id: users.id })
        .get();
      tx.insert(memberships).values({ userId: user.id, networkId: homeNetworkId }).run();
      // A curator may have put this address on a course's enrolment list before the account existed.
      claimInvites(tx, user.id);
      return user.id;
    });
    recordEvent(signupBuckets(ip), now);
    return { ok: true, userId };
  } catch (error) {
    // Two sign-ups with one address at the same moment: the unique index decides.
    if (error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE") {
      return { ok: false, field: "email", error: "errors.emailTaken" };
    }
    throw error;
  }
}

/** Verified against when the email is unknown, so both cases take the same time. */
let decoyHash: Promise<string> | undefined;

export type LoginResult = { ok: true; userId: number; locale: "ru" | "en" | null } | { ok: false; reason: "credentials" } | Throttled;

export async function checkLogin(email: string, password: string, ip: string | null, now = new Date()): Promise<LoginResult> {
  const keys = { account: email, ip };
  const retryAt = lockedUntil(passwordBuckets(keys), now);
  if (retryAt) return { ok: false, reason: "throttled", retryAt };
  const user = getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, locale: users.locale })
    .from(users)
    .where(eq(users.email, email))
    .get();
  decoyHash ??= hashPassword("decoy password for unknown emails");
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  if (!user || !valid) {
    recordEvent(passwordBuckets(keys), now);
    return { ok: false, reason: "credentials" };
  }
  clearAccountFailures(keys);
  return { ok: true, userId: user.id, locale: user.locale };
}

export function getAccount(userId: number) {
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      school: users.school,
      subjects: users.subjects,
      locale: users.locale,
      homeNetwork: networks.slug,
    })
    .from(users)
    .leftJoin(networks, eq(networks.id, users.homeNetworkId))
    .where(eq(users.id, userId))
    .get();
}

export function updateProfile(userId: number, input: ProfileInput): { ok: true } | FieldError<"homeNetwork"> {
  const db = getDb();
  let homeNetworkId: number | null = null;
  if (input.homeNetwork) {
    const id = networkIdBySlug(input.homeNetwork);
    const isMember =
      id !== undefined &&
      db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.networkId, id)))
        .get();
    if (!isMember) return { ok: false, field: "homeNetwork", error: "errors.unknownNetwork" };
    homeNetworkId = id;
  }
  db.update(users)
    .set({
      displayName: input.displayName,
      school: input.school,
      subjects: input.subjects,
      homeNetworkId,
      ...(input.locale ? { locale: input.locale } : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId))
    .run();
  return { ok: true };
}

export function setLocale(userId: number, locale: "ru" | "en"): void {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}

/**
 * A changed password ends every session of the user (a thief's included);
 * the caller starts a fresh one for the person who changed it. The current password is
 * throttled like a login: a stolen session must not become a way to guess it.
 */
export async function changePassword(
  input: { userId: number; currentPassword: string; newPassword: string; ip: string | null },
  now = new Date(),
): Promise<{ ok: true } | FieldError<"currentPassword" | "newPassword"> | Throttled> {
  const { userId, currentPassword, newPassword } = input;
  const db = getDb();
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return { ok: false, field: "currentPassword", error: "errors.wrongCurrentPassword" };
  const buckets = passwordBuckets({ account: user.email, ip: input.ip });
  const retryAt = lockedUntil(buckets, now);
  if (retryAt) return { ok: false, reason: "throttled", retryAt };
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    recordEvent(buckets, now);
    return { ok: false, field: "currentPassword", error: "errors.wrongCurrentPassword" };
  }
  clearAccountFailures({ account: user.email, ip: input.ip });
  const problem = passwordProblem(newPassword, user.email);
  if (problem) return { ok: false, field: "newPassword", error: problem };
  const passwordHash = await hashPassword(newPassword);
  db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).run();
  await lucia.invalidateUserSessions(userId);
  return { ok: true };
}
