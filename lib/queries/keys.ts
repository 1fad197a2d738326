import type { Tab } from "@/lib/schemas/threads";

export interface ListParams {
  tab: Tab;
  q: string;
  scope: "tab" | "all";
}

/** Every query key of the app, in one place, so invalidation can target a family. */
export const queryKeys = {
  threads: ["threads"] as const,
  lists: () => [...queryKeys.threads, "list"] as const,
  list: (p: ListParams) => [...queryKeys.lists(), p] as const,
  head: (p: ListParams) => [...queryKeys.threads, "head", p] as const,
  thread: (id: string) => [...queryKeys.threads, "detail", id] as const,
  counts: () => [...queryKeys.threads, "counts"] as const,
  sync: () => ["sync"] as const,
  unreadable: () => ["sync", "unreadable"] as const,
  job: (id: string) => ["jobs", id] as const,
  skills: () => ["skills"] as const,
  compose: ["compose"] as const,
  drafts: () => [...queryKeys.compose, "drafts"] as const,
  composeStatus: () => [...queryKeys.compose, "status"] as const,
  sends: () => [...queryKeys.compose, "sends"] as const,
  team: () => ["team"] as const,
  savedSearches: () => ["saved-searches"] as const,
  connection: () => ["settings", "connection"] as const,
  myNotifications: () => ["notifications", "mine"] as const,
  teamNotifications: () => ["notifications", "team"] as const,
  toloker: (id: string, pools: string) => ["tolokers", id, pools] as const,
  tolokers: () => ["tolokers"] as const,
  requester: () => ["requester"] as const,
  appeals: () => ["appeals"] as const,
  appealList: () => [...queryKeys.appeals(), "list"] as const,
  appealCount: () => [...queryKeys.appeals(), "count"] as const,
  threadAppeal: (threadId: string) => [...queryKeys.appeals(), "thread", threadId] as const,
  members: () => ["members"] as const,
  threadTeam: (threadId: string) => [...queryKeys.threads, "team", threadId] as const,
  presence: (threadId: string) => ["presence", threadId] as const,
  savedReplies: (q: string, lang: string) => ["saved-replies", q, lang] as const,
  savedReplyLists: () => ["saved-replies"] as const,
  /** The mutation key of a reply in a thread: its variables are the reply still being sent. */
  reply: (threadId: string) => ["reply", threadId] as const,
};
