import { describe, expect, it } from "vitest";
import type { WireThread } from "@/lib/toloka/wire";
import { toDetail } from "./dto";
import { toMirrorThread } from "./map";

const ME = { id: "req-1", role: "REQUESTER" as const, myself: true };
const TOLOKER = { id: "a".repeat(32), role: "USER" as const };
const AT = "2026-11-30T10:00:00.000Z";

function sent(over: Partial<WireThread>): WireThread {
  return {
    id: "6a00000000000000000000aa",
    topic: { EN: "New pools" },
    interlocutors: [ME, TOLOKER],
    messages: [{ text: { EN: "Hello" }, from: ME, created: AT }],
    compose_details: { recipients_select_type: "DIRECT", recipients_ids: [TOLOKER.id] },
    answerable: true,
    folders: ["OUTBOX"],
    created: AT,
    ...over,
  };
}

describe("what a thread says about replying", () => {
  it("a send with replies off says nobody can answer, for one Toloker or many, never that answers will arrive", () => {
    const one = toDetail(toMirrorThread(sent({ answerable: false })));
    expect(one.canReply).toBe(false);
    expect(one.replyBlockedReason).toBe("This message was sent with replies turned off: the Toloker cannot answer it, and you cannot add to it.");
    const many = toDetail(toMirrorThread(sent({ answerable: false, compose_details: { recipients_select_type: "ALL" }, interlocutors: [ME] })));
    expect(many.replyBlockedReason).toBe("This message went to many Tolokers with replies turned off: they cannot answer it.");
    expect(many.replyBlockedReason).not.toMatch(/answers arrive/);
    // The row's mark tells the two apart from an answerable send to many.
    expect([one.replies, many.replies]).toEqual(["off", "off"]);
  });

  it("an answerable send to many says the answers come as threads of their own", () => {
    const many = toDetail(toMirrorThread(sent({ compose_details: { recipients_select_type: "ALL" }, interlocutors: [ME] })));
    expect(many.replyBlockedReason).toBe("This message went to many Tolokers; their answers arrive as separate threads you can reply in.");
    expect(many.replies).toBe("apart");
    const single = toDetail(toMirrorThread(sent({})));
    expect([single.canReply, single.replies, single.replyBlockedReason]).toEqual([true, "here", undefined]);
  });
});
