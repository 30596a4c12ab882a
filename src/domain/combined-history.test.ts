import { describe, expect, it } from 'vitest';
import { askedKeys, combineKeysOfInput, historyFrontier, type CombineKeys } from './combined-history.ts';

const entry = (ref: string, o: Partial<CombineKeys>): CombineKeys => ({
  ref,
  consigneeKey: 'P1',
  sellerCodeKey: null,
  sellerNameKey: null,
  purchasedAt: null,
  hblNo: null,
  arrivalDate: null,
  declaredAt: '2026-02-04',
  personal: true,
  ...o,
});
const noArrivalGround = () => false;

describe('the history traced through a combined-taxation group (고시 제68조, as union-find)', () => {
  // New N on B/L X. Read 1 (B/L X; P1 on 02-03) found B (B/L X, consignee P2, seller S on 02-02).
  const n = entry('N', { hblNo: 'X', sellerNameKey: 'other', purchasedAt: '2026-02-03' });
  const b = entry('B', { consigneeKey: 'P2', hblNo: 'X', sellerNameKey: 's', purchasedAt: '2026-02-02' });
  const read1 = { hblNos: ['X'], pcccs: ['P1'], dates: ['2026-02-03'] };
  const asked1 = askedKeys([read1]);

  it("follows a member's own keys that no read asked for: B's consignee and purchase date", () => {
    expect(historyFrontier([n], [b], asked1, noArrivalGround)).toEqual({
      hblNos: [],
      consigneeDates: [{ pccc: 'P2', date: '2026-02-02' }],
      openSeeds: [0],
      openFound: [1],
    });
  });

  it('then B/L Y of C (P2, seller S, 02-02), and stops when every member’s keys were asked', () => {
    const c = entry('C', { consigneeKey: 'P2', hblNo: 'Y', sellerNameKey: 's', purchasedAt: '2026-02-02' });
    const read2 = { hblNos: [], pcccs: ['P2'], dates: ['2026-02-02'] };
    const asked2 = askedKeys([read1, read2]);
    expect(historyFrontier([n], [b, c], asked2, noArrivalGround)).toMatchObject({ hblNos: ['Y'], consigneeDates: [], openSeeds: [0], openFound: [2] });
    const asked3 = askedKeys([read1, read2, { hblNos: ['Y'], pcccs: [], dates: [] }]);
    expect(historyFrontier([n], [b, c], asked3, noArrivalGround)).toEqual({ hblNos: [], consigneeDates: [], openSeeds: [], openFound: [] });
  });

  it('does not follow a row read for its consignee and date that is not linked (another seller, another B/L)', () => {
    const stranger = entry('Z', { hblNo: 'Q', sellerNameKey: 'third', purchasedAt: '2026-02-03' });
    expect(historyFrontier([n], [stranger], asked1, noArrivalGround).hblNos).toEqual([]);
  });

  it('follows a member linked by the seller code alone, and one giving only a code, by its purchase date', () => {
    // N' (P1, code C1 and name A, on 02-03) on record: M (P1, code C1 under another name, B/L W), whose B/L no read asked for.
    const seed = entry('N2', { hblNo: 'V', sellerCodeKey: 'c1', sellerNameKey: 'a', purchasedAt: '2026-02-03' });
    const m = entry('M', { hblNo: 'W', sellerCodeKey: 'c1', sellerNameKey: 'b', purchasedAt: '2026-02-03' });
    expect(historyFrontier([seed], [m], askedKeys([{ hblNos: ['V'], pcccs: ['P1'], dates: ['2026-02-03'] }]), noArrivalGround)).toMatchObject({ hblNos: ['W'], openSeeds: [0] });
    // A stored member with a code and no name still has a supplier: its consignee on its purchase date is read.
    const codeOnly = entry('K', { consigneeKey: 'P2', hblNo: 'X', sellerCodeKey: 'c9', purchasedAt: '2026-02-01' });
    expect(historyFrontier([n], [codeOnly], asked1, noArrivalGround).consigneeDates).toEqual([{ pccc: 'P2', date: '2026-02-01' }]);
  });

  it('follows the arrival date only where that ground is in force (before 2022-11-17)', () => {
    // A new declaration of 2022 on B/L X (a B/L is its number and its year: N's 2026 B/L X is another).
    const n22 = entry('N22', { hblNo: 'X', sellerNameKey: 'other', purchasedAt: '2022-02-27', declaredAt: '2022-03-01' });
    const old = entry('O', { hblNo: 'X', arrivalDate: '2022-03-02', declaredAt: '2022-03-01' });
    const ground = (d: string) => d < '2022-11-17';
    expect(historyFrontier([n22], [old], asked1, ground).consigneeDates).toEqual([{ pccc: 'P1', date: '2022-03-02' }]);
    expect(historyFrontier([n22], [old], asked1, noArrivalGround).consigneeDates).toEqual([]);
  });

  it("does not follow another year's B/L of the same number (UNI-PASS keys a B/L by hblNo and blYy)", () => {
    const lastYear = entry('L', { consigneeKey: 'P2', hblNo: 'X', sellerNameKey: 's', purchasedAt: '2025-02-02', declaredAt: '2025-02-04' });
    expect(historyFrontier([n], [lastYear], asked1, noArrivalGround)).toEqual({ hblNos: [], consigneeDates: [], openSeeds: [], openFound: [] });
  });

  it('a read asks for each of its consignees on each of its dates, or on every date without dates', () => {
    const asked = askedKeys([{ hblNos: ['X'], pcccs: ['P1', 'P2'], dates: ['2026-02-02', '2026-02-03'] }, { hblNos: [], pcccs: ['P3'], dates: null }]);
    expect(['P1', 'P2'].flatMap((p) => ['2026-02-02', '2026-02-03'].map((d) => asked.consigneeOn(p, d)))).toEqual([true, true, true, true]);
    expect(asked.consigneeOn('P1', '2026-02-04')).toBe(false);
    expect(asked.consigneeOn('P3', '1999-01-01')).toBe(true);
    expect(asked.consigneeOn('P4', '2026-02-02')).toBe(false);
    expect([...asked.hblNos]).toEqual(['X']);
  });

  it('a business declaration is in no group', () => {
    expect(historyFrontier([n], [{ ...b, personal: false }], asked1, noArrivalGround).openSeeds).toEqual([]);
  });

  it('reads the keys of a declaration as given, refusing what is not a key', () => {
    expect(
      combineKeysOfInput({
        ref: 'R',
        declaredAt: '2026-02-04',
        consignee: { pccc: ' p300000000111 ' },
        parties: { seller: { name: 'Seller CB' } },
        order: { purchasedAt: '2026-02-31' },
        shipment: { hblNo: 'rd-bl 1', arrivalDate: '2026-02-05' },
      }),
    ).toEqual({ ref: 'R', consigneeKey: 'P300000000111', sellerCodeKey: null, sellerNameKey: 'sellercb', purchasedAt: null, hblNo: 'RDBL1', arrivalDate: '2026-02-05', declaredAt: '2026-02-04', personal: true });
    expect(combineKeysOfInput({ ref: 'R', declaredAt: '2026-02-04', consignee: { pccc: 'P300000000111' }, parties: { seller: { code: 'C-123', name: 'Nike Store' } } })).toMatchObject({
      sellerCodeKey: 'c123',
      sellerNameKey: 'nikestore',
    });
    expect(combineKeysOfInput({ ref: 'R' })).toBeNull();
    expect(combineKeysOfInput(null)).toBeNull();
  });
});
