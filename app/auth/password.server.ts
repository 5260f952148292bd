import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

/** Lucia's recommended argon2id parameters (OWASP's minimum: 19 MiB, 2 passes). */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password, ARGON2_OPTIONS);
  } catch {
    return false;
  }
}

/** Russian keyboard walks and words the English list does not have. */
const RUSSIAN_COMMON = [
  "йцукенгшщз",
  "йцукенгшщзх",
  "йцукенгшщзхъ",
  "фывапролдж",
  "фывапролджэ",
  "ячсмитьбю",
  "пароль1234",
  "парольпароль",
  "1234567890",
  "0987654321",
  "1q2w3e4r5t",
  "1q2w3e4r5t6y",
  "q1w2e3r4t5",
  "qwertyuiop",
  "asdfghjkl;",
  "zxcvbnm,./",
  "gfhjkmgfhjkm",
  "ntcnntcnntcn",
  "administrator",
  "uchitel1234",
  "учитель1234",
  "учительница",
];

const COMMON = new Set([...dictionary.passwords, ...RUSSIAN_COMMON].map((p) => p.toLowerCase()));

/** Passwords every cracker tries first, whatever their length or case. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  // "aaaaaaaaaa", "1111111111": one repeated character.
  return /^(.)\1*$/u.test(lower);
}
