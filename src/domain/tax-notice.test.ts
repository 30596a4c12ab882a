// Tax notices: expected values worked out by hand (arithmetic in the comments), not by running the code.
import { describe, expect, it } from 'vitest';
import type { Taxes } from './assessment.ts';
import { dueDateOf, luhnCheckDigit, owesTaxes, passesLuhn, paymentNumberOf, taxNoticeOf, type TaxNoticeInput } from './tax-notice.ts';

const TAXES: Taxes = { dutyKrw: 26_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 42_600, totalKrw: 68_600, collected: true };

const input = (over: Partial<TaxNoticeInput> = {}): TaxNoticeInput => ({
  declarationId: 1,
  cargoNo: '26TGW0000000001',
  declaredAt: '2026-11-18',
  status: 'import_declared',
  description: '티셔츠 Nike Dri-FIT',
  taxes: TAXES,
  events: [{ type: 'SUBMITTED', occurredAt: '2026-11-18T00:00:00.000Z' }],
  payment: null,
  today: '2026-11-25',
  ...over,
});

describe('Luhn', () => {
  it('computes the check digit', () => {
    // 7992739871, from the right doubling every other digit starting with the rightmost:
    // 1→2, 7, 8→16→7, 9, 3→6, 7, 2→4, 9, 9→18→9, 7; sum 2+7+7+9+6+7+4+9+9+7 = 67; (10 − 7) mod 10 = 3.
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('checks card numbers', () => {
    // 4242424242424242: from the right 2, 4→8, 2, 4→8, … eight pairs of 2 + 8 = 80 ≡ 0 (mod 10).
    expect(passesLuhn('4242424242424242')).toBe(true);
    // 4000000000000002: 2 + (leftmost 4 doubled) 8 = 10 ≡ 0.
    expect(passesLuhn('4000000000000002')).toBe(true);
    // 4242424242424241: 1 + 8 + 7 × (2 + 8) = 79 ≢ 0.
    expect(passesLuhn('4242424242424241')).toBe(false);
  });
});

describe('paymentNumberOf', () => {
  it("is '9' + yy + id in 15 digits + the Luhn digit, 19 digits", () => {
    // body 926 000000000000001 (18 digits). From the right: 1→2, fourteen 0s, 6 (not doubled),
    // 2→4, 9 (not doubled): 2 + 6 + 4 + 9 = 21; (10 − 1) mod 10 = 9.
    expect(paymentNumberOf(1, 2026)).toBe('9260000000000000019');
    // body 925 000000000012345. From the right: 5→10→1, 4, 3→6, 2, 1→2, ten 0s, 5 (not doubled),
    // 2→4, 9: 1 + 4 + 6 + 2 + 2 + 5 + 4 + 9 = 33; (10 − 3) mod 10 = 7.
    expect(paymentNumberOf(12_345, 2025)).toBe('9250000000000123457');
    expect(paymentNumberOf(12_345, 2025)).toHaveLength(19);
    expect(passesLuhn(paymentNumberOf(987_654_321, 2026))).toBe(true);
  });
});

describe('due date (관세법 제9조① 1: 15 days from acceptance)', () => {
  it('counts from 수입신고수리 across a month end', () => {
    // accepted 2026-11-20 (KST 10:00): 20 + 15 = 35 − 30 days of November = 2026-12-05
    expect(dueDateOf('2026-11-18', [{ type: 'IMPORT_ACCEPTED', occurredAt: '2026-11-20T01:00:00.000Z' }])).toEqual({ dueDate: '2026-12-05', provisional: false });
    // 2026-11-19 16:00 UTC is 2026-11-20 01:00 in Korea: the Korean date counts
    expect(dueDateOf('2026-11-18', [{ type: 'IMPORT_ACCEPTED', occurredAt: '2026-11-19T16:00:00.000Z' }]).dueDate).toBe('2026-12-05');
    // list clearance: 통관목록심사완료 on 2026-11-21: 21 + 15 = 36 − 30 = 2026-12-06
    expect(dueDateOf('2026-11-18', [{ type: 'LIST_CLEARED', occurredAt: '2026-11-21T03:00:00.000Z' }]).dueDate).toBe('2026-12-06');
  });

  it('is provisional from the declaration date before acceptance, across a year end', () => {
    // 2026-11-18 + 15 = 33 − 30 = 2026-12-03
    expect(dueDateOf('2026-11-18', [])).toEqual({ dueDate: '2026-12-03', provisional: true });
    // 2026-12-20 + 15 = 35 − 31 days of December = 2027-01-04
    expect(dueDateOf('2026-12-20', []).dueDate).toBe('2027-01-04');
  });
});

describe('taxNoticeOf', () => {
  it('is due through the due date itself and overdue the day after', () => {
    const accepted = [{ type: 'IMPORT_ACCEPTED' as const, occurredAt: '2026-11-20T01:00:00.000Z' }];
    const onDueDate = taxNoticeOf(input({ events: accepted, status: 'cleared', today: '2026-12-05' }))!;
    expect(onDueDate).toMatchObject({ status: 'due', dueDate: '2026-12-05', amountKrw: 68_600, paymentNo: '9260000000000000019', ref: '관세법 제9조(관세의 납부기한 등)' });
    expect(onDueDate.reason.ko).toContain('68,600원을 2026-12-05까지');
    const dayAfter = taxNoticeOf(input({ events: accepted, status: 'cleared', today: '2026-12-06' }))!;
    expect(dayAfter.status).toBe('overdue');
    expect(dayAfter.reason.en).toContain('overdue');
  });

  it('carries the taxes, the first item and, once paid, the payment', () => {
    const paid = taxNoticeOf(
      input({ payment: { receiptNo: 'TR-0123456789ABCDEF', paidAt: '2026-11-24T15:30:00.000Z', method: 'card', payerKind: 'consumer', amountKrw: 68_600 }, today: '2027-02-01' }),
    )!;
    expect(paid.status).toBe('paid'); // paid beats overdue
    expect(paid.taxes).toEqual({ dutyKrw: 26_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 42_600, totalKrw: 68_600 });
    expect(paid.description).toBe('티셔츠 Nike Dri-FIT');
    // 15:30 UTC on 11-24 is 00:30 on 11-25 in Korea
    expect(paid.reason.ko).toBe('2026-11-25에 관세 등 제세 68,600원을 납부했습니다(영수번호 TR-0123456789ABCDEF).');
  });

  it('is null when nothing is owed', () => {
    expect(taxNoticeOf(input({ taxes: { ...TAXES, collected: false } }))).toBeNull(); // under the minimum collection amount
    expect(taxNoticeOf(input({ taxes: { ...TAXES, totalKrw: 0 } }))).toBeNull();
    expect(taxNoticeOf(input({ taxes: null }))).toBeNull();
    expect(taxNoticeOf(input({ status: 'withdrawn' }))).toBeNull();
    expect(taxNoticeOf(input({ status: 'rejected' }))).toBeNull();
    expect(owesTaxes('held', TAXES)).toBe(true);
  });
});
