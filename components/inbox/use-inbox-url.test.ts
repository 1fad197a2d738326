import { describe, expect, it } from "vitest";
import { inboxHref, searchSuffix } from "./use-inbox-url";

const at = (qs: string) => new URLSearchParams(qs);

describe("the inbox's address", () => {
  it("opens and closes a thread, keeping the search", () => {
    expect(inboxHref("inbox", at(""), { thread: "t1" })).toBe("/messages/inbox?thread=t1");
    expect(inboxHref("inbox", at("q=pool&thread=t1"), { thread: null })).toBe("/messages/inbox?q=pool");
    expect(inboxHref("sent", at("q=pool&scope=all"), { thread: "t2" })).toBe("/messages/sent?q=pool&scope=all&thread=t2");
  });

  it("leaves out the default scope, and any scope without a query", () => {
    expect(inboxHref("inbox", at("q=pool&scope=all"), { scope: "tab" })).toBe("/messages/inbox?q=pool");
    expect(inboxHref("inbox", at(""), { scope: "all" })).toBe("/messages/inbox");
    expect(inboxHref("inbox", at("q=pool&scope=all"), { q: "" })).toBe("/messages/inbox");
    expect(inboxHref("important", at("q=pool"), { scope: "all" })).toBe("/messages/important?q=pool&scope=all");
  });

  it("changes only what the change names", () => {
    expect(inboxHref("inbox", at("q=a&thread=t1"), { q: "b" })).toBe("/messages/inbox?q=b&thread=t1");
    expect(inboxHref("inbox", at("q=a&thread=t1"), {})).toBe("/messages/inbox?q=a&thread=t1");
  });

  it("keeps the search, and only the search, on a link to another tab", () => {
    expect(searchSuffix("", "all")).toBe("");
    expect(searchSuffix("a b&c", "tab")).toBe("?q=a%20b%26c");
    expect(searchSuffix("pool", "all")).toBe("?q=pool&scope=all");
  });
});
