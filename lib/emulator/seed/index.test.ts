import { describe, expect, it } from "vitest";
import { spec } from "../spec-schema";
import { tolokerSchema } from "@/lib/filters/toloker";
import { ADMINISTRATOR_ID, REQUESTER_ID, SYSTEM_ID, THREAD_KINDS, generateSeed } from "./index";
import { classifyThread, validateSeedThreads } from "./validate";

const NOW = new Date("2026-11-21T12:00:00Z");
const data = generateSeed({ now: NOW });

describe("generateSeed", () => {
  it("returns the default world: fixed accounts, skills, 2000 Tolokers, 300 threads", () => {
    expect(data.requesterId).toBe(REQUESTER_ID);
    expect(data.administratorId).toBe(ADMINISTRATOR_ID);
    expect(data.systemId).toBe(SYSTEM_ID);
    for (const id of [REQUESTER_ID, ADMINISTRATOR_ID, SYSTEM_ID]) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set([REQUESTER_ID, ADMINISTRATOR_ID, SYSTEM_ID]).size).toBe(3);
    expect(data.tolokers).toHaveLength(2000);
    expect(data.threads).toHaveLength(300);
    expect(data.skills.length).toBeGreaterThanOrEqual(8);
    for (const s of data.skills) expect(spec.skill.safeParse(s).success).toBe(true);
    for (const t of data.tolokers) expect(tolokerSchema.safeParse(t).success).toBe(true);
    for (const s of data.threads) expect(spec.thread.safeParse(s.thread).success).toBe(true);
    expect(data.tolokers.some((t) => data.threads.some((s) => s.thread.interlocutors?.some((i) => i.id === t.id)))).toBe(true);
  });

  it("is valid as a whole and holds every kind", () => {
    expect(validateSeedThreads(data.threads, { requesterId: data.requesterId, tolokers: data.tolokers, now: NOW })).toEqual([]);
    const kinds = new Set(data.threads.map((s) => classifyThread(s.thread)));
    expect([...kinds].sort()).toEqual([...THREAD_KINDS].sort());
  });

  it("is deterministic: same seed and now give deep-equal data", () => {
    expect(generateSeed({ now: new Date(NOW) })).toEqual(data);
    const other = generateSeed({ now: NOW, seed: 1, tolokerCount: 50, threadCount: 40 });
    expect(other.tolokers).toHaveLength(50);
    expect(other.threads).toHaveLength(40);
    expect(other.tolokers[0].id).not.toBe(data.tolokers[0].id);
  });

  it("keeps the Toloker population when only the thread count changes", () => {
    const fewer = generateSeed({ now: NOW, threadCount: 50 });
    expect(fewer.tolokers).toEqual(data.tolokers);
    expect(fewer.threads).toHaveLength(50);
  });

  it("moves with now: a later now gives the same ids' counters, later dates", () => {
    const later = generateSeed({ now: new Date(NOW.getTime() + 86_400_000) });
    expect(later.tolokers.map((t) => t.id)).toEqual(data.tolokers.map((t) => t.id));
    expect(later.threads[299].thread.created > data.threads[299].thread.created).toBe(true);
  });

  it("survives a JSON round trip unchanged (no undefined, Date or NaN inside)", () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});
