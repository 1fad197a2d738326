import "server-only";
import { getStore } from "@/lib/db";
import { getTolokaClient } from "@/lib/toloka";
import { Mailbox } from "./service";

export { Mailbox } from "./service";

const globalForMailbox = globalThis as unknown as { __tolokaMailbox?: Mailbox };

/** The process-wide mailbox over the app's store and the configured Toloka; started on first use. */
export function getMailbox(): Mailbox {
  if (!globalForMailbox.__tolokaMailbox) {
    const mailbox = new Mailbox(getStore(), getTolokaClient());
    mailbox.start();
    globalForMailbox.__tolokaMailbox = mailbox;
  }
  return globalForMailbox.__tolokaMailbox;
}
