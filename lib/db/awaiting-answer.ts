/**
 * A thread we sent that nobody has answered yet. Toloka may keep such a thread in UNREAD until its first answer
 * (its docs say so; its compose example does not): it is not unread for the requester, who wrote everything in it.
 * The rule is here once, in the two forms it is needed in: SQL over the mirror's columns, and a predicate.
 */
export const AWAITING_ANSWER_SQL = "(t.in_outbox = 1 AND t.in_inbox = 0 AND t.in_notifications = 0 AND t.toloker_wrote = 0 AND t.admin_wrote = 0)";

/** The same rule over a thread's folders, and whether a Toloker or Toloka's administrator wrote in it. */
export function isAwaitingAnswer(folders: readonly string[], answered: boolean): boolean {
  return folders.includes("OUTBOX") && !folders.includes("INBOX") && !folders.includes("AUTOMATIC_NOTIFICATION") && !answered;
}
