import "server-only";
import sanitizeHtml from "sanitize-html";

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
  const looksLikeHtml = format === "html" && /<\/?[a-z][\s\S]*?>/i.test(input);
  const source = looksLikeHtml ? input : escapeText(input).replace(/\r?\n/g, "<br>");
  return sanitizeHtml(source, {
    allowedTags: ["a", "b", "strong", "i", "em", "u", "s", "br", "p", "ul", "ol", "li", "blockquote", "code", "pre"],
    // target and rel are set by transformTags below, whatever the message said.
    allowedAttributes: { a: ["href", "title", "target", "rel"] },
    allowedSchemes: ["http", "https", "mailto"],
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
