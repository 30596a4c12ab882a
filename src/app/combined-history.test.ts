import { describe, expect, it } from 'vitest';
import type { Reference } from '../domain/reference/compile-reference.ts';
import type { Assessment } from '../domain/assessment.ts';
import { FOLLOW_ROUNDS, GroupTrace } from './combined-history.ts';
import type { HistoryQuery, StoredHistoryEntry } from './ports.ts';

const reference = { asOf: () => null } as unknown as Reference;
const row = (id: number, hblNo: string, purchasedAt: string): StoredHistoryEntry => ({
  id,
  version: 1,
  ref: `H${id}`,
  declaredAt: '2026-02-04',
  consigneeKey: 'P1',
  sellerCodeKey: null,
  sellerNameKey: 's',
  purchasedAt,
  hblNo,
  arrivalDate: null,
  goodsValueUsd: 10,
  personal: true,
  thresholdUsd: 150,
});

/**
 * A chain of 40 on record, each linked to the next, alternately by seller and date and by B/L: e1
 * (B/L B0, day 1), e2 (B1, day 1), e3 (B1, day 2), e4 (B2, day 2) …; read as the store reads
 * (same B/L, or the consignee on one of the dates), leaving out what was read.
 */
const day = (m: number) => `2026-01-${String(m).padStart(2, '0')}`;
const chain = Array.from({ length: 40 }, (_, i) => row(i + 1, `B${Math.floor((i + 1) / 2)}`, day(Math.floor((i + 2) / 2))));
function read(q: HistoryQuery, loaded: readonly StoredHistoryEntry[]) {
  const seen = new Set(loaded.map((h) => h.id));
  return chain.filter((h) => !seen.has(h.id) && (q.hblNos.includes(h.hblNo!) || (q.pcccs.includes(h.consigneeKey) && q.dates!.includes(h.purchasedAt!))));
}
function runChain(trace: GroupTrace, first: HistoryQuery) {
  let loaded = read(first, []);
  const asked: HistoryQuery[] = [first];
  for (let next = trace.follow(loaded, asked); next; next = trace.follow(loaded, asked)) {
    asked.push(next);
    loaded = loaded.concat(read(next, loaded));
  }
  return { loaded, asked };
}

describe('GroupTrace: the history read traced through the group, with a cap', () => {
  it(`stops after ${FOLLOW_ROUNDS} further reads and marks the assessments of the group cut there`, () => {
    const seed = { ref: 'N', consigneeKey: 'P9', sellerCodeKey: null, sellerNameKey: 'x', purchasedAt: '2026-02-01', hblNo: 'B0', arrivalDate: null, declaredAt: '2026-02-04', personal: true };
    const trace = new GroupTrace([seed], reference);
    const { asked, loaded } = runChain(trace, { pcccs: ['P9'], hblNos: ['B0'], dates: ['2026-02-01'] });
    // The first read and 8 more: 9 queries, then the cap.
    expect(asked).toHaveLength(1 + FOLLOW_ROUNDS);
    // One link per read: e1 by B/L B0, e2 by (P1, day 1), e3 by B/L B1 … e9.
    expect(loaded.map((h) => h.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(trace.open.get('N')).toBe(9);
    expect(trace.open.has('N')).toBe(true);
    expect(trace.lockKeys()).toContain('consignee:P1');
    const a = { ref: 'N', status: 'assessed', combinedWith: ['H1'], reasons: [] } as unknown as Assessment;
    const marked = trace.mark(a);
    expect(marked.reasons.map((r) => r.code)).toEqual(['COMBINED_HISTORY_CAPPED']);
    expect(marked.reasons[0]!.ko).toContain('고시 제68조');
    // Another declaration is not marked; a new read starts again (the store's retry).
    expect(trace.mark({ ...a, ref: 'M' }).reasons).toEqual([]);
    expect(trace.follow([chain[0]!], [{ pcccs: ['P9'], hblNos: ['B0'], dates: ['2026-02-01'] }])).not.toBeNull();
    expect(trace.open.size).toBe(0);
  });
});

describe('GroupTrace: a chain shorter than the cap', () => {
  it('reads it whole and marks nothing', () => {
    // Seed on B/L B0; e1 … e4 only (a chain that ends): e4's keys (B2, day 2) lead nowhere new.
    const short = chain.slice(0, 4);
    const trace = new GroupTrace([{ ref: 'N', consigneeKey: 'P9', sellerCodeKey: null, sellerNameKey: 'x', purchasedAt: '2026-02-01', hblNo: 'B0', arrivalDate: null, declaredAt: '2026-02-04', personal: true }], reference);
    let loaded = short.filter((h) => h.hblNo === 'B0');
    const asked: HistoryQuery[] = [{ pcccs: ['P9'], hblNos: ['B0'], dates: ['2026-02-01'] }];
    for (let next = trace.follow(loaded, asked); next; next = trace.follow(loaded, asked)) {
      asked.push(next);
      const seen = new Set(loaded.map((h) => h.id));
      loaded = loaded.concat(short.filter((h) => !seen.has(h.id) && (next!.hblNos.includes(h.hblNo!) || next!.dates!.includes(h.purchasedAt!))));
    }
    expect(loaded.map((h) => h.id)).toEqual([1, 2, 3, 4]);
    expect(trace.open.size).toBe(0);
  });
});
