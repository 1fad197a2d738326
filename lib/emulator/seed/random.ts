/**
 * A small seeded PRNG (sfc32) with the helpers the seed generators need.
 * Math.random is never used in the seed: the demo mailbox and the benchmark data must be
 * reproducible from a seed, so a failing benchmark or a screenshot can be regenerated exactly.
 */

/** A deterministic source of randomness. Every method advances the same stream. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  uint32(): number;
  /** Uniform float in [a, b); with no arguments, [0, 1). */
  float(a?: number, b?: number): number;
  /** Uniform integer in [a, b], both inclusive. */
  int(a: number, b: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty list (a generator bug, not data). */
  pick<T>(items: readonly T[]): T;
  /** One value by weight: `[[value, weight], ...]`; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A new array with the elements in random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** k distinct elements (all of them when k >= length), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** Normally distributed value (Box-Muller). */
  normal(mean: number, sd: number): number;
  /** n lowercase hex characters. */
  hex(n: number): string;
  /**
   * An independent stream named by `label`. It depends only on this generator's seed and the
   * label, not on how much of this stream was used, so adding a draw in one part of the seed
   * does not reshuffle every other part.
   */
  fork(label: string): Rng;
}

/** cyrb128: a fast 128-bit string hash, used to spread a seed over sfc32's four words. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  constructor(private readonly seedKey: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seedKey);
    // The first outputs of sfc32 correlate with the seed words; discard them.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.uint32() / 4294967296;
  }

  float(a = 0, b = 1): number {
    return a + (b - a) * this.next();
  }

  int(a: number, b: number): number {
    if (b < a) throw new RangeError(`int(${a}, ${b}): empty range`);
    return a + Math.floor(this.next() * (b - a + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    if (!(total > 0)) throw new RangeError("weighted pick with no positive weight");
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    // Floating-point leftovers land on the last positive weight.
    for (let i = items.length - 1; i >= 0; i--) if (items[i][1] > 0) return items[i][0];
    throw new RangeError("unreachable");
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }

  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    const want = Math.max(0, Math.min(k, n));
    if (want * 4 < n) {
      // Few from many: rejection by index keeps this O(k) instead of copying the whole list.
      const chosen = new Set<number>();
      const out: T[] = [];
      while (out.length < want) {
        const i = Math.floor(this.next() * n);
        if (!chosen.has(i)) {
          chosen.add(i);
          out.push(items[i]);
        }
      }
      return out;
    }
    return this.shuffle(items).slice(0, want);
  }

  normal(mean: number, sd: number): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  hex(n: number): string {
    let out = "";
    while (out.length < n) out += this.uint32().toString(16).padStart(8, "0");
    return out.slice(0, n);
  }

  fork(label: string): Rng {
    return new Sfc32(`${this.seedKey}/${label}`);
  }
}

/** A generator for `seed`; the same seed always gives the same stream. */
export function createRng(seed: number | string): Rng {
  return new Sfc32(String(seed));
}
