import "server-only";
import sanitizeHtml from "sanitize-html";
import { LINK_SCHEMES, looksLikeHtml, MESSAGE_ATTRIBUTES, MESSAGE_TAGS } from "@/lib/schemas/message-html";

/**
 * How a body is written. Requesters (links to their tasks), Toloka's administrators and its notices write HTML;
 * Tolokers write plain text, in which "<b>", "a<b and c>d" or "<script>" are characters they typed.
 */
export type BodyFormat = "html" | "text";

/**
 * Message bodies may carry HTML (requesters insert links). Only links and basic formatting survive;
 * links open in a new tab without handing the opener over. Plain text (all of a Toloker's, and HTML-free
 * bodies of the others) is escaped, every character shown as written, line breaks kept.
 */
export function sanitizeMessageHtml(input: string, format: BodyFormat = "html"): string {
  const source = format === "html" && looksLikeHtml(input) ? input : escapeText(input).replace(/\r?\n/g, "<br>");
  return sanitizeHtml(source, {
    // The one allowlist (lib/schemas/message-html.ts); target and rel are set by transformTags below.
    allowedTags: [...MESSAGE_TAGS],
    allowedAttributes: Object.fromEntries(Object.entries(MESSAGE_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
    allowedSchemes: [...LINK_SCHEMES],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: "_blank", rel: "noopener noreferrer nofollow" },
      }),
    },
  });
}

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The plain text of a body, for list snippets and search. */
export function plainText(input: string, format: BodyFormat = "html"): string {
  if (format === "text") return input.replace(/\s+/g, " ").trim();
  return sanitizeHtml(input.replace(/<br\s*\/?>/gi, " "), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
