import { z } from "zod";
import { API_ERROR_CODES } from "./error";

/**
 * What a sync does: `full` reconciles every thread with Toloka (many calls; only a sender or admin may ask for
 * one), `incremental` fetches only what is new (a viewer's Refresh).
 */
export const syncModeSchema = z.enum(["full", "incremental"]);
export type SyncMode = z.infer<typeof syncModeSchema>;

/** When the mirror last matched Toloka, and whether a sync is running or failed (GET/POST /api/sync). */
export const syncStatusSchema = z.object({
  /** ISO time of the last completed sync, or null before the first. */
  lastSyncAt: z.string().nullable(),
  lastFullSyncAt: z.string().nullable(),
  running: syncModeSchema.nullable(),
  /** Why the last sync failed, in words for the page; null when it worked. */
  lastError: z.string().nullable(),
  /** Its kind, as an error code, for a page in another language than English to say it in (common.errors). */
  lastErrorCode: z.enum(API_ERROR_CODES).nullable(),
  /** Toloka refused the token: nothing will work until an admin fixes the connection. */
  unauthorized: z.boolean(),
  threads: z.number().int(),
  /** Threads Toloka sent that could not be read: set aside (the sync went on without them), for an admin to see. */
  unreadable: z.number().int(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** A thread Toloka sent that the app could not read (GET /api/sync/unreadable, admins). */
const unreadableThreadSchema = z.object({
  /** Its id, when even that could be read. */
  id: z.string().optional(),
  reason: z.string(),
  /** Its JSON as Toloka sent it (cut short past a few thousand characters). */
  raw: z.string(),
  seenAt: z.string(),
});
export const unreadableThreadsSchema = z.object({ count: z.number().int(), items: z.array(unreadableThreadSchema) });
export type UnreadableThreads = z.infer<typeof unreadableThreadsSchema>;
