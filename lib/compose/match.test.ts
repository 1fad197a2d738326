import { describe, expect, it } from "vitest";
import type { WireComposeForm, WireThread } from "@/lib/toloka/wire";
import { isThreadOf } from "./service";

const ids = ["a".repeat(32), "b".repeat(32)];
const form: WireComposeForm = { topic: { EN: "New pools" }, text: { EN: "Hello,\nnew pools." }, recipients_select_type: "DIRECT", recipients_ids: ids, answerable: true };

function thread(over: Partial<WireThread> & { text?: Record<string, string> } = {}): WireThread {
  const { text, ...rest } = over;
  return {
    id: "6b018c270000000000000001",
    topic: { EN: "New pools" },
    created: "2025-06-01T10:00:00",
    answerable: true,
    folders: ["OUTBOX"],
    compose_details: { recipients_select_type: "DIRECT", recipients_ids: [...ids].reverse() },
    messages: [
      { text: { EN: "a later reply" }, from: { id: "r", role: "REQUESTER" }, created: "2025-06-01T11:00:00" },
      { text: text ?? { EN: "Hello,\r\nnew pools. " }, from: { id: "r", role: "REQUESTER" }, created: "2025-06-01T10:00:00" },
    ],
    ...rest,
  };
}

describe("which OUTBOX thread a compose call made", () => {
  it("the same recipients in any order, topic, first text (whitespace aside) and answerable", () => {
    expect(isThreadOf(thread(), form)).toBe(true);
  });
  it("not another recipient set, topic, text, flag or kind of send", () => {
    expect(isThreadOf(thread({ compose_details: { recipients_select_type: "DIRECT", recipients_ids: [ids[0]] } }), form)).toBe(false);
    expect(isThreadOf(thread({ compose_details: { recipients_select_type: "DIRECT", recipients_ids: [...ids, "c".repeat(32)] } }), form)).toBe(false);
    expect(isThreadOf(thread({ topic: { EN: "New pool" } }), form)).toBe(false);
    expect(isThreadOf(thread({ topic: { EN: "New pools", RU: "Новые пулы" } }), form)).toBe(false);
    expect(isThreadOf(thread({ text: { EN: "Hello, old pools." } }), form)).toBe(false);
    expect(isThreadOf(thread({ answerable: false }), form)).toBe(false);
    expect(isThreadOf(thread({ compose_details: { recipients_select_type: "ALL" } }), form)).toBe(false);
    expect(isThreadOf(thread({ compose_details: undefined }), form)).toBe(false);
  });
  it("a filter matches in the language's canonical form (a numeric skill key, a missing null)", () => {
    const filterForm: WireComposeForm = { ...form, recipients_select_type: "FILTER", recipients_ids: undefined, recipients_filter: { and: [{ category: "skill", key: "26366", operator: "EQ", value: null }] } };
    const wire = thread({ compose_details: { recipients_select_type: "FILTER", recipients_filter: { and: [{ operator: "EQ", key: 26366, category: "skill" }] } } });
    expect(isThreadOf(wire, filterForm)).toBe(true);
    const other = thread({ compose_details: { recipients_select_type: "FILTER", recipients_filter: { and: [{ operator: "NE", key: 26366, category: "skill" }] } } });
    expect(isThreadOf(other, filterForm)).toBe(false);
  });
});
