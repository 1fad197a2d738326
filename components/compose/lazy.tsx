"use client";

import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState, type ComponentType } from "react";
import { Button } from "@/components/ui/button";
import type { ComposePanelProps } from "./compose-panel";

// The compose dialog's body (form, drafts, send progress, filter builder) is a chunk of its own, fetched the first
// time the dialog opens, or earlier when the pointer or focus reaches a button that opens it. The inbox's first
// view shows none of it. A failed fetch (a deploy replaced the chunk, the network dropped) says so and can retry.

type Panel = ComponentType<ComposePanelProps>;

let loaded: Panel | null = null;
let loading: Promise<Panel> | null = null;

export function preloadComposePanel(): Promise<Panel> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import("./compose-panel").then(
    (m) => {
      loaded = m.ComposePanel;
      return loaded;
    },
    (e: unknown) => {
      loading = null; // the next attempt fetches again
      throw e;
    },
  );
  return loading;
}

export function LazyComposePanel(props: ComposePanelProps) {
  const t = useTranslations("compose.lazy");
  const [Panel, setPanel] = useState<Panel | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const waited = useRef(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (Panel || attempt < 0) return;
    waited.current = true;
    let live = true;
    setFailed(false);
    preloadComposePanel().then(
      (p) => live && setPanel(() => p),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [Panel, attempt]);

  // The dialog focused what it had when it opened (its Close button, or Retry); once the form is in, its first field.
  useLayoutEffect(() => {
    if (!Panel || !waited.current) return;
    waited.current = false;
    const dialog = box.current?.closest("dialog");
    const first = dialog?.querySelector<HTMLElement>("[data-autofocus]") ?? box.current?.querySelector<HTMLElement>("input, textarea, select, button");
    if (dialog?.contains(document.activeElement) || document.activeElement === document.body) first?.focus();
  }, [Panel]);

  if (Panel)
    return (
      <div ref={box}>
        <Panel {...props} />
      </div>
    );
  if (failed)
    return (
      <div ref={box} role="alert" className="space-y-3 text-sm" data-testid="compose-load-error">
        <p className="text-red-700 dark:text-red-400">{t("loadFailed")}</p>
        <Button variant="secondary" size="sm" onClick={() => setAttempt((n) => n + 1)}>
          {t("retry")}
        </Button>
      </div>
    );
  return (
    <div
      ref={box}
      role="status"
      aria-live="polite"
      className="flex min-h-40 items-center justify-center text-sm text-zinc-600 dark:text-zinc-400"
      data-testid="compose-loading"
    >
      {t("loading")}
    </div>
  );
}
