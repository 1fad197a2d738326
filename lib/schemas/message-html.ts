/**
 * The HTML a message body may hold: paragraphs, line breaks, bold, italic, lists and links, the markup Toloka's
 * page and its mobile apps show as written (Toloka's guide warns that other tags may not survive email and that
 * the apps show even less). One list for everything that makes or judges a body: the visual editor can make only
 * this (components/editor/extensions.ts), the server's sanitiser keeps exactly this (lib/mailbox/sanitize.ts), and
 * the pre-send check calls anything else "HTML beyond basic formatting" (lib/compose/checks.ts). Tests
 * (test/message-html.test.ts, test/editor-html.test.ts) hold the three to it. Imports nothing: the
 * compose form runs the check in the browser.
 */

export const MESSAGE_TAGS = ["p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"] as const;

/** Attributes by tag; `target` and `rel` of a link are set by the sanitiser whatever the message said. */
export const MESSAGE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { a: ["href", "title", "target", "rel"] };

/**
 * Whether a body is read as HTML: it has something that looks like a tag. Otherwise it is plain text, every
 * character as written and line breaks kept. The sanitiser and the editor read a body by this one rule.
 */
export function looksLikeHtml(body: string): boolean {
  return /<\/?[a-z][\s\S]*?>/i.test(body);
}

/** The schemes a link may have (a link without one is relative and kept; one starting with "//" is not). */
export const LINK_SCHEMES = ["http", "https", "mailto"] as const;

const NAMED: Readonly<Record<string, string>> = { colon: ":", tab: "\t", newline: "\n", sol: "/" };

/**
 * The scheme of an href ("javascript" in "javascript:…"), "//" for a protocol-relative one, or null for a relative
 * one. Read as a browser (and the sanitiser) reads it: character references decoded, and the tabs, line breaks and
 * other control characters a browser skips inside a URL taken out, so "jav&#x09;ascript:" is "javascript".
 */
export function hrefScheme(href: string): string | null {
  const h = href
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/gi, (m, name: string) => NAMED[name.toLowerCase()] ?? m)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters a browser drops from a URL
    .replace(/[\u0000-\u0020]/g, "");
  if (h.startsWith("//")) return "//";
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(h);
  return m ? m[1].toLowerCase() : null;
}

/** Whether a link's href survives the sanitiser. */
export function isAllowedHref(href: string): boolean {
  const scheme = hrefScheme(href);
  return scheme === null || (LINK_SCHEMES as readonly string[]).includes(scheme);
}

/**
 * Whether a body has nothing a Toloker would read: no text once tags are taken out (an empty paragraph the editor
 * leaves, spaces, no-break spaces). Such a body is refused like an empty one.
 */
export function isBlankBody(body: string): boolean {
  return (
    body
      .replace(/<[^>]*>/g, "")
      .replace(/&nbsp;|&#160;|&#xa0;|\u00a0/gi, " ")
      .trim() === ""
  );
}
