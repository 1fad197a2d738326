import { describe, expect, it } from "vitest";
import { plainText, sanitizeMessageHtml } from "./sanitize";

describe("sanitizeMessageHtml", () => {
  it("keeps links and basic formatting, opening links in a new tab", () => {
    const out = sanitizeMessageHtml('See <a href="https://toloka.ai/tasks?projectId=1">the task</a> <b>now</b>');
    expect(out).toContain('href="https://toloka.ai/tasks?projectId=1"');
    expect(out).toContain('target="_blank"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
    expect(out).toContain("<b>now</b>");
  });

  it("removes scripts, event handlers and javascript: links", () => {
    const out = sanitizeMessageHtml(
      '<img src=x onerror=alert(1)><script>alert(2)</script><a href="javascript:alert(3)" onclick="x()">x</a><svg onload=alert(4)>',
    );
    expect(out).not.toMatch(/script|onerror|onclick|onload|javascript:|<img|<svg/i);
  });

  it("shows plain text as text, escaping what looks like markup, keeping line breaks", () => {
    expect(sanitizeMessageHtml("a < b & c > d\nnext")).toBe("a &lt; b &amp; c &gt; d<br />next");
  });

  it("shows a Toloker's text as they typed it: markup-looking characters are text, nothing is dropped", () => {
    const typed = "I typed <script>alert(1)</script> and a<b and c>d, then <img src=x onerror=alert(2)> &lt;ok&gt;\nbye";
    const out = sanitizeMessageHtml(typed, "text");
    expect(out).toBe(
      "I typed &lt;script&gt;alert(1)&lt;/script&gt; and a&lt;b and c&gt;d, then &lt;img src=x onerror=alert(2)&gt; &amp;lt;ok&amp;gt;<br />bye",
    );
    expect(out).not.toMatch(/<(?!br \/>)/);
    // An unclosed tag used to swallow the rest of the message.
    expect(sanitizeMessageHtml("before <script> after", "text")).toBe("before &lt;script&gt; after");
  });

  it("gives plain text for snippets", () => {
    expect(plainText('Hi <a href="x">there</a>,<br>you &amp; me')).toBe("Hi there, you & me");
  });

  it("gives a Toloker's text for snippets as typed, whitespace folded", () => {
    expect(plainText("Is <b>this</b> a <script>bug</script>?\n  &amp; more", "text")).toBe("Is <b>this</b> a <script>bug</script>? &amp; more");
  });
});
