"use client";

import { useTranslations } from "next-intl";
import { Component, lazy, Suspense, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { MessageEditorProps } from "./message-editor";

// The editor (Tiptap and ProseMirror) is a chunk of its own, fetched when a reply box first shows: the inbox's
// first view carries none of it. Until it is in, and if it cannot be fetched, a plain textarea takes the text, so
// nothing typed meanwhile is lost (the editor loads it as paragraphs).
const Editor = lazy(() => import("./message-editor").then((m) => ({ default: m.MessageEditor })));

function PlainFallback({ id, labelId, value, onChange, placeholder, describedBy, invalid, onSubmit, rows = 7, note }: MessageEditorProps & { note?: string }) {
  return (
    <div data-testid="message-editor" data-mode="loading">
      <textarea
        id={id}
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        value={value}
        placeholder={placeholder}
        rows={rows}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onSubmit?.();
          }
        }}
        className={cn(
          "mt-[2.3rem] block w-full resize-y rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 dark:border-zinc-700 dark:bg-zinc-900",
          note && "mt-0",
        )}
      />
      {note && <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">{note}</p>}
    </div>
  );
}

class LoadBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function LazyMessageEditor(props: MessageEditorProps) {
  const t = useTranslations("compose.editor");
  return (
    <LoadBoundary fallback={<PlainFallback {...props} note={t("loadFailed")} />}>
      <Suspense fallback={<PlainFallback {...props} />}>
        <Editor {...props} />
      </Suspense>
    </LoadBoundary>
  );
}
