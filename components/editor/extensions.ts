import type { Extensions } from "@tiptap/core";
import Bold from "@tiptap/extension-bold";
import Document from "@tiptap/extension-document";
import HardBreak from "@tiptap/extension-hard-break";
import Italic from "@tiptap/extension-italic";
import Link from "@tiptap/extension-link";
import { BulletList, ListItem, ListKeymap, OrderedList } from "@tiptap/extension-list";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { Placeholder, UndoRedo } from "@tiptap/extensions";
import { hrefScheme, LINK_SCHEMES } from "@/lib/schemas/message-html";

/**
 * What the visual editor is made of: exactly the markup of lib/schemas/message-html.ts, and no attribute but a
 * link's href. Whatever is pasted or loaded is read through this schema, so anything else (a <div>, a style, an
 * image, a heading) is dropped and only its text is kept. test/editor-html.test.ts holds every node and mark to the list.
 */

/** Whether the editor keeps a link to `href`: an absolute link with a scheme messages may carry. */
export function isEditorHref(href: string): boolean {
  const scheme = hrefScheme(href);
  return scheme !== null && scheme !== "//" && (LINK_SCHEMES as readonly string[]).includes(scheme);
}

/** A link as a requester writes it: "toloka.ai/tasks" means https://toloka.ai/tasks, an address means mailto:. */
export function normalizeHref(input: string): string {
  const v = input.trim();
  if (!v) return v;
  if (hrefScheme(v) !== null && hrefScheme(v) !== "//") return v;
  if (v.startsWith("//")) return `https:${v}`;
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(v)) return `mailto:${v}`;
  return `https://${v}`;
}

// A line break is Shift+Enter only: Ctrl/Cmd+Enter sends, as it does in a textarea.
const LineBreak = HardBreak.extend({
  addKeyboardShortcuts() {
    return { "Shift-Enter": () => this.editor.commands.setHardBreak() };
  },
});

// A list starts where the numbering starts: no `start`, no `type` (neither is on the list).
const NumberedList = OrderedList.extend({
  addAttributes() {
    return {};
  },
  renderHTML() {
    return ["ol", 0];
  },
});

// A link is its href: no target, rel or class (the sanitiser sets target and rel for display), no title.
const MessageLink = Link.extend({
  addAttributes() {
    return { href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute("href") } };
  },
  renderHTML({ HTMLAttributes }) {
    const href = typeof HTMLAttributes.href === "string" && isEditorHref(HTMLAttributes.href) ? HTMLAttributes.href : null;
    return ["a", href ? { href } : {}, 0];
  },
}).configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: "https",
  protocols: ["mailto"],
  isAllowedUri: (url) => isEditorHref(url),
  shouldAutoLink: (url) => isEditorHref(normalizeHref(url)),
});

/** The schema's extensions, with nothing that needs a view (the tests build documents with these). */
export const messageSchemaExtensions: Extensions = [
  Document,
  Paragraph.configure({ HTMLAttributes: {} }),
  Text,
  LineBreak,
  Bold,
  Italic,
  BulletList,
  NumberedList,
  ListItem,
  MessageLink,
];

/** Everything the editor runs: the schema, undo, list keys, and the placeholder. */
export function editorExtensions(placeholder: string): Extensions {
  return [...messageSchemaExtensions, ListKeymap, UndoRedo, Placeholder.configure({ placeholder })];
}
