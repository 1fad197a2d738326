import { describe, expect, it } from "vitest";
import { describeFilters, hasFilters, parseSearch, withOperator } from "./query";

const ok = (input: string) => {
  const r = parseSearch(input);
  if (!r.ok) throw new Error(r.error);
  return r.query;
};
const err = (input: string) => {
  const r = parseSearch(input);
  if (r.ok) throw new Error(`parsed: ${input}`);
  return r;
};

describe("parseSearch", () => {
  it("keeps words and phrases, the last word open while typing", () => {
    expect(ok('payment "not received" late')).toMatchObject({ text: 'payment "not received" late', lastWordOpen: true, exclude: [] });
    expect(ok("payment ").lastWordOpen).toBe(false);
    expect(ok('"a phrase"').lastWordOpen).toBe(false);
    expect(ok("").text).toBe("");
  });

  it("reads every operator, in any case, with words around them", () => {
    const q = ok(
      'late FROM:ABCDEF12 pool:123 project:p_9 assignment:00a-1 is:unread is:Important has:replies-off before:2026-03-01 after:2026-01-31 -spam -"old news" word',
    );
    expect(q).toEqual({
      text: "late word",
      lastWordOpen: true,
      exclude: ["spam", "old news"],
      from: "abcdef12",
      pool: "123",
      project: "p_9",
      assignment: "00a-1",
      unread: true,
      important: true,
      repliesOff: true,
      before: "2026-03-01",
      after: "2026-01-31",
    });
    expect(hasFilters(q)).toBe(true);
    expect(describeFilters(q)).toContain("pool 123");
    expect(describeFilters(q)).toContain("without “old news”");
  });

  it("does not count an operator at the end as a word being typed", () => {
    expect(ok("late pool:1")).toMatchObject({ text: "late", lastWordOpen: false });
  });

  it("has no filters for words alone", () => {
    expect(hasFilters(ok("just words"))).toBe(false);
  });

  it("refuses an unknown operator, naming it", () => {
    const r = err("hello label:x");
    expect(r.operator).toBe("label:");
    expect(r.error).toContain("label:");
    expect(r.error).toContain("from:");
  });

  it.each([
    ["from:12345", "from:"],
    ["from:xyzxyzxyz", "from:"],
    [`from:${"a".repeat(33)}`, "from:"],
    ["pool:", "pool:"],
    ["pool:a/b", "pool:"],
    [`project:${"x".repeat(65)}`, "project:"],
    ["is:read", "is:"],
    ["has:attachment", "has:"],
    ["before:2026-02-30", "before:"],
    ["after:yesterday", "after:"],
    ["pool:1 pool:2", "pool:"],
    ["is:unread is:unread", "is:"],
  ])("refuses %s, naming %s", (input, operator) => {
    const r = err(input);
    expect(r.operator).toBe(operator);
    expect(r.error).toMatch(new RegExp(operator.replace(":", ":")));
  });

  it("takes a lone dash and an unclosed quote as words", () => {
    expect(ok("- a")).toMatchObject({ text: "- a", exclude: [] });
    expect(ok('"open phr').text).toBe('"open phr"');
  });

  it("never throws on odd input", () => {
    for (const s of ['"', "-", ":", "a:", "::", '-""', "\u0000", "é:ü", "http://x.y"]) expect(() => parseSearch(s)).not.toThrow();
  });
});

describe("withOperator", () => {
  it("adds an operator, replacing an earlier value", () => {
    expect(withOperator("", "pool", "1")).toBe("pool:1");
    expect(withOperator("late pool:1", "pool", "2")).toBe("late pool:2");
    expect(withOperator("late", "project", "9")).toBe("late project:9");
  });
});
