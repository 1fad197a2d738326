import { z } from "zod";
import { SEARCH_MAX_LENGTH } from "./threads";

/** The most searches one member may save. */
export const SAVED_SEARCHES_MAX = 50;

export const savedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The search box's text, operators and all. */
  q: z.string(),
  scope: z.enum(["tab", "all"]),
  createdAt: z.string(),
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;

export const savedSearchListSchema = z.object({ items: z.array(savedSearchSchema) });
export type SavedSearchList = z.infer<typeof savedSearchListSchema>;

export const savedSearchBodySchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
  q: z.string().trim().min(1, "must not be empty").max(SEARCH_MAX_LENGTH, `must be at most ${SEARCH_MAX_LENGTH} characters`),
  scope: z.enum(["tab", "all"]).default("tab"),
});
export type SavedSearchBody = z.input<typeof savedSearchBodySchema>;
/** A saved search as the server takes it, after the schema (scope defaulted). */
export type NewSavedSearch = z.output<typeof savedSearchBodySchema>;

export const savedSearchIdParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/, "must be a saved search's id"),
});
