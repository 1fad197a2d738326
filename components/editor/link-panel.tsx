"use client";

import type { Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { errorAria, FieldError } from "@/components/ui/field-error";
import { isEditorHref, normalizeHref } from "./extensions";

/** What an address looks like, in the address field and its error (a URL: the same in every language). */
const ADDRESS_EXAMPLE = "https://toloka.ai/tasks?projectId=…";
const WEB_PREFIX = "https://…";

const INPUT =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm outline-none focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";

/** Whether `href` is a link a browser can follow: it parses, and a web address names a host. */
function parses(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === "mailto:" ? url.pathname.includes("@") : url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** What the panel opens with: the link under the cursor (all of it), or the selected text to make one of. */
function start(editor: Editor) {
  if (editor.isActive("link")) editor.chain().extendMarkRange("link").run();
  const { from, to } = editor.state.selection;
  const href = (editor.getAttributes("link").href as string | undefined) ?? "";
  return { href, text: editor.state.doc.textBetween(from, to, " "), selected: from !== to, editing: Boolean(href) };
}

/**
 * The small dialog that inserts or edits a link (Ctrl/Cmd+K, or the toolbar's Link): the address and the text
 * shown. Enter applies, Escape closes; either way the cursor goes back to where it was in the editor. Not modal:
 * it sits under the toolbar, inside compose's own dialog.
 */
export function LinkPanel({ id, editor, onClose }: { id: string; editor: Editor; onClose(): void }) {
  const t = useTranslations("compose.editor");
  const [initial] = useState(() => start(editor));
  const [href, setHref] = useState(initial.href);
  const [text, setText] = useState(initial.text);
  const [error, setError] = useState<string | null>(null);
  const address = useRef<HTMLInputElement>(null);
  const base = useId();
  useEffect(() => address.current?.focus(), []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const apply = () => {
    const url = normalizeHref(href);
    if (!url) return setError(t("enterAddress"));
    if (!isEditorHref(url) || !parses(url)) return setError(t("badAddress", { example: WEB_PREFIX }));
    const label = text.trim() || url.replace(/^mailto:/, "");
    const chain = editor.chain().focus();
    if (initial.selected && label === initial.text) chain.extendMarkRange("link").setLink({ href: url });
    else chain.insertContent({ type: "text", text: label, marks: [{ type: "link", attrs: { href: url } }] });
    // What is typed next is not part of the link.
    chain.unsetMark("link").run();
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };
  // Enter and Escape are the panel's: neither sends the message nor closes the compose dialog.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") {
      e.preventDefault();
      e.stopPropagation();
      apply();
    }
  };

  return (
    <div
      id={id}
      role="dialog"
      aria-label={initial.editing ? t("editLink") : t("insertLink")}
      onKeyDown={onKeyDown}
      className="border-x border-zinc-300 bg-white p-2 dark:border-zinc-700 dark:bg-zinc-900"
      data-testid="link-panel"
    >
      <div className="grid gap-2 sm:grid-cols-2">
        <label className="block text-xs font-medium">
          {t("linkAddress")}
          <input
            ref={address}
            type="url"
            inputMode="url"
            autoComplete="off"
            // An address (and its example) is a URL, not words.
            translate="no"
            placeholder={ADDRESS_EXAMPLE}
            value={href}
            onChange={(e) => {
              setHref(e.target.value);
              setError(null);
            }}
            {...errorAria(`${base}-error`, error)}
            className={INPUT}
          />
        </label>
        <label className="block text-xs font-medium">
          {t("textToShow")}
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t("textPlaceholder")} className={INPUT} />
        </label>
      </div>
      <FieldError id={`${base}-error`} error={error} className="text-xs" />
      <div className="mt-2 flex flex-wrap justify-end gap-2">
        {initial.editing && (
          <Button size="sm" variant="secondary" onClick={remove}>
            {t("removeLink")}
          </Button>
        )}
        <Button size="sm" variant="secondary" onClick={close}>
          {t("cancel")}
        </Button>
        <Button size="sm" variant="primary" onClick={apply}>
          {initial.editing ? t("updateLink") : t("insertLink")}
        </Button>
      </div>
    </div>
  );
}
