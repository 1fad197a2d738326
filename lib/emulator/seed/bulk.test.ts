import { describe, expect, it } from "vitest";
import { createRng } from "./random";
import { generateTolokers } from "./tolokers";
import { generateBulkThreads } from "./bulk";
import { REQUESTER_ID, THREAD_KINDS, type SeedThread } from "./threads";
import { classifyThread, validateSeedThreads } from "./validate";

const NOW = new Date("2026-11-21T12:00:00Z");
const tolokers = generateTolokers(createRng("bulk-test"), 2000, { now: NOW });
const options = { now: NOW, count: 2000, tolokers, requesterId: REQUESTER_ID, startCounter: 301, chunkSize: 500 };
const chunks = [...generateBulkThreads(createRng("bulk"), options)];
const threads: SeedThread[] = chunks.flat();

describe("generateBulkThreads", () => {
  it("yields the requested count in chunks of the requested size", () => {
    expect(chunks.map((c) => c.length)).toEqual([500, 500, 500, 500]);
    expect(threads).toHaveLength(2000);
    expect([...generateBulkThreads(createRng("bulk"), { ...options, count: 2500, chunkSize: 1000 })].map((c) => c.length)).toEqual([1000, 1000, 500]);
  });

  it("produces valid threads with ids in creation order, continuing from startCounter", () => {
    expect(validateSeedThreads(threads, { requesterId: REQUESTER_ID, tolokers, now: NOW })).toEqual([]);
    for (let i = 1; i < threads.length; i++) expect(threads[i - 1].thread.id < threads[i].thread.id).toBe(true);
    expect(parseInt(threads[0].thread.id.slice(8), 16)).toBe(301);
    expect(parseInt(threads[1999].thread.id.slice(8), 16)).toBe(2300);
  });

  it("averages 4-5 messages a thread", () => {
    const messages = threads.reduce((n, s) => n + (s.thread.messages?.length ?? 0), 0);
    expect(messages / threads.length).toBeGreaterThanOrEqual(4);
    expect(messages / threads.length).toBeLessThanOrEqual(5);
  });

  it("has the same variety as the demo mailbox", () => {
    const kinds = new Set(threads.map((s) => classifyThread(s.thread)));
    for (const k of THREAD_KINDS) expect(kinds.has(k), k).toBe(true);
    const langs = new Set(threads.flatMap((s) => (s.thread.messages ?? []).flatMap((m) => Object.keys(m.text))));
    expect(langs.size).toBeGreaterThanOrEqual(5);
  });

  it("spans the requested days before now", () => {
    const created = threads.map((s) => Date.parse(`${s.thread.created}Z`));
    expect(Math.min(...created)).toBeGreaterThan(NOW.getTime() - 366 * 86_400_000);
    expect(Math.max(...created)).toBeLessThanOrEqual(NOW.getTime());
    const short = [...generateBulkThreads(createRng("b"), { ...options, count: 100, spanDays: 10 })].flat();
    expect(Date.parse(`${short[0].thread.created}Z`)).toBeGreaterThan(NOW.getTime() - 11 * 86_400_000);
  });

  it("is lazy: the first chunk of a huge run comes without generating the rest", () => {
    const started = performance.now();
    const it = generateBulkThreads(createRng("lazy"), { ...options, count: 50_000_000, chunkSize: 1000 });
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(5000);
    it.return(undefined);
  });

  it("is deterministic for a seed", () => {
    const a = [...generateBulkThreads(createRng("x"), { ...options, count: 200 })].flat();
    const b = [...generateBulkThreads(createRng("x"), { ...options, count: 200 })].flat();
    const c = [...generateBulkThreads(createRng("y"), { ...options, count: 200 })].flat();
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});
