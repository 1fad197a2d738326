"use client";

import { useCallback, useEffect, useRef } from "react";
import type { useSetFlags } from "@/lib/queries/threads";
import type { ThreadDetail } from "@/lib/schemas/threads";

/**
 * Opening an unread thread marks it read, once, for those who may change flags. `keepUnread(id)` says the person
 * made that thread unread on purpose (Mark as unread, `u`): it stays unread while it is open, and is marked read
 * again only when it is opened anew.
 */
export function useAutoRead({
  thread,
  threadId,
  canWrite,
  flags,
}: {
  /** The open thread, once loaded. */
  thread: ThreadDetail | undefined;
  /** The open thread's id, from the URL. */
  threadId: string | null;
  canWrite: boolean;
  flags: ReturnType<typeof useSetFlags>;
}) {
  const markedRead = useRef<string | null>(null);
  useEffect(() => {
    const t = thread;
    if (!t || !canWrite || !t.unread || markedRead.current === t.id) return;
    markedRead.current = t.id;
    flags.mutate({ id: t.id, read: true });
  }, [thread, canWrite, flags]);
  useEffect(() => {
    if (threadId !== markedRead.current) markedRead.current = null;
  }, [threadId]);

  const keepUnread = useCallback((id: string) => {
    markedRead.current = id;
  }, []);
  return { keepUnread };
}
