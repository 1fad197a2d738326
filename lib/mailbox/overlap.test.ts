import { describe, expect, it } from "vitest";
import { newThreadsAfter } from "./sync";

describe("where the incremental sync asks for new threads from", () => {
  it("an ObjectId less the overlap, at the start of its second", () => {
    const second = 0x6b018c27;
    const maxId = `${second.toString(16)}00000a0000000042`;
    expect(newThreadsAfter(maxId, 120)).toBe((second - 120).toString(16) + "0".repeat(16));
    expect(newThreadsAfter(maxId, 120)! < maxId).toBe(true);
  });
  it("an id that is no ObjectId as it is; nothing held, from the start", () => {
    expect(newThreadsAfter("thread-77", 120)).toBe("thread-77");
    expect(newThreadsAfter(null)).toBeUndefined();
    expect(newThreadsAfter(`00000010${"0".repeat(16)}`, 120)).toBe("0".repeat(24));
  });
});
