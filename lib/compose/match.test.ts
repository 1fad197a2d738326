import { describe, expect, it } from "vitest";
import type { WireComposeForm, WireThread } from "@/lib/toloka/wire";
import { isThreadOf, matchThread } from "./service";

const ids = ["a".repeat(32), "b".repeat(32)];
const form: WireComposeForm = {
  topic: { EN: "New pools" },
  text: { EN: "Hello,\nnew pools." },
  recipients_select_type: "DIRECT",
  recipients_ids: ids,
  answerable: true,
};

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
    const filterForm: WireComposeForm = {
      ...form,
      recipients_select_type: "FILTER",
      recipients_ids: undefined,
      recipients_filter: { and: [{ category: "skill", key: "26366", operator: "EQ", value: null }] },
    };
    const wire = thread({
      compose_details: { recipients_select_type: "FILTER", recipients_filter: { and: [{ operator: "EQ", key: 26366, category: "skill" }] } },
    });
    expect(isThreadOf(wire, filterForm)).toBe(true);
    const other = thread({
      compose_details: { recipients_select_type: "FILTER", recipients_filter: { and: [{ operator: "NE", key: 26366, category: "skill" }] } },
    });
    expect(isThreadOf(other, filterForm)).toBe(false);
  });
});

describe("a listing that leaves out what the match needs", () => {
  it("is not enough to tell: no compose_details, no echoed ids or filter, messages or topic not inlined", () => {
    expect(matchThread(thread({ compose_details: undefined }), form)).toBe("unknown");
    expect(matchThread(thread({ compose_details: { recipients_select_type: "DIRECT" } }), form)).toBe("unknown");
    expect(matchThread(thread({ messages: undefined, messages_inlined: false }), form)).toBe("unknown");
    expect(matchThread(thread({ topic: {} }), form)).toBe("unknown");
    const filterForm: WireComposeForm = { ...form, recipients_select_type: "FILTER", recipients_ids: undefined, recipients_filter: { and: [] } };
    expect(matchThread(thread({ compose_details: { recipients_select_type: "FILTER" } }), filterForm)).toBe("unknown");
  });
  it("but what is there can still say no: another topic, text, kind of send, or a thread a Toloker started", () => {
    expect(matchThread(thread({ compose_details: undefined, topic: { EN: "Other" } }), form)).toBe("no");
    expect(matchThread(thread({ messages: undefined, compose_details: { recipients_select_type: "ALL" } }), form)).toBe("no");
    expect(matchThread(thread({ compose_details: undefined, text: { EN: "Hello, old pools." } }), form)).toBe("no");
    const started = thread({ compose_details: undefined });
    started.messages![1] = { ...started.messages![1], from: { id: "t", role: "USER" } };
    expect(matchThread(started, form)).toBe("no");
  });
  it("an unknown role on the first message proves nothing", () => {
    const odd = thread({ compose_details: undefined });
    odd.messages![1] = { ...odd.messages![1], from: { id: "r", role: "OPERATOR" } };
    expect(matchThread(odd, form)).toBe("unknown");
    expect(matchThread(thread(), form)).toBe("yes");
  });
});
