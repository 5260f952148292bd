import type { Tx } from "../../db/index";
import { schema } from "../../db/index";

/** What a notification is about; the bell and list come with the mentoring issue. */
export type NotificationKind =
  | "answer" // your question got an answer
  | "accepted" // your answer was accepted
  | "solved" // a question you have too was solved
  | "accept_reminder"; // an answer waits for your acceptance

export function notify(
  tx: Tx,
  rows: Array<{ userId: number; kind: NotificationKind; threadId?: number; postId?: number; data?: unknown }>,
): void {
  if (rows.length === 0) return;
  tx.insert(schema.notifications).values(rows).run();
}
