"use client";

import { useCallback, useSyncExternalStore } from "react";

/** How a requester writes: the visual editor, or plain text (HTML typed by hand, as before the editor). */
export type EditorMode = "visual" | "plain";

const KEY = "toloka-messages:editor-mode";
const listeners = new Set<() => void>();

function read(): EditorMode {
  try {
    return localStorage.getItem(KEY) === "plain" ? "plain" : "visual";
  } catch {
    return "visual";
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The mode this browser writes in, the same for compose and replies, kept across reloads. */
export function useEditorMode(): [EditorMode, (mode: EditorMode) => void] {
  const mode = useSyncExternalStore(subscribe, read, () => "visual" as const);
  const set = useCallback((next: EditorMode) => {
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // private mode: the choice lasts as long as the page
    }
    for (const l of listeners) l();
  }, []);
  return [mode, set];
}
