/** Email through SMTP_URL (nodemailer). Without SMTP_URL there is no mail: the digest option is hidden. */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/env.server";
import { DIGEST_INTERVAL_MS, runDigests, type Send } from "./digest.server";

const transports = new Map<string, Transporter>();
const FIRST_PASS_DELAY_MS = 60_000;

export function digestAvailable(): boolean {
  return env.SMTP_URL !== undefined;
}

export function smtpSender(url: string, from: string): Send {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  const ready = transport;
  return async (message) => {
    await ready.sendMail({ from, ...message });
  };
}

/** One pass with the configured server; does nothing without SMTP_URL. */
export async function sendDueDigests(now = new Date()) {
  if (!env.SMTP_URL) return null;
  return runDigests(now, smtpSender(env.SMTP_URL, env.MAIL_FROM), env.PUBLIC_URL);
}

/** The job in the server process: every DIGEST_INTERVAL_MS, never two passes of this process at once. */
export function startDigestJob(): void {
  if (!env.SMTP_URL) return;
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      await sendDueDigests();
    } catch (error) {
      console.error("digest job failed", error);
    } finally {
      running = false;
    }
  };
  // A first pass a minute after start: a server restarted more often than the interval still sends.
  setTimeout(() => void pass(), FIRST_PASS_DELAY_MS).unref();
  setInterval(() => void pass(), DIGEST_INTERVAL_MS).unref();
}
