"use client";

import { useCallback, useSyncExternalStore } from "react";

/** How tall the thread list's rows are: "comfortable" (who, topic, a line of the message, chips) or
 * "compact" (two short lines, about twice as many threads on the screen). Kept per browser. */
export type Density = "comfortable" | "compact";

const KEY = "toloka-messages:density";
const EVENT = "toloka-messages:density";

/** A row's height in px, for the virtualiser: these must match what thread-row.tsx draws. */
export const ROW_HEIGHTS = {
  /** Comfortable with pool, project or assignment chips. */
  comfortableMeta: 92,
  /** Comfortable without chips: no empty chip line. */
  comfortable: 73,
  /** Compact: the chips share the second line with the snippet. */
  compact: 45,
} as const;

export function rowHeight(density: Density, hasMeta: boolean): number {
  if (density === "compact") return ROW_HEIGHTS.compact;
  return hasMeta ? ROW_HEIGHTS.comfortableMeta : ROW_HEIGHTS.comfortable;
}

/** Where the choice lives when this browser keeps no storage (some private modes): until the page is left. */
let unstored: Density | null = null;

function read(): Density {
  try {
    return localStorage.getItem(KEY) === "compact" ? "compact" : "comfortable";
  } catch {
    return unstored ?? "comfortable";
  }
}

function subscribe(onChange: () => void): () => void {
  // Another tab (storage) or this one (the event below).
  window.addEventListener("storage", onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** The density in force and a setter that keeps it in this browser. The server renders "comfortable"; the
 * stored choice applies at hydration, before the list's first page has loaded, so rows never show the wrong one. */
export function useDensity(): [Density, (d: Density) => void] {
  const density = useSyncExternalStore(subscribe, read, () => "comfortable" as const);
  const set = useCallback((d: Density) => {
    try {
      localStorage.setItem(KEY, d);
    } catch {
      unstored = d;
    }
    window.dispatchEvent(new Event(EVENT));
  }, []);
  return [density, set];
}
