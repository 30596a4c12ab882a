// The 합산과세 race guard's pure parts: which history entries changed between two reads, and
// which rows of a batch must be assessed again because of them.
import { describe, expect, it } from 'vitest';
import { changedEntries, connectedRows } from './submit-declarations.ts';
import type { DeclarationRow, StoredHistoryEntry } from './ports.ts';

const entry = (id: number, consigneeKey: string, hblNo: string | null, version = 1): StoredHistoryEntry => ({
  id,
  version,
  ref: `R${id}`,
  declaredAt: '2026-11-18',
  consigneeKey,
  sellerCodeKey: null,
  sellerNameKey: 'nike',
  purchasedAt: '2026-11-15',
  hblNo,
  arrivalDate: null,
  goodsValueUsd: 100,
  personal: true,
  thresholdUsd: 150,
});
const row = (index: number, consigneeKey: string, hblNo: string | null) =>
  ({ index, pccc: consigneeKey, history: { ...entry(0, consigneeKey, hblNo) } }) as unknown as DeclarationRow;

describe('changedEntries', () => {
  it('finds entries added, removed (withdrawn) or corrected (new version) between two reads', () => {
    const a = entry(1, 'P1', null);
    const b = entry(2, 'P2', null);
    expect(changedEntries([a, b], [b, a])).toEqual([]);
    expect(changedEntries([a], [a, b]).map((h) => h.id)).toEqual([2]);
    expect(changedEntries([a, b], [a]).map((h) => h.id)).toEqual([2]);
    expect(changedEntries([a], [{ ...a, version: 2 }]).map((h) => h.version)).toEqual([2, 1]);
  });
});

describe('connectedRows', () => {
  it('takes the rows of the changed consignees and B/Ls, closed over the batch', () => {
    const rows = [row(0, 'P1', 'H1'), row(1, 'P2', 'H1'), row(2, 'P3', 'H3'), row(3, 'P2', null), row(4, 'P4', null)];
    // P1 changed: row 0; through H1 row 1 (P2); through P2 row 3. Rows 2 and 4 are untouched.
    expect(connectedRows(rows, [entry(9, 'P1', null)])).toEqual([0, 1, 3]);
    expect(connectedRows(rows, [entry(9, 'PX', 'H3')])).toEqual([2]);
    expect(connectedRows(rows, [entry(9, 'PX', 'HX')])).toEqual([]);
  });

  it('follows a group through the members on record: a changed entry of P9 reaches row 2 (P3, H3) through an entry of P9 on H3', () => {
    const rows = [row(0, 'P1', 'H1'), row(2, 'P3', 'H3')];
    const changed = entry(9, 'P9', 'H9');
    expect(connectedRows(rows, [changed])).toEqual([]);
    expect(connectedRows(rows, [changed], [changed, entry(8, 'P9', 'H3')])).toEqual([2]);
  });
});
