// Small-cell suppression of the public statistics (통계법 제33조, 비밀의 보호: published statistics
// must not reveal a person's particulars). A cell of fewer than `minCount` declarations shows
// neither its count nor its values: one declaration's goods value and taxes are one person's
// purchase. A published total could give a withheld cell back by subtraction, so within each
// total the withheld cells must together hold at least `minCount` declarations (and be at least
// two): if not, the smallest published cells are withheld too (complementary suppression). A
// total of fewer than `minCount` declarations is itself withheld. The public tables only have
// one kind of total per level (per month over the keys, per period over the months), so this
// one-dimensional rule is enough; the threshold lives in data/statistics.json.

/** The figures of data/statistics.json "disclosure". */
export interface StatisticsDisclosure {
  /** Fewest declarations a published cell may hold. */
  minCount: number;
}

export interface DisclosureCell {
  count: number;
  /** Nothing in it (a month without declarations): nobody to protect, never withheld. */
  empty: boolean;
}

/** Why a cell is withheld: 'small' = fewer than minCount declarations; 'complementary' = protects a small one. */
export type Withheld = 'small' | 'complementary' | null;

/** A published figure set (the API's and the portal's): all four figures null when the cell is withheld. */
export interface StatisticsCell {
  /** Withheld: count and values are null. */
  suppressed: boolean;
  /** Withheld because it holds fewer than disclosure.minCount declarations (else to protect such a cell). */
  belowMin: boolean;
  count: number | null;
  valueUsd: number | null;
  valueKrw: number | null;
  taxesKrw: number | null;
}

/** The cells of one total to withhold, in the order given. */
export function withheldCells(cells: readonly DisclosureCell[], minCount: number): Withheld[] {
  const out: Withheld[] = cells.map((c) => (!c.empty && c.count < minCount ? 'small' : null));
  let count = 0;
  let withheld = 0;
  out.forEach((w, i) => {
    if (w) {
      count += cells[i]!.count;
      withheld += 1;
    }
  });
  if (withheld === 0) return out;
  // Smallest first (ties: the order given), so the fewest declarations are hidden.
  const rest = cells
    .map((_, i) => i)
    .filter((i) => out[i] === null && !cells[i]!.empty)
    .sort((a, b) => cells[a]!.count - cells[b]!.count || a - b);
  for (const i of rest) {
    if (count >= minCount && withheld >= 2) break;
    out[i] = 'complementary';
    count += cells[i]!.count;
    withheld += 1;
  }
  return out;
}

/** Whether a total itself is withheld: it holds declarations, fewer than minCount. */
export function totalWithheld(total: DisclosureCell, minCount: number): boolean {
  return !total.empty && total.count < minCount;
}
