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

  it("gives plain text for snippets", () => {
    expect(plainText('Hi <a href="x">there</a>,<br>you &amp; me')).toBe("Hi there, you & me");
  });
});
