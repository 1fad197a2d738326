"use client";

import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { bodyToHtml, htmlToBody } from "@/lib/compose/body-format";
import { cn } from "@/components/ui/cn";
import type { FieldWatch } from "@/components/ui/use-touched";
import { editorExtensions } from "./extensions";
import { LinkPanel } from "./link-panel";
import { type EditorMode, useEditorMode } from "./mode";

export interface MessageEditorProps {
  /** The id of the editable element (the textbox), in either mode. */
  id: string;
  /** The id of the element that names the field ("Text", "Reply text (EN)"). */
  labelId: string;
  /** The body: the editor's HTML, or what the plain-text mode holds (plain text, or HTML typed by hand). */
  value: string;
  onChange(value: string): void;
  placeholder: string;
  describedBy?: string;
  invalid?: boolean;
  /** Ctrl/Cmd+Enter. */
  onSubmit?(): void;
  /** What tells the form the field was touched, on the whole field (toolbar included). */
  watch?: FieldWatch;
  /** The height of the writing area, in lines. */
  rows?: number;
  /** Shown at the end of the toolbar (the preview's toggle). */
  toolbarEnd?: ReactNode;
}

const BOX =
  "block w-full rounded-b-md border border-t-0 border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus-within:border-blue-600 focus-within:ring-2 focus-within:ring-blue-600/30 dark:border-zinc-700 dark:bg-zinc-900";

const isMod = (e: { ctrlKey: boolean; metaKey: boolean }) => e.ctrlKey || e.metaKey;

// The toolbar's shortcuts, as aria-keyshortcuts writes them (key names, the same in every language).
const BOLD_KEYS = "Control+B";
const ITALIC_KEYS = "Control+I";
const LINK_KEYS = "Control+K";

/**
 * The message editor: a visual editor that can make only what Toloka shows (lib/schemas/message-html.ts), or a
 * plain-text mode for those who prefer it. Keyboard: Ctrl/Cmd+B bold, +I italic, +K link, +Enter send;
 * Shift+Enter a line break; "- " or "1. " starts a list. The mode is this browser's choice, for every editor.
 */
export function MessageEditor(props: MessageEditorProps) {
  const t = useTranslations("compose.editor");
  const [mode, setMode] = useEditorMode();
  const [note, setNote] = useState<string | null>(null);
  const switchTo = (next: EditorMode) => {
    if (next === mode) return;
    if (next === "plain") {
      const { body, formatted } = htmlToBody(props.value);
      if (body !== props.value) props.onChange(body);
      setNote(formatted ? t("formattedNote") : null);
    } else setNote(null);
    setMode(next);
  };
  return (
    <div {...props.watch} data-testid="message-editor" data-mode={mode}>
      {mode === "visual" ? (
        <VisualEditor {...props} onPlain={() => switchTo("plain")} />
      ) : (
        <PlainEditor {...props} note={note} onVisual={() => switchTo("visual")} />
      )}
    </div>
  );
}

/** The toolbar's buttons move with the arrow keys, one Tab stop for all (the toolbar pattern). */
function Toolbar({ label, controls, children }: { label: string; controls: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>("button:not([disabled])") ?? [])];
  // One Tab stop: the first button, or the one last used.
  useEffect(() => {
    const all = items();
    if (all.some((b) => b.tabIndex === 0)) return;
    for (const [i, b] of all.entries()) b.tabIndex = i === 0 ? 0 : -1;
  });
  const onKeyDown = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const to =
      e.key === "ArrowRight"
        ? (at + 1) % all.length
        : e.key === "ArrowLeft"
          ? (at - 1 + all.length) % all.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? all.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    for (const [i, b] of all.entries()) b.tabIndex = i === to ? 0 : -1;
    all[to].focus();
  };
  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={label}
      aria-controls={controls}
      onKeyDown={onKeyDown}
      className="flex flex-wrap items-center gap-0.5 rounded-t-md border border-zinc-300 bg-zinc-50 px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-800/60"
    >
      {children}
    </div>
  );
}

function ToolButton({
  label,
  keys,
  pressed,
  onPress,
  children,
  className,
}: {
  label: string;
  keys?: string;
  pressed?: boolean;
  onPress(): void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={keys}
      title={keys ? `${label} (${keys.replace("Control+", "Ctrl+")})` : label}
      // Keep the editor's selection: the command applies to what is selected.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPress}
      className={cn(
        "inline-flex h-8 min-w-8 items-center justify-center rounded px-1.5 text-sm text-zinc-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-blue-600 aria-pressed:bg-zinc-300 aria-pressed:text-zinc-950 dark:text-zinc-200 dark:hover:bg-zinc-700 dark:aria-pressed:bg-zinc-600 dark:aria-pressed:text-white",
        className,
      )}
    >
      {children}
    </button>
  );
}

/** A toolbar icon: strokes on a 24-unit grid, in the text's colour. */
function Icon({ d }: { d: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
}

function ModeButton({ plain, onPress }: { plain: boolean; onPress(): void }) {
  const t = useTranslations("compose.editor");
  return (
    <ToolButton label={t("plainText")} pressed={plain} onPress={onPress} className="ml-auto text-xs">
      {t("plainText")}
    </ToolButton>
  );
}

function VisualEditor({
  id,
  labelId,
  value,
  onChange,
  placeholder,
  describedBy,
  invalid,
  onSubmit,
  rows = 7,
  toolbarEnd,
  onPlain,
}: MessageEditorProps & { onPlain(): void }) {
  const t = useTranslations("compose.editor");
  const [linking, setLinking] = useState(false);
  const panelId = useId();
  // The latest props for the editor's handlers, which are made once.
  const latest = useRef({ onChange, onSubmit, openLink: () => setLinking(true) });
  latest.current = { onChange, onSubmit, openLink: () => setLinking(true) };
  // What the editor last said the body is: a value from outside (a fix applied, a draft restored) is loaded.
  const emitted = useRef(value);

  const attributes = {
    id,
    role: "textbox",
    "aria-multiline": "true",
    "aria-labelledby": labelId,
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(invalid ? { "aria-invalid": "true" } : {}),
    // What is written is the requester's, not the interface's: not for a page translator.
    translate: "no",
    class: "message-body outline-none",
    style: `min-height: ${rows * 1.25}rem`,
  };
  const editor = useEditor({
    extensions: editorExtensions(placeholder),
    content: bodyToHtml(value),
    immediatelyRender: false,
    editorProps: {
      attributes,
      handleKeyDown: (_view, e) => {
        if (!isMod(e)) return false;
        if (e.key === "Enter") {
          e.preventDefault();
          latest.current.onSubmit?.();
          return true;
        }
        if (e.key === "k" || e.key === "K") {
          e.preventDefault();
          latest.current.openLink();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: ed }) => {
      const html = ed.isEmpty ? "" : ed.getHTML();
      emitted.current = html;
      latest.current.onChange(html);
    },
  });

  useEffect(() => {
    if (!editor || value === emitted.current) return;
    emitted.current = value;
    editor.commands.setContent(bodyToHtml(value), { emitUpdate: false });
  }, [editor, value]);

  // The accessible name, the error and the description follow the form.
  const attrsKey = JSON.stringify(attributes);
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: JSON.parse(attrsKey) } });
  }, [editor, attrsKey]);

  const state = useEditorState({
    editor,
    selector: ({ editor: ed }: { editor: Editor | null }) => ({
      bold: ed?.isActive("bold") ?? false,
      italic: ed?.isActive("italic") ?? false,
      bullets: ed?.isActive("bulletList") ?? false,
      numbers: ed?.isActive("orderedList") ?? false,
      link: ed?.isActive("link") ?? false,
    }),
  });
  const run = (fn: (e: Editor) => void) => () => {
    if (editor) fn(editor);
  };

  return (
    <>
      <Toolbar label={t("formatting")} controls={id}>
        <ToolButton label={t("bold")} keys={BOLD_KEYS} pressed={state?.bold} onPress={run((e) => e.chain().focus().toggleBold().run())}>
          <b>{t("boldGlyph")}</b>
        </ToolButton>
        <ToolButton label={t("italic")} keys={ITALIC_KEYS} pressed={state?.italic} onPress={run((e) => e.chain().focus().toggleItalic().run())}>
          <i className="font-serif">{t("italicGlyph")}</i>
        </ToolButton>
        <ToolButton label={t("bullets")} pressed={state?.bullets} onPress={run((e) => e.chain().focus().toggleBulletList().run())}>
          <Icon d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" />
        </ToolButton>
        <ToolButton label={t("numbers")} pressed={state?.numbers} onPress={run((e) => e.chain().focus().toggleOrderedList().run())}>
          <Icon d="M10 6h10M10 12h10M10 18h10M4 4.5h1.5v4M4 8.5h3M4 14.5c.5-.7 2.8-.9 2.8.6 0 1-2.8 2-2.8 3h3" />
        </ToolButton>
        <ToolButton label={state?.link ? t("editLink") : t("link")} keys={LINK_KEYS} pressed={state?.link} onPress={() => setLinking(true)}>
          <Icon d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
        </ToolButton>
        <ModeButton plain={false} onPress={onPlain} />
        {toolbarEnd}
      </Toolbar>
      {linking && editor && <LinkPanel id={panelId} editor={editor} onClose={() => setLinking(false)} />}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a click in the box's padding writes in the editor; the keyboard reaches the editor itself. */}
      <div className={cn(BOX, "cursor-text", invalid && "border-red-600")} onClick={() => editor?.commands.focus()}>
        {editor ? (
          <EditorContent editor={editor} />
        ) : (
          <div className="message-body whitespace-pre-wrap text-zinc-500" style={{ minHeight: `${rows * 1.25}rem` }}>
            {value ? "" : placeholder}
          </div>
        )}
      </div>
    </>
  );
}

function PlainEditor({
  id,
  labelId,
  value,
  onChange,
  placeholder,
  describedBy,
  invalid,
  onSubmit,
  rows = 7,
  toolbarEnd,
  note,
  onVisual,
}: MessageEditorProps & { note: string | null; onVisual(): void }) {
  const t = useTranslations("compose.editor");
  const noteId = useId();
  return (
    <>
      <Toolbar label={t("formatting")} controls={id}>
        <span className="px-1.5 text-xs text-zinc-600 dark:text-zinc-400">{t("plainHint")}</span>
        <ModeButton plain onPress={onVisual} />
        {toolbarEnd}
      </Toolbar>
      <textarea
        id={id}
        aria-labelledby={labelId}
        aria-describedby={[note ? noteId : undefined, describedBy].filter(Boolean).join(" ") || undefined}
        aria-invalid={invalid || undefined}
        value={value}
        placeholder={placeholder}
        rows={rows}
        maxLength={20000}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && isMod(e)) {
            e.preventDefault();
            onSubmit?.();
          }
        }}
        className={cn(BOX, "resize-y aria-[invalid=true]:border-red-600")}
      />
      {note && (
        <p id={noteId} className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          {note}
        </p>
      )}
    </>
  );
}
