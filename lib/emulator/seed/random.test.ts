import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createRng } from "./random";

describe("createRng", () => {
  it("gives the same stream for the same seed and a different one for another seed", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 20 }, () => a.uint32());
    expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(xs);
  });

  it("keeps int(a, b) inside both bounds and reaches both", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 6 }), (seed, a, width) => {
        const rng = createRng(seed);
        const seen = new Set<number>();
        for (let i = 0; i < 400; i++) {
          const x = rng.int(a, a + width);
          expect(Number.isInteger(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(a);
          expect(x).toBeLessThanOrEqual(a + width);
          seen.add(x);
        }
        expect(seen.size).toBe(width + 1);
      }),
      { numRuns: 50 },
    );
  });

  it("rejects an empty range and an empty pick", () => {
    const rng = createRng(1);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.weighted([["a", 0]])).toThrow(RangeError);
  });

  it("keeps next() and float() in their half-open ranges", () => {
    const rng = createRng("floats");
    for (let i = 0; i < 5000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      const y = rng.float(-2, 3);
      expect(y >= -2 && y < 3).toBe(true);
    }
  });

  it("follows the weights of weighted() and the probability of chance()", () => {
    const rng = createRng(7);
    const counts = { a: 0, b: 0, c: 0 };
    let heads = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      counts[
        rng.weighted([
          ["a", 1],
          ["b", 3],
          ["c", 0],
        ] as const)
      ]++;
      if (rng.chance(0.3)) heads++;
    }
    expect(counts.c).toBe(0);
    expect(counts.b / n).toBeGreaterThan(0.72);
    expect(counts.b / n).toBeLessThan(0.78);
    expect(heads / n).toBeGreaterThan(0.28);
    expect(heads / n).toBeLessThan(0.32);
  });

  it("samples distinct elements and shuffles without losing any", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 250 }), (seed, n, k) => {
        const rng = createRng(seed);
        const items = Array.from({ length: n }, (_, i) => i);
        const s = rng.sample(items, k);
        expect(s.length).toBe(Math.min(n, k));
        expect(new Set(s).size).toBe(s.length);
        expect(rng.shuffle(items).sort((x, y) => x - y)).toEqual(items);
      }),
      { numRuns: 100 },
    );
  });

  it("produces hex of the requested length", () => {
    const rng = createRng(5);
    for (const n of [1, 8, 16, 24, 32, 33]) expect(rng.hex(n)).toMatch(new RegExp(`^[0-9a-f]{${n}}$`));
  });

  it("forks streams that depend on the label, not on how much of the parent was used", () => {
    const a = createRng(9);
    const b = createRng(9);
    b.uint32();
    b.uint32();
    expect(a.fork("x").uint32()).toBe(b.fork("x").uint32());
    expect(a.fork("x").uint32()).not.toBe(a.fork("y").uint32());
  });

  it("draws normals around the mean", () => {
    const rng = createRng(11);
    let sum = 0;
    const n = 10_000;
    for (let i = 0; i < n; i++) sum += rng.normal(50, 10);
    expect(Math.abs(sum / n - 50)).toBeLessThan(0.5);
  });
});
