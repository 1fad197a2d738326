import { describe, expect, it } from "vitest";
import { assignmentOfThread } from "@/lib/schemas/tolokers";
import { createSqliteStore } from "../index";
import type { MirrorThread } from "../types";

const ME = "f".repeat(32);
const T1 = "a".repeat(32);
const A1 = "0002a4ee7c--637cf4098ccdeb4a260737de";
const A2 = "0002a4ee7c--637cf4098ccdeb4a260737df";

function thread(id: string, minutes: number, over: Partial<MirrorThread> = {}): MirrorThread {
  const created = new Date(Date.UTC(2026, 10, 1, 12, minutes)).toISOString();
  return {
    id,
    topic: { EN: `Topic ${id.slice(-4)}` },
    answerable: true,
    created,
    interlocutors: [
      { id: ME, role: "REQUESTER", myself: true },
      { id: T1, role: "USER" },
    ],
    messages: [{ fromId: T1, fromRole: "USER", myself: false, created, text: { EN: "please review" } }],
    folders: ["INBOX", "UNREAD"],
    ...over,
  };
}

const hex = (n: number) => n.toString(16).padStart(24, "0");

describe("SqliteTolokerRepository", () => {
  it("finds appeal threads by meta or by the topic, resuming where the last scan stopped", () => {
    const s = createSqliteStore(":memory:");
    s.threads.upsertMany([
      thread(hex(1), 1, { meta: { assignment_id: A1, pool_id: "44001893" } }),
      thread(hex(2), 2, { topic: { EN: `Rejected task ${A2}` } }),
      thread(hex(3), 3),
    ]);
    expect(s.tolokers.scanAppealRefs(assignmentOfThread, 100)).toBe(3);
    expect(s.tolokers.scanAppealRefs(assignmentOfThread, 100)).toBe(0);
    expect(s.tolokers.appeals().map((a) => [a.threadId, a.assignmentId])).toEqual([
      [hex(2), A2],
      [hex(1), A1],
    ]);
    expect(s.tolokers.appealOf(hex(3))).toBeNull();
    expect(s.tolokers.appealOf(hex(1))?.tolokerId).toBe(T1);
    // A new message moves a thread on; the next scan sees it again, and only it.
    s.threads.upsertMany([thread(hex(3), 9, { topic: { RU: `Апелляция ${A1}` } })]);
    expect(s.tolokers.scanAppealRefs(assignmentOfThread, 100)).toBe(1);
    expect(s.tolokers.appealOf(hex(3))?.assignmentId).toBe(A1);
  });

  it("counts an appeal open while its assignment is REJECTED and undecided, once per assignment", () => {
    const s = createSqliteStore(":memory:");
    s.threads.upsertMany([
      thread(hex(1), 1, { meta: { assignment_id: A1 } }),
      thread(hex(2), 2, { meta: { assignment_id: A1 } }),
      thread(hex(3), 3, { meta: { assignment_id: A2 } }),
    ]);
    s.tolokers.scanAppealRefs(assignmentOfThread, 100);
    expect(s.tolokers.openAppealCount()).toBe(0);
    s.tolokers.putAssignment({ id: A1, status: "REJECTED", json: "{}" });
    s.tolokers.putAssignment({ id: A2, status: "REJECTED", json: "{}" });
    expect(s.tolokers.openAppealCount()).toBe(2);
    s.tolokers.decide({ assignmentId: A1, threadId: hex(2), kind: "kept", userId: "u1", userName: "Ana" });
    expect(s.tolokers.openAppealCount()).toBe(1);
    expect(s.tolokers.appealOf(hex(1))?.decision).toMatchObject({ kind: "kept", by: "Ana" });
    s.tolokers.putAssignment({ id: A2, status: "ACCEPTED", json: "{}" });
    expect(s.tolokers.openAppealCount()).toBe(0);
  });

  it("keeps panel parts and lets one payment claim a bonus, never two", () => {
    const s = createSqliteStore(":memory:");
    expect(s.tolokers.getPart(T1, "profile")).toBeNull();
    s.tolokers.putPart(T1, "profile", '{"status":"ok"}');
    expect(s.tolokers.getPart(T1, "profile")?.json).toBe('{"status":"ok"}');
    s.tolokers.dropParts(T1);
    expect(s.tolokers.getPart(T1, "profile")).toBeNull();
    expect(s.tolokers.claimBonus("3139", "job-a", 0)).toBe(true);
    expect(s.tolokers.claimBonus("3139", "job-a", 0)).toBe(true);
    expect(s.tolokers.claimBonus("3139", "job-b", 0)).toBe(false);
    expect(s.tolokers.bonusClaimedElsewhere("3139", "job-b", 0)).toBe(true);
    expect(s.tolokers.bonusClaimedElsewhere("3139", "job-a", 0)).toBe(false);
  });

  it("forgets every copy when the connection changes", () => {
    const s = createSqliteStore(":memory:");
    s.threads.upsertMany([thread(hex(1), 1, { meta: { assignment_id: A1 } })]);
    s.tolokers.scanAppealRefs(assignmentOfThread, 100);
    s.tolokers.putAssignment({ id: A1, status: "REJECTED", json: null });
    s.tolokers.putPart(T1, "skills", "{}");
    s.tolokers.clear();
    expect(s.tolokers.appeals()).toEqual([]);
    expect(s.tolokers.getAssignment(A1)).toBeNull();
    expect(s.tolokers.getPart(T1, "skills")).toBeNull();
  });
});
