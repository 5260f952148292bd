/** Environment, checked once at start: a bad value stops start-up with a clear message. */
import { z } from "zod";

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).optional(),
  /** Cookies carry Secure in production unless this says false (plain-HTTP intranets, the bench). */
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  /**
   * Demo networks and users on the first run of an empty database: `npm run demo` sets it;
   * a production start never makes accounts nobody asked for (docs/decisions/013-demo-mode.md).
   */
  SEED_DEMO: z.enum(["true", "false"]).default("false"),
  /** Where email digests are sent through (smtp://host:port or smtps://user:pass@host); unset: no digests, the option is hidden. */
  SMTP_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//.test(v), "must start with smtp:// or smtps://")
      .optional(),
  ),
  /** The From of digest emails. */
  MAIL_FROM: z.string().min(3).default("Коллеги <no-reply@localhost>"),
  /** The site's address as teachers reach it, for links in emails (no trailing slash needed). */
  PUBLIC_URL: z
    .string()
    .url()
    .default("http://localhost:3000")
    .transform((v) => v.replace(/\/+$/, "")),
});

function parseEnv() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment variables:\n${problems}`);
  }
  return parsed.data;
}

export const env = parseEnv();

export const secureCookies = env.NODE_ENV === "production" && env.COOKIE_SECURE !== "false";
