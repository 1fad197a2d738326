import "server-only";
import { ComposeService, type ComposeOptions } from "@/lib/compose/service";
import { getConfig } from "@/lib/config";
import { getStore, type Store } from "@/lib/db";
import { JobRunner } from "@/lib/jobs/runner";
import { getLogger } from "@/lib/log";
import { Mailbox, type MailboxOptions } from "@/lib/mailbox/service";
import { Mirror } from "@/lib/mailbox/mirror";
import { NotificationService, type NotifyOptions } from "@/lib/notify/service";
import { forgetSyncState, MailboxSync } from "@/lib/mailbox/sync";
import { processSlot } from "@/lib/process-slot";
import { getTolokaClient, resetTolokaClient } from "@/lib/toloka";
import type { TolokaClient } from "@/lib/toloka/client";
import { getConnection } from "@/lib/toloka/connection";
import { TolokerService, type TolokerOptions } from "@/lib/tolokers/service";
import { WorkflowService } from "@/lib/workflow/service";

/**
 * The composition root: every service of the app built once, each handed what it works with. Routes take what
 * they need from `services()`; no service builds another.
 */
export interface Services {
  store: Store;
  client: TolokaClient;
  /** The one writer of the local copy of the threads. */
  mirror: Mirror;
  sync: MailboxSync;
  jobs: JobRunner;
  mailbox: Mailbox;
  compose: ComposeService;
  /** The Toloker panel, appeals and the actions on a Toloker. */
  tolokers: TolokerService;
  /** The team's workflow: owners, statuses, notes, presence, saved replies (the app store only, never Toloka). */
  workflow: WorkflowService;
  /** Notifications to the team by email and webhook: `record(...)` queues, a timer sends digests. */
  notify: NotificationService;
  /** Resumes unfinished jobs (every kind is registered by then) and starts the sync timer. */
  start(): void;
  /** Stops the timer and the jobs (items in flight finish) and waits for a sync in flight. */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  mailbox?: MailboxOptions;
  /** Sending: batches in flight, attempts, settling (see ComposeService). */
  compose?: ComposeOptions;
  tolokers?: TolokerOptions;
  /** The mail server, the window, the app's address (services() hands it the config; without, email is off). */
  notify?: NotifyOptions;
}

/** Wires the services over a store and a Toloka client; nothing runs until `start()`. */
export function buildServices(store: Store, client: TolokaClient, opts: ServiceOptions = {}): Services {
  const mirror = new Mirror(store);
  const sync = new MailboxSync(store, client, mirror);
  const jobs = new JobRunner(store);
  // Each registers its job kinds with the runner, which must happen before start() resumes unfinished jobs.
  const mailbox = new Mailbox({ store, client, mirror, sync, jobs }, opts.mailbox);
  const compose = new ComposeService({ store, client, jobs, mirror }, opts.compose);
  const tolokers = new TolokerService({ store, client, jobs, mailbox }, opts.tolokers);
  const notify = new NotificationService({ store, appeals: () => tolokers.appeals().items }, opts.notify);
  const workflow = new WorkflowService({ store, notifier: notify });
  // A Toloker's new message tells the thread's owner, or (nobody owns it) the members who asked to hear of those.
  // The first fill of an empty mirror tells nobody: every thread is new to it then.
  mirror.onTolokerMessages((news) => {
    const events = news
      .filter((n) => !n.isNew || sync.isReady())
      .map((n) => {
        const owner = store.workflow.get(n.threadId)?.ownerId;
        return { kind: "message" as const, threadId: n.threadId, recipients: owner ? [owner] : [], topic: n.topic, text: n.text, tolokerId: n.tolokerId };
      });
    try {
      if (events.length) notify.record(events);
    } catch (error) {
      getLogger().error({ err: error }, "could not queue the notifications of new messages");
    }
  });
  return {
    store,
    client,
    mirror,
    sync,
    jobs,
    mailbox,
    compose,
    tolokers,
    workflow,
    notify,
    start() {
      jobs.resumeAll();
      mailbox.start();
      tolokers.start();
      notify.start();
    },
    async stop() {
      // The timer stops at once; then what is in flight (job items, a sync) finishes.
      await Promise.all([mailbox.stop(), tolokers.stop(), jobs.stop(), notify.stop()]);
    },
  };
}

const servicesSlot = processSlot<Services>("services");

/** The notifications' settings from the environment (SMTP_URL, SMTP_FROM, NOTIFY_DIGEST_SECONDS, NEXTAUTH_URL). */
function notifyOptions(): NotifyOptions {
  const { notify, auth } = getConfig();
  return { smtp: notify.smtpUrl ?? null, from: notify.from, windowMs: notify.digestSeconds * 1000, appUrl: auth.url };
}

const MIRROR_OWNER_KEY = "mirror.connection";

/**
 * The mirror holds one account's threads. When the connection now in force is another address or key than
 * the one the mirror was filled from, empty it (and cancel that account's unfinished jobs) before syncing.
 */
function claimMirror(app: Services, fingerprint: string): void {
  const { store } = app;
  const owner = store.kv.get(MIRROR_OWNER_KEY);
  if (owner === fingerprint) return;
  if (owner !== null) {
    const removed = app.mirror.empty();
    forgetSyncState(store);
    const jobs = store.jobs.unfinished();
    for (const job of jobs) store.jobs.setStatus(job.id, "cancelled", "The Toloka connection changed before the job finished.");
    getLogger().info({ removed, cancelledJobs: jobs.length }, "the Toloka connection changed: the mirror was emptied");
  }
  // A store from before this check adopts the connection in force rather than syncing everything again.
  store.kv.set(MIRROR_OWNER_KEY, fingerprint);
}

/** The process-wide services over the app's store and the Toloka in force; built and started on first use. */
export function services(): Services {
  const held = servicesSlot.get();
  if (held) return held;
  const app = buildServices(getStore(), getTolokaClient(), { notify: notifyOptions() });
  claimMirror(app, getConnection().fingerprint);
  app.start();
  return servicesSlot.set(app);
}

/**
 * After the connection changed: stops the services (timers, jobs and any sync in flight), drops the client, and
 * starts them again on the new connection with a full sync right away.
 */
export async function reconfigureServices(): Promise<void> {
  const old = servicesSlot.get();
  servicesSlot.clear();
  resetTolokaClient();
  if (old) await old.stop();
  const { mailbox, sync } = services();
  mailbox.touch();
  void sync.full({ fresh: true }).catch(() => undefined);
}
