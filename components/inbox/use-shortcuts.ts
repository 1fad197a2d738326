"use client";

import { useEffect, useRef } from "react";
import { type ShortcutHandlers, shortcutAction } from "./shortcuts";

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/**
 * Runs the handler of the shortcut a key press names (the table in `shortcuts.ts`), unless a modifier is held,
 * someone is typing, a dialog is open, or the key is Enter on a focused button (the button's own). A key that is
 * a shortcut is taken, even when its handler has nothing to do; any other key is left alone.
 */
export function useShortcuts(handlers: ShortcutHandlers) {
  // The listener stays; it reads the handlers of the latest render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target) || document.querySelector("dialog[open]")) return;
      if (e.key === "Enter" && (e.target as HTMLElement).tagName === "BUTTON") return;
      const action = shortcutAction(e.key);
      if (!action) return;
      latest.current[action]();
      e.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
