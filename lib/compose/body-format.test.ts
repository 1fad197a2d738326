import { describe, expect, it } from "vitest";
import { isBlankBody } from "@/lib/schemas/message-html";
import { bodyToHtml, htmlToBody } from "./body-format";

describe("a body between the plain-text mode and the visual editor", () => {
  it("loads plain text as paragraphs with its line breaks, every character as text", () => {
    expect(bodyToHtml("Hello,\nthe pool is open.\n\nThanks & bye <3")).toBe("<p>Hello,<br>the pool is open.</p><p>Thanks &amp; bye &lt;3</p>");
    expect(bodyToHtml("  \n ")).toBe("");
  });

  it("loads HTML as it is", () => {
    expect(bodyToHtml('<p>See <a href="https://toloka.ai">this</a></p>')).toBe('<p>See <a href="https://toloka.ai">this</a></p>');
  });

  it("shows unformatted HTML as the plain text it came from, and back again unchanged", () => {
    for (const text of ["One line", "Two\nlines", "First paragraph\n\nSecond & last < 3"]) {
      const html = bodyToHtml(text);
      expect(htmlToBody(html)).toEqual({ body: text, formatted: false });
    }
  });

  it("keeps formatted HTML as HTML, and HTML whose text would read differently", () => {
    for (const html of [
      "<p><strong>Bold</strong></p>",
      "<ul><li><p>item</p></li></ul>",
      "<p>a<br><br>b</p>",
      "<p></p><p>x</p>",
      "<p>&lt;b&gt;typed&lt;/b&gt;</p>",
    ]) {
      expect(htmlToBody(html)).toEqual({ body: html, formatted: true });
    }
  });

  it("counts an empty paragraph or spaces as nothing written", () => {
    expect(isBlankBody("<p></p>")).toBe(true);
    expect(isBlankBody("<p>&nbsp; <br></p>")).toBe(true);
    expect(isBlankBody("<p>x</p>")).toBe(false);
    expect(isBlankBody("plain")).toBe(false);
  });
});
