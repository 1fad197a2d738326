import { z } from "zod";

/** When the mirror last matched Toloka, and whether a sync is running or failed (GET/POST /api/sync). */
export const syncStatusSchema = z.object({
  /** ISO time of the last completed sync, or null before the first. */
  lastSyncAt: z.string().nullable(),
  lastFullSyncAt: z.string().nullable(),
  running: z.enum(["full", "incremental"]).nullable(),
  /** Why the last sync failed, in words for the page; null when it worked. */
  lastError: z.string().nullable(),
  /** Toloka refused the token: nothing will work until an admin fixes the connection. */
  unauthorized: z.boolean(),
  threads: z.number().int(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
