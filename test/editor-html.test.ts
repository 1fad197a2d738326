// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";
import { findDisallowedHtml } from "@/lib/compose/checks";
import { sanitizeMessageHtml } from "@/lib/mailbox/sanitize";
import { MESSAGE_TAGS } from "@/lib/schemas/message-html";
import { messageSchemaExtensions, normalizeHref } from "@/components/editor/extensions";

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

/** What the editor makes of `html`: loaded (as a draft or a paste is), then written out. */
function throughEditor(html: string): string {
  editor?.destroy();
  editor = new Editor({ extensions: messageSchemaExtensions, content: html });
  return editor.getHTML();
}

// What the sanitiser does to a body it keeps, whatever the message said: a link's target and rel set, and <br>
// written <br />.
const displayed = (html: string) =>
  sanitizeMessageHtml(html)
    .replace(/<br \/>/g, "<br>")
    .replace(/ target="_blank" rel="noopener noreferrer nofollow"/g, "");

const EVERYTHING =
  '<p>Plain, <strong>bold</strong>, <em>italic</em>, <strong><em>both</em></strong>, a <a href="https://toloka.ai/tasks?projectId=1">link</a>,<br>a line break.</p>' +
  "<ul><li><p>one</p></li><li><p>two</p><ol><li><p>nested</p></li></ol></li></ul>" +
  '<ol><li><p><a href="mailto:team@example.com">mail</a></p></li></ol>';

describe("the visual editor's output and the one allowlist", () => {
  it("makes every node and mark it has as allowed HTML, which the sanitiser keeps as written", () => {
    const out = throughEditor(EVERYTHING);
    expect(out).toBe(EVERYTHING);
    expect(findDisallowedHtml(out)).toEqual([]);
    expect(displayed(out)).toBe(out);
    // Every tag the editor wrote is on the list.
    const tags = new Set([...out.matchAll(/<([a-z]+)/g)].map((m) => m[1]));
    for (const tag of tags) expect(MESSAGE_TAGS as readonly string[]).toContain(tag);
  });

  it("writes its own output out unchanged (a draft reloads exactly)", () => {
    const once = throughEditor(EVERYTHING);
    expect(throughEditor(once)).toBe(once);
  });

  it.each([
    ['<div style="color:red" class="MsoNormal"><span style="font-size:20px">Styled</span> text</div>', "<p>Styled text</p>"],
    ["<h1>Title</h1><p>Body</p>", "<p>Title</p><p>Body</p>"],
    ['<p>Look <img src="https://x.example/a.png" alt="pic"> here</p>', "<p>Look here</p>"],
    ['<p><a href="javascript:alert(1)">bad</a> <a href="/relative">rel</a> <a href="//x.example">pr</a></p>', "<p>bad rel pr</p>"],
    ['<p><a href="https://ok.example" target="_self" rel="opener" title="t" class="c">ok</a></p>', '<p><a href="https://ok.example">ok</a></p>'],
    ['<ol start="3" type="a" style="list-style-type: lower-alpha"><li>three</li></ol>', "<ol><li><p>three</p></li></ol>"],
    [
      "<p><u>u</u> <s>s</s> <code>c</code> <sub>2</sub></p><blockquote>q</blockquote><table><tr><td>cell</td></tr></table>",
      "<p>u s c 2</p><p>q</p><p>cell</p>",
    ],
    ['<b style="font-weight:normal" id="docs-internal-guid-1"><span style="font-weight:700">Docs bold</span></b>', "<p><strong>Docs bold</strong></p>"],
    ["<script>alert(1)</script><p>after</p>", "<p>after</p>"],
  ])("reads %s keeping only allowed markup", (input, expected) => {
    const out = throughEditor(input);
    expect(out).toBe(expected);
    expect(findDisallowedHtml(out)).toEqual([]);
    expect(displayed(out)).toBe(out);
  });

  it("writes a link the way a requester types it", () => {
    expect(normalizeHref("toloka.ai/tasks")).toBe("https://toloka.ai/tasks");
    expect(normalizeHref("  https://x.example ")).toBe("https://x.example");
    expect(normalizeHref("team@example.com")).toBe("mailto:team@example.com");
    expect(normalizeHref("//cdn.example/x")).toBe("https://cdn.example/x");
  });
});
