// Seeded pseudo-random numbers for the risk model and the synthetic history: everything that
// samples (row subsampling, folds, synthetic parties) takes a seed, so a seed fixes the result.

export type Random = () => number;

/** mulberry32: small, fast, good enough for sampling (not for cryptography). Values in [0, 1). */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed derived from a seed and a label, so that independent streams do not overlap. */
export function deriveSeed(seed: number, label: string | number): number {
  return hashString(`${seed}:${label}`);
}

/** FNV-1a 32-bit hash of a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function randomInt(r: Random, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

export function pick<T>(r: Random, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

export function pickWeighted<T>(r: Random, xs: readonly T[], weight: (x: T) => number): T {
  let total = 0;
  for (const x of xs) total += weight(x);
  let w = r() * total;
  for (const x of xs) if ((w -= weight(x)) < 0) return x;
  return xs[xs.length - 1]!;
}

/** Standard normal by Box–Muller. */
export function normal(r: Random): number {
  const u = 1 - r();
  const v = r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** exp(N(log(median), sigma²)). */
export function logNormal(r: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(r));
}

/** Fisher–Yates shuffle of 0..n-1. */
export function permutation(r: Random, n: number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** Weighted sampling by binary search over cumulative weights: O(log n) per draw. */
export function weightedSampler<T>(xs: readonly T[], weight: (x: T) => number): (r: Random) => T {
  const cumulative = new Float64Array(xs.length);
  let total = 0;
  xs.forEach((x, i) => {
    total += Math.max(0, weight(x));
    cumulative[i] = total;
  });
  return (r) => {
    const w = r() * total;
    let lo = 0;
    let hi = xs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > w) hi = mid;
      else lo = mid + 1;
    }
    return xs[lo]!;
  };
}
