// "Did you mean …?" for a code an operator mistyped (a category such as "supplements" for
// "supplement", "Health_Supplement", or the Korean name "건강기능식품"): the one code whose name
// matches once case, separators and a plural -s are set aside, or the only code within a small
// edit distance. Ambiguous or far-off values get no suggestion: a wrong hint is worse than none.

export interface NamedCode {
  code: string;
  /** Other names an operator may send for it (the Korean and English names). */
  names: readonly string[];
}

const fold = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, '-');
const singular = (s: string) => (s.length > 3 && s.endsWith('s') ? s.slice(0, -1) : s);

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds limit. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

export function closestCode(value: string, codes: Iterable<NamedCode>): NamedCode | null {
  const v = fold(value);
  if (!v) return null;
  const all = [...codes];
  const exact = all.filter((c) => [c.code, ...c.names].some((n) => fold(n) === v || singular(fold(n)) === singular(v)));
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const limit = v.length <= 4 ? 1 : 2;
  let best: NamedCode | null = null;
  let bestDistance = limit + 1;
  let tied = false;
  for (const c of all) {
    const d = editDistance(v, fold(c.code), limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance && d <= limit) tied = true;
  }
  return best && !tied && bestDistance <= limit ? best : null;
}
