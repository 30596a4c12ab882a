import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetRows, ceilingPrecisionAt, precisionAt, rankByScore, rankingMetrics, recallAt, revenueAt, rocAuc } from './metrics.ts';

// Ten parcels ranked by score; illicit ones at positions 1, 3 and 6; revenue 100 + 50 + 50 = 200.
const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
const labels = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0];
const revenue = [100, 0, 50, 0, 0, 50, 0, 0, 0, 0];

describe('metrics at an inspection budget, by hand', () => {
  it('budget rows are ⌊k% · N⌋', () => {
    expect(budgetRows(10, 10)).toBe(1); // 10% of 10 = 1
    expect(budgetRows(5, 10)).toBe(0); // 5% of 10 = 0.5 → 0
    expect(budgetRows(1, 20_019)).toBe(200); // 200.19 → 200
    expect(budgetRows(100, 7)).toBe(7);
  });

  it('top 10% = 1 row: the illicit parcel with revenue 100', () => {
    expect(precisionAt(scores, labels, 10)).toBe(1); // 1 illicit / 1 inspected
    expect(recallAt(scores, labels, 10)).toBeCloseTo(1 / 3); // 1 of 3 illicit found
    expect(revenueAt(scores, revenue, 10)).toBe(0.5); // 100 / 200
  });

  it('top 20% = 2 rows, top 30% = 3 rows', () => {
    expect(precisionAt(scores, labels, 20)).toBe(0.5); // 1 / 2
    expect(precisionAt(scores, labels, 30)).toBeCloseTo(2 / 3); // 2 / 3
    expect(recallAt(scores, labels, 30)).toBeCloseTo(2 / 3); // 2 of 3
    expect(revenueAt(scores, revenue, 30)).toBe(0.75); // (100 + 50) / 200
  });

  it('a budget of zero rows has no precision; recall and revenue are 0', () => {
    expect(precisionAt(scores, labels, 5)).toBeNull();
    expect(recallAt(scores, labels, 5)).toBe(0);
    expect(revenueAt(scores, revenue, 5)).toBe(0);
  });

  it('the ceiling: a ranking that knows the truth but not which frauds inspection found', () => {
    // 10 rows, 4 really fraudulent (rows 0–3), 3 of them found (labels); one other row labelled illicit (row 9).
    const truth = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const found = [1, 0, 1, 1, 0, 0, 0, 0, 0, 1];
    expect(ceilingPrecisionAt(truth, found, 20)).toBe(0.75); // top 2 ≤ 4 frauds: 3 found / 4 frauds
    expect(ceilingPrecisionAt(truth, found, 40)).toBe(0.75); // top 4 = the 4 frauds: 3 / 4
    // top 6: the 4 frauds (3 found) + 2 of the 6 others (1 found in 6: 2 × 1/6 = 1/3) → (3 + 1/3) / 6 = 10/18
    expect(ceilingPrecisionAt(truth, found, 60)).toBeCloseTo(10 / 18, 12);
    expect(ceilingPrecisionAt(truth, found, 5)).toBeNull(); // 0.5 row → none
    expect(ceilingPrecisionAt([0, 0], [0, 0], 50)).toBe(0); // no fraud at all: nothing to find
  });

  it('ties keep row order (deterministic)', () => {
    expect([...rankByScore([0.5, 0.9, 0.5, 0.9])]).toEqual([1, 3, 0, 2]);
    expect(precisionAt([0.5, 0.5, 0.5, 0.5], [0, 1, 1, 1], 25)).toBe(0); // row 0 first
  });

  it('rankingMetrics keys budgets as written and reports n', () => {
    const m = rankingMetrics(scores, labels, revenue, [10, 30]);
    expect(m).toEqual({
      precisionAt: { '10': 1, '30': 2 / 3 },
      recallAt: { '10': 1 / 3, '30': 2 / 3 },
      revenueAt: { '10': 0.5, '30': 0.75 },
      auc: 17 / 21,
      n: 10,
    });
    expect(rankingMetrics(scores, labels, null, [10]).revenueAt).toEqual({ '10': null });
  });
});

describe('ROC AUC on tiny known cases', () => {
  it('counts pairs ranked right: 17 of 21 above', () => {
    // Illicit at positions 1, 3, 6 of 10: beats 7, 6 and 4 of the 7 licit rows → 17 / (3 · 7).
    expect(rocAuc(scores, labels)).toBeCloseTo(17 / 21, 12);
  });
  it('perfect, reversed, ties, one class', () => {
    expect(rocAuc([0.9, 0.1], [1, 0])).toBe(1);
    expect(rocAuc([0.1, 0.9], [1, 0])).toBe(0);
    // pairs (1,1) tie ½, (1,0) 1, (0,1) 0, (0,0) tie ½ → 2 / 4
    expect(rocAuc([1, 1, 0, 0], [1, 0, 1, 0])).toBe(0.5);
    expect(rocAuc([0.3, 0.3, 0.3], [1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.2, 0.4], [1, 1])).toBeNull();
  });
});

describe('metric properties', () => {
  const rows = fc.array(fc.record({ s: fc.double({ min: 0, max: 1, noNaN: true }), y: fc.integer({ min: 0, max: 1 }), v: fc.nat(1000) }), { minLength: 1, maxLength: 200 });
  const budgets = [0.5, 1, 2, 5, 10, 25, 50, 100];

  it('precision@k is in [0, 1] (or null for an empty budget); recall and revenue grow with k', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const s = rs.map((r) => r.s);
        const y = rs.map((r) => r.y);
        const v = rs.map((r) => (r.y ? r.v : 0));
        let lastRecall = 0;
        let lastRevenue = 0;
        for (const k of budgets) {
          const p = precisionAt(s, y, k);
          if (p !== null) expect(p).toBeGreaterThanOrEqual(0);
          if (p !== null) expect(p).toBeLessThanOrEqual(1);
          const r = recallAt(s, y, k);
          if (r !== null) {
            expect(r).toBeGreaterThanOrEqual(lastRecall);
            lastRecall = r;
          }
          const rv = revenueAt(s, v, k);
          if (rv !== null) {
            expect(rv).toBeGreaterThanOrEqual(lastRevenue - 1e-12);
            lastRevenue = rv;
          }
        }
        const all = recallAt(s, y, 100);
        if (all !== null) expect(all).toBe(1);
      }),
    );
  });

  it('AUC of the negated scores is 1 − AUC', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const s = rs.map((r) => r.s);
        const y = rs.map((r) => r.y);
        const a = rocAuc(s, y);
        const b = rocAuc(
          s.map((x) => -x),
          y,
        );
        if (a === null) expect(b).toBeNull();
        else expect(a + b!).toBeCloseTo(1, 9);
      }),
    );
  });
});
