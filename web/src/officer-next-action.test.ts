// The officer's next action on the declaration page: what the parties are told now, and where the taxes
// stand (paid, payable, overdue, held, refunded, not collected), read from the tax notice and the rules the
// notice and the lookups follow (taxes-payable.ts, nextStepsOf). Before, the page's next action never said
// whether the taxes of a parcel the officer was about to accept (수리) were paid.
import { describe, expect, it } from 'vitest';
import { officerNextActionOf, officerTaxesOf, refusalOf, type OfficerDetail } from './officer-next-action.ts';
import type { TaxNotice, TaxNoticePayment } from '../../src/domain/tax-notice.ts';
import type { Taxes } from '../../src/domain/assessment.ts';
import { NOT_ME_SOURCE } from '../../src/domain/not-me-hold.ts';

// A bag at USD 400: duty 13 % and VAT 10 % (the consumer tax-notice fixtures' numbers): 136,530 in all.
const TAXES: Taxes = { dutyKrw: 62_650, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 73_880, totalKrw: 136_530, collected: true };

const detail = (over: Partial<OfficerDetail> = {}): OfficerDetail => ({
  status: 'under_review',
  route: 'general',
  holdReason: null,
  timeline: [],
  assessment: { taxes: TAXES },
  ...over,
});

const payment = (over: Partial<TaxNoticePayment> = {}): TaxNoticePayment => ({
  receiptNo: 'R-2026-000001',
  paidAt: '2026-12-01T01:00:00.000Z', // 10:00 in Korea
  method: 'card',
  payerKind: 'operator',
  amountKrw: 136_530,
  ...over,
});

const notice = (over: Partial<TaxNotice> = {}): TaxNotice => ({
  declarationId: 7,
  cargoNo: 'TGC26000000007',
  description: 'bag',
  paymentNo: '9260000000000000078',
  amountKrw: 136_530,
  dueDate: '2026-12-16',
  status: 'due',
  taxes: { dutyKrw: 62_650, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 73_880, totalKrw: 136_530 },
  payment: null,
  refund: null,
  refunds: [],
  refundsMade: [],
  shortfallKrw: 0,
  shortfallPayments: [],
  payable: true,
  ref: '관세법 제9조(관세의 납부기한 등)',
  reason: { ko: '', en: '' },
  ...over,
});

describe('officerTaxesOf: where the taxes stand, for the officer about to decide', () => {
  it('under review, not paid: payable now, before 수리 too (관세법 제9조③), due within 15 days of it (제9조① 1)', () => {
    const t = officerTaxesOf(detail(), notice())!;
    expect(t.code).toBe('TAXES_PAYABLE');
    expect(t.ko).toBe('세금 136,530원이 아직 납부되지 않았습니다. 수리 전에도 납부할 수 있고, 수리되면 수리일부터 15일 안에 납부해야 합니다(지금의 잠정 기한 2026-12-16).');
    expect(t.en).toBe('Taxes of KRW 136,530 are not paid yet. They can be paid before acceptance, and once accepted are due within 15 days of it (provisional due date now: 2026-12-16).');
    expect(t.ref).toBe('관세법 제9조①·③');
  });

  it('accepted, not paid: due by the notice’s due date (15 days from 수리)', () => {
    const t = officerTaxesOf(detail({ status: 'cleared' }), notice({ dueDate: '2026-12-18' }))!;
    expect(t.code).toBe('TAXES_PAYABLE');
    expect(t.ko).toBe('세금 136,530원이 아직 납부되지 않았습니다. 납부기한은 2026-12-18입니다(수리일부터 15일).');
    expect(t.en).toBe('Taxes of KRW 136,530 are not paid yet; they are due by 2026-12-18 (15 days from acceptance).');
    expect(t.ref).toBe('관세법 제9조① 1');
  });

  it('an officer’s hold (관세법 제237조) withholds clearance, not the tax: still payable', () => {
    const t = officerTaxesOf(detail({ status: 'held', holdReason: { source: 'officer', reason: '원산지 확인' } }), notice())!;
    expect(t.code).toBe('TAXES_PAYABLE');
  });

  it('overdue: the due date passed unpaid; a penalty tax may follow (관세법 제42조)', () => {
    const t = officerTaxesOf(detail({ status: 'released' }), notice({ status: 'overdue', dueDate: '2026-11-20' }))!;
    expect(t.code).toBe('TAXES_OVERDUE');
    expect(t.ko).toBe('세금 136,530원의 납부기한(2026-11-20)이 지났으나 납부되지 않았습니다. 늦게 낸 세액에는 가산세가 붙을 수 있습니다.');
    expect(t.en).toBe('Taxes of KRW 136,530 were due by 2026-11-20 and are not paid; taxes paid late may owe a penalty tax.');
    expect(t.ref).toBe('관세법 제9조; 관세법 제42조');
  });

  it('paid: the amount, the day in Korea and the receipt', () => {
    const t = officerTaxesOf(detail(), notice({ status: 'paid', payment: payment() }))!;
    expect(t.code).toBe('TAXES_PAID');
    expect(t.ko).toBe('세금 136,530원이 납부되었습니다(2026-12-01, 영수번호 R-2026-000001).');
    expect(t.en).toBe('Taxes of KRW 136,530 are paid (2026-12-01, receipt no. R-2026-000001).');
    expect(t.ref).toBe('관세법 제9조');
  });

  it('paid, assessed again higher, the shortfall paid too: both receipts, 136,530 + 10,000 = 146,530', () => {
    const t = officerTaxesOf(detail(), notice({ status: 'paid', amountKrw: 146_530, payment: payment(), shortfallPayments: [payment({ receiptNo: 'R-2026-000002', amountKrw: 10_000, paidAt: '2026-12-02T01:00:00.000Z' })] }))!;
    expect(t.code).toBe('TAXES_PAID');
    expect(t.ko).toBe('세금 146,530원이 납부되었습니다(2026-12-02, 영수번호 R-2026-000001, R-2026-000002).');
  });

  it('paid, assessed again higher, the shortfall not paid: payable, the shortfall only (146,530 − 136,530 = 10,000)', () => {
    const t = officerTaxesOf(detail(), notice({ status: 'due', amountKrw: 146_530, payment: payment(), shortfallKrw: 10_000 }))!;
    expect(t.code).toBe('TAXES_PAYABLE');
    expect(t.ko).toBe('다시 산정된 세액의 부족분 10,000원이 아직 납부되지 않았습니다. 수리 전에도 납부할 수 있고, 수리되면 수리일부터 15일 안에 납부해야 합니다(지금의 잠정 기한 2026-12-16).');
    expect(t.en).toBe('The shortfall of KRW 10,000 after the taxes were assessed again is not paid yet. It can be paid before acceptance, and once accepted is due within 15 days of it (provisional due date now: 2026-12-16).');
  });

  it('paid, part refunded after a lower assessment: paid, and the refund made told (136,530 − 49,950 = 86,580 counts)', () => {
    const t = officerTaxesOf(detail(), notice({ status: 'paid', amountKrw: 86_580, payment: payment(), refundsMade: [{ refundNo: 'RF-00000001', amountKrw: 49_950, refundedAt: '2026-12-03T01:00:00.000Z', reason: 'reassessed_lower' }] }))!;
    expect(t.code).toBe('TAXES_PAID');
    expect(t.ko).toBe('세금 136,530원이 납부되었습니다(2026-12-01, 영수번호 R-2026-000001). 이 중 49,950원은 환급되었습니다(환불번호 RF-00000001).');
    expect(t.en).toBe('Taxes of KRW 136,530 are paid (2026-12-01, receipt no. R-2026-000001). KRW 49,950 of it was refunded (refund RF-00000001).');
  });

  it('withdrawn after payment, all of it refunded: refunded, nothing owed (관세법 제46조)', () => {
    const t = officerTaxesOf(
      detail({ status: 'withdrawn' }),
      notice({ status: 'paid', payment: payment(), refundsMade: [{ refundNo: 'RF-00000002', amountKrw: 136_530, refundedAt: '2026-12-04T01:00:00.000Z', reason: 'reassessed_lower' }] }),
    )!;
    expect(t.code).toBe('TAXES_REFUNDED');
    expect(t.ko).toBe('납부된 세금 136,530원이 모두 환급되었습니다(2026-12-04, 환불번호 RF-00000002). 낼 세금은 없습니다.');
    expect(t.en).toBe('The KRW 136,530 paid was refunded in full (2026-12-04, refund RF-00000002). No taxes are owed.');
    expect(t.ref).toBe('관세법 제46조');
  });

  it('held by the engine (route hold): not payable before the hold is resolved (관세법 제9조: due from 수리)', () => {
    const t = officerTaxesOf(detail({ status: 'held', route: 'hold', holdReason: { source: 'engine', reasons: [] } }), notice({ status: 'held', payable: false }))!;
    expect(t.code).toBe('TAXES_HELD_ENGINE');
    expect(t.ko).toBe('엔진의 통관보류로 세금 136,530원은 지금 납부할 수 없습니다. 보류가 해소되어 수리되면 수리일부터 15일 안에 납부합니다.');
    expect(t.en).toBe("Held by the engine, so the taxes of KRW 136,530 cannot be paid now; if the hold is resolved and the goods are accepted, they are due within 15 days of acceptance.");
    expect(t.ref).toBe('관세법 제9조');
  });

  it('held on the consignee’s "not me" report: not asked of anyone before customs knows whose goods these are (관세법 제19조①1)', () => {
    const t = officerTaxesOf(detail({ status: 'held', holdReason: { source: NOT_ME_SOURCE } }), notice({ status: 'held', payable: false }))!;
    expect(t.code).toBe('TAXES_HELD_NOT_ME');
    expect(t.ko).toBe("수하인의 '내가 아님'(도용) 신고로 보류되어 세금 136,530원은 지금 받지 않습니다. 물품의 화주(납세의무자)를 세관이 확인해 본인 주문으로 보류가 풀리고 수리되면 수리일부터 15일 안에 납부합니다.");
    expect(t.ref).toBe('관세법 제19조①1; 관세법 제9조');
  });

  it('under the minimum collected (관세법 제40조): not collected, nothing to wait for', () => {
    const low: Taxes = { dutyKrw: 4_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 4_400, totalKrw: 8_400, collected: false };
    const t = officerTaxesOf(detail({ assessment: { taxes: low } }), null)!;
    expect(t.code).toBe('TAXES_NOT_COLLECTED');
    expect(t.ko).toBe('세액 8,400원이 징수금액의 최저한에 못 미쳐 징수하지 않습니다. 기다릴 납부는 없으며, 수리일이 납부일로 됩니다.');
    expect(t.en).toBe('The taxes of KRW 8,400 are below the minimum collected, so they are not collected: there is no payment to wait for, and the day of acceptance counts as the payment date.');
    expect(t.ref).toBe('관세법 제40조; 관세법 시행령 제37조');
  });

  it('no taxes assessed (exempt): nothing to pay', () => {
    const none: Taxes = { dutyKrw: 0, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 0, totalKrw: 0, collected: false };
    expect(officerTaxesOf(detail({ assessment: { taxes: none } }), null)!.code).toBe('TAXES_NONE');
    expect(officerTaxesOf(detail({ assessment: { taxes: null } }), null)!.ko).toBe('부과된 세금이 없습니다.');
  });

  it('refused with nothing paid: nothing owed (the notice is gone)', () => {
    const t = officerTaxesOf(detail({ status: 'rejected' }), null)!;
    expect(t.code).toBe('TAXES_NOT_OWED');
    expect(t.ko).toBe('통관이 불허되어 낼 세금이 없고, 납부된 세금도 없습니다.');
    expect(officerTaxesOf(detail({ status: 'withdrawn' }), null)!.en).toBe('The declaration was withdrawn: no taxes are owed, and none were paid.');
  });

  it('the notice not read yet: nothing said (not "no taxes")', () => {
    expect(officerTaxesOf(detail(), undefined)).toBeNull();
  });
});

describe('officerNextActionOf: the parties’ next step, then the taxes', () => {
  it('under review and unpaid: waiting for examination, and the taxes payable', () => {
    const next = officerNextActionOf(detail(), notice());
    expect(next.now.ko).toBe('세관 심사를 기다리고 있습니다. 지금 할 일은 없습니다.');
    expect(next.taxes?.code).toBe('TAXES_PAYABLE');
  });

  it('held on a "not me" report: nothing to file (as the lookups say), and the taxes held', () => {
    const d = detail({ status: 'held', holdReason: { source: NOT_ME_SOURCE }, timeline: [{ type: 'HOLD', nameKo: '통관보류', nameEn: 'Clearance on hold', occurredAt: '2026-12-01T01:00:00.000Z', reason: null, detail: { source: NOT_ME_SOURCE }, statusAfter: 'held' }] });
    const next = officerNextActionOf(d, notice({ status: 'held', payable: false }));
    expect(next.now.ko).toContain('따로 제출할 서류는 없습니다');
    expect(next.taxes?.code).toBe('TAXES_HELD_NOT_ME');
  });
});

describe('refusalOf: why a refused parcel was refused, at the top of the officer’s page', () => {
  // Before, a refused parcel's decision card said only "no action is possible in this status": the hold reason
  // went with the hold, and the refusal's own reason was at the foot of the page, in the audit trail.
  const rejected = (rejectDetail: Record<string, unknown> | null): OfficerDetail =>
    detail({
      status: 'rejected',
      timeline: [
        { type: 'SUBMITTED', nameKo: '신고접수', nameEn: 'Declaration received', occurredAt: '2026-12-03T00:10:00.000Z', reason: null, detail: { route: 'hold' }, statusAfter: 'held' },
        { type: 'REJECTED', nameKo: '통관불허', nameEn: 'Clearance refused', occurredAt: '2026-12-07T16:51:39.277Z', reason: '마약류(CBD) 반입 금지 물품으로 통관 불허', detail: rejectDetail, statusAfter: 'rejected' },
      ],
    });
  it('the officer’s reason in Korean and English, who refused it and when', () => {
    expect(refusalOf(rejected({ officer: 'kim', reasonEn: 'Refused: narcotics (CBD), prohibited goods' }))).toEqual({
      ko: '마약류(CBD) 반입 금지 물품으로 통관 불허',
      en: 'Refused: narcotics (CBD), prohibited goods',
      officer: 'kim',
      at: '2026-12-07T16:51:39.277Z',
    });
  });
  it('no English reason given: the Korean in both', () => {
    expect(refusalOf(rejected({ officer: 'kim' }))).toMatchObject({ ko: '마약류(CBD) 반입 금지 물품으로 통관 불허', en: '마약류(CBD) 반입 금지 물품으로 통관 불허' });
  });
  it('not refused: none', () => {
    expect(refusalOf(detail({ status: 'held' }))).toBeNull();
  });
});
