/**
 * The HTML a message body may hold: links and basic formatting, the markup Toloka and its apps show as written.
 * One list for everything that judges a body: the server's sanitiser keeps exactly this (lib/mailbox/sanitize.ts),
 * and the pre-send check calls anything else "HTML beyond basic formatting" (lib/compose/checks.ts). A test
 * (test/message-html.test.ts) holds the two to it. Imports nothing: the compose form runs the check in the browser.
 */

export const MESSAGE_TAGS = ["a", "b", "strong", "i", "em", "u", "s", "br", "p", "ul", "ol", "li", "blockquote", "code", "pre"] as const;

/** Attributes by tag; `target` and `rel` of a link are set by the sanitiser whatever the message said. */
export const MESSAGE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { a: ["href", "title", "target", "rel"] };

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
