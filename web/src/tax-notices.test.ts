import { describe, expect, it } from 'vitest';
import { byUrgency, unpaidKrw } from './tax-notices.ts';
import type { TaxNotice } from '../../src/domain/tax-notice.ts';

const n = (id: number, status: TaxNotice['status'], amountKrw: number) => ({ declarationId: id, status, amountKrw }) as TaxNotice;

describe('tax notices as the consumer sees them', () => {
  it('lists what needs paying first: overdue, then due, then paid, newest first within each', () => {
    const list = [n(9, 'paid', 10_000), n(8, 'due', 20_000), n(7, 'overdue', 30_000), n(6, 'due', 40_000), n(5, 'overdue', 50_000)];
    expect(byUrgency(list).map((x) => x.declarationId)).toEqual([7, 5, 8, 6, 9]);
  });

  it('sums what is still to pay: due and overdue, not paid', () => {
    expect(unpaidKrw([n(1, 'paid', 67_050), n(2, 'due', 63_860), n(3, 'overdue', 55_970)])).toBe(119_830);
    expect(unpaidKrw([])).toBe(0);
  });
});
