import { looksLikeHtml } from "@/lib/schemas/message-html";

/**
 * Moving a message body between the visual editor (HTML) and the plain-text mode without changing what a Toloker
 * reads. Pure string work: the compose form and the reply box use it before the editor's code has loaded.
 */

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&nbsp;/g, "\u00a0")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * A body as the visual editor loads it: HTML as it is, plain text as paragraphs (a blank line between two) with
 * its single line breaks kept. What the sanitiser shows of a plain body reads the same.
 */
export function bodyToHtml(body: string): string {
  if (!body.trim()) return "";
  if (looksLikeHtml(body)) return body;
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/**
 * What the plain-text mode shows of the editor's HTML: plain text when the HTML is nothing but paragraphs and line
 * breaks (so switching back and forth changes nothing), else the HTML itself (formatting is never dropped).
 */
export function htmlToBody(html: string): { body: string; formatted: boolean } {
  if (!html.trim()) return { body: "", formatted: false };
  const paragraphs = /^(?:<p>(?:[^<]|<br\s*\/?>)*<\/p>)+$/.test(html);
  if (!paragraphs) return { body: html, formatted: true };
  const text = html
    .slice(3, -4)
    .split("</p><p>")
    .map((p) => unescapeHtml(p.replace(/<br\s*\/?>/g, "\n")))
    .join("\n\n");
  // Only if the text loads back as the same HTML: a "<b>" typed as text, two line breaks in a row or an empty
  // paragraph would not, and stay HTML.
  return bodyToHtml(text) === html ? { body: text, formatted: false } : { body: html, formatted: true };
}

/** A body as the text a reader sees, line breaks kept: for a reply shown before Toloka has it. */
export function bodyToText(body: string): string {
  if (!looksLikeHtml(body)) return body;
  return unescapeHtml(
    body
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|li)>\s*/gi, "\n")
      .replace(/<li>/gi, "• ")
      .replace(/<[^>]*>/g, ""),
  ).trim();
}
