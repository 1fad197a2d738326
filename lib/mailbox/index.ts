import "server-only";
import { getStore, type Store } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { getTolokaClient, resetTolokaClient } from "@/lib/toloka";
import { getConnection } from "@/lib/toloka/connection";
import { Mailbox } from "./service";
import { forgetSyncState } from "./sync";
import { processSlot } from "@/lib/process-slot";

export { Mailbox } from "./service";

const mailboxSlot = processSlot<Mailbox>("mailbox");

const MIRROR_OWNER_KEY = "mirror.connection";

/**
 * The mirror holds one account's threads. When the connection now in force is another address or key than
 * the one the mirror was filled from, empty it (and cancel that account's unfinished jobs) before syncing.
 */
function claimMirror(store: Store, fingerprint: string): void {
  const owner = store.kv.get(MIRROR_OWNER_KEY);
  if (owner === fingerprint) return;
  if (owner !== null) {
    const removed = store.threads.deleteMany(store.threads.allIds());
    forgetSyncState(store);
    const jobs = store.jobs.unfinished();
    for (const job of jobs) store.jobs.setStatus(job.id, "cancelled", "The Toloka connection changed before the job finished.");
    getLogger().info({ removed, cancelledJobs: jobs.length }, "the Toloka connection changed: the mirror was emptied");
  }
  // A store from before this check adopts the connection in force rather than syncing everything again.
  store.kv.set(MIRROR_OWNER_KEY, fingerprint);
}

/** The process-wide mailbox over the app's store and the Toloka in force; started on first use. */
export function getMailbox(): Mailbox {
  const held = mailboxSlot.get();
  if (held) return held;
  const store = getStore();
  claimMirror(store, getConnection().fingerprint);
  const mailbox = new Mailbox(store, getTolokaClient());
  mailbox.start();
  return mailboxSlot.set(mailbox);
}

/**
 * After the connection changed: stops the mailbox (its timers, jobs and any sync in flight), drops the client,
 * and starts a new mailbox on the new connection with a full sync right away.
 */
export async function reconfigureMailbox(): Promise<void> {
  const old = mailboxSlot.get();
  mailboxSlot.clear();
  resetTolokaClient();
  if (old) await old.stop();
  const mailbox = getMailbox();
  mailbox.touch();
  void mailbox.sync.full({ fresh: true }).catch(() => undefined);
}
