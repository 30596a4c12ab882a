import { describe, expect, it } from 'vitest';
import { byUrgency, noticeStateOf, paidReasonShown, unpaidKrw } from './tax-notices.ts';
import type { TaxNotice } from '../../src/domain/tax-notice.ts';

const n = (id: number, status: TaxNotice['status'], amountKrw: number, dueDate = '2026-12-07') => ({ declarationId: id, status, amountKrw, dueDate, payment: null, shortfallPayments: [], shortfallKrw: 0 }) as unknown as TaxNotice;

describe('tax notices as the consumer sees them', () => {
  it('lists what needs paying first: overdue, then due, then paid, newest first within each when due the same day', () => {
    const list = [n(9, 'paid', 10_000), n(8, 'due', 20_000), n(7, 'overdue', 30_000), n(6, 'due', 40_000), n(5, 'overdue', 50_000)];
    expect(byUrgency(list).map((x) => x.declarationId)).toEqual([7, 5, 8, 6, 9]);
  });

  it('lists the unpaid by due date, soonest first, whatever the server’s order (newest first)', () => {
    // As the demo consumer's page: the newest parcel due 12-21 was listed above two due 12-08.
    const list = [n(9, 'due', 63_100, '2026-12-07'), n(8, 'due', 58_280, '2026-12-21'), n(7, 'paid', 44_370, '2026-11-23'), n(6, 'due', 58_100, '2026-12-08'), n(5, 'overdue', 1_000, '2026-12-01'), n(4, 'overdue', 2_000, '2026-11-20'), n(3, 'paid', 5_000, '2026-12-30')];
    expect(byUrgency(list).map((x) => x.declarationId)).toEqual([4, 5, 9, 6, 8, 7, 3]);
  });

  it('keeps a notice paid on this page where it was: overdue 7 paid here stays first, not after 8 and 6', () => {
    const before = [n(9, 'paid', 10_000), n(8, 'due', 20_000, '2026-12-10'), n(7, 'overdue', 30_000, '2026-11-23'), n(6, 'due', 40_000, '2026-12-21')];
    expect(byUrgency(before).map((x) => x.declarationId)).toEqual([7, 8, 6, 9]);
    const after = before.map((x) => (x.declarationId === 7 ? { ...x, status: 'paid' as const } : x));
    // Read again after the payment, 7 is paid: on its own it sorts after the due ones (paid in the server’s order) …
    expect(byUrgency(after).map((x) => x.declarationId)).toEqual([8, 6, 9, 7]);
    // … but paid here (its state before: overdue), it keeps its place until the page is opened again.
    expect(byUrgency(after, new Map([[7, 'overdue']])).map((x) => x.declarationId)).toEqual([7, 8, 6, 9]);
    // 6, due last (12-21), paid here too: still after 8 (due 12-10).
    const both = after.map((x) => (x.declarationId === 6 ? { ...x, status: 'paid' as const } : x));
    expect(byUrgency(both, new Map([[7, 'overdue'], [6, 'due']])).map((x) => x.declarationId)).toEqual([7, 8, 6, 9]);
  });

  it('sums what is still to pay: due and overdue, not paid', () => {
    expect(unpaidKrw([n(1, 'paid', 67_050), n(2, 'due', 63_860), n(3, 'overdue', 55_970)])).toBe(119_830);
    expect(unpaidKrw([])).toBe(0);
    // A notice whose first payment (68,600) the bank reversed while its shortfall (10,000) stands: 78,600 − 10,000 = 68,600 to pay, not 78,600.
    const reversed = { ...n(4, 'due', 78_600), shortfallPayments: [{ amountKrw: 10_000 }], shortfallKrw: 68_600 } as unknown as TaxNotice;
    expect(unpaidKrw([reversed, n(2, 'due', 63_860)])).toBe(68_600 + 63_860);
  });
});

describe('a notice of a parcel the engine held (payable false: nothing can be paid until the hold is resolved)', () => {
  const held = (id: number, amountKrw: number) => ({ ...n(id, 'due', amountKrw), payable: false }) as unknown as TaxNotice;

  it('is not counted as still to pay: 63,860 due + 68,600 held = 63,860 to pay', () => {
    expect(unpaidKrw([n(1, 'due', 63_860), held(2, 68_600)])).toBe(63_860);
  });

  it('says held, not due, and lists after what can be paid, before what is paid', () => {
    expect(noticeStateOf(held(2, 68_600))).toBe('held');
    expect(noticeStateOf(n(1, 'due', 63_860))).toBe('due');
    expect(byUrgency([n(9, 'paid', 10_000), held(8, 68_600), n(7, 'due', 20_000)]).map((x) => x.declarationId)).toEqual([7, 8, 9]);
  });

  it('reads the status held as the API gives it: 63,860 due + 68,600 held = 63,860 to pay, listed after', () => {
    const heldNow = { ...n(2, 'held', 68_600), payable: false } as unknown as TaxNotice;
    expect(unpaidKrw([n(1, 'due', 63_860), heldNow])).toBe(63_860);
    expect(noticeStateOf(heldNow)).toBe('held');
    expect(byUrgency([heldNow, n(1, 'due', 63_860)]).map((x) => x.declarationId)).toEqual([1, 2]);
  });
});

describe('a paid notice on the operator’s list', () => {
  const paid = (amountKrw: number, paidKrw: number, more: Partial<TaxNotice> = {}) =>
    ({ ...n(1, 'paid', amountKrw), payment: { receiptNo: 'TR-1', amountKrw: paidKrw }, refund: null, refundsMade: [], ...more }) as unknown as TaxNotice;

  it('says why when a refund was made, even where paid and assessed agree', () => {
    // The demo's withdrawn parcel: 51,070 paid by card, 51,070 assessed, 51,070 refunded (RF-00000002): 51,070 − 51,070 = 0 kept.
    const refunded = paid(51_070, 51_070, { refundsMade: [{ refundNo: 'RF-00000002', amountKrw: 51_070, refundedAt: '2026-12-06T05:16:03.418Z', reason: 'reassessed_lower' }] } as unknown as Partial<TaxNotice>);
    expect(paidReasonShown(refunded)).toBe(true);
  });

  it('says why when assessed again (71,880 paid, 58,590 now: 13,290 over) or a refund is due; not for a plain payment', () => {
    expect(paidReasonShown(paid(58_590, 71_880))).toBe(true);
    expect(paidReasonShown(paid(58_590, 58_590, { refund: { refundNo: 'RF-00000001', amountKrw: 13_290, refundBy: '2026-12-09' } } as unknown as Partial<TaxNotice>))).toBe(true);
    expect(paidReasonShown(paid(80_360, 80_360))).toBe(false);
    expect(paidReasonShown(n(2, 'due', 80_360))).toBe(false);
  });
});
