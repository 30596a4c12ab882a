import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileHolidayCalendar, NO_LISTED_HOLIDAYS } from './holidays.ts';
import type { Dataset, HolidayCalendarRecords } from './reference/types.ts';
import { cancelRetriesOf, cancelRetryingText, outcomesFor, refusedOutcomeOf, chargeWhileHeldText, REFUNDED_THEN_REVERSED_REASON, refundDueAlertOf, refundedThenReversedTxOf, holderToldOf, operatorToldOf, refundDueBy, refundDueText, refundNoOf, unknownChargeText } from './refund-due.ts';
import { endedStatusOf, endedWhy, reassessedCancelCause, reassessedRefundPlan, reassessedRefundText, reassessedRefundTxOf } from './reassessed-refunds.ts';
import { refundDueCancelledText } from './refund-events.ts';
import { consumerRefundAlertOf } from './consumer-refund-alerts.ts';

const HOLIDAYS = compileHolidayCalendar(JSON.parse(readFileSync(new URL('../../data/holidays.json', import.meta.url), 'utf8')) as Dataset<HolidayCalendarRecords>);

// The figure is data/payments.json's (to be confirmed): given here, so the days counted are the test's.
const THREE = { workingDays: 3 };

describe('a refund due', () => {
  it('comes by the policy\'s working day after the charge, e.g. the third', () => {
    // 2026-11-23 is a Monday: Tue 24, Wed 25, Thu 26.
    expect(refundDueBy('2026-11-23', HOLIDAYS, THREE)).toBe('2026-11-26');
    // Wed 2026-09-30: Thu 10-01 (1), Fri 10-02 (2), Sat 10-03 개천절, Sun, Mon 10-05 its 대체공휴일, Tue 10-06 (3).
    expect(refundDueBy('2026-09-30', HOLIDAYS, THREE)).toBe('2026-10-06');
    // Without listed holidays only the weekend is skipped: Thu 10-01, Fri 10-02, Mon 10-05.
    expect(refundDueBy('2026-09-30', NO_LISTED_HOLIDAYS, THREE)).toBe('2026-10-05');
    // Charged on a Saturday: Mon 11-30, Tue 12-01, Wed 12-02.
    expect(refundDueBy('2026-11-28', HOLIDAYS, THREE)).toBe('2026-12-02');
    // Another figure counts that many working days: Fri 10-02 is the 2nd from Wed 09-30; the 5th is Thu 10-08 (Tue 10-06, Wed 10-07, Thu 10-08).
    expect(refundDueBy('2026-09-30', HOLIDAYS, { workingDays: 2 })).toBe('2026-10-02');
    expect(refundDueBy('2026-09-30', HOLIDAYS, { workingDays: 5 })).toBe('2026-10-08');
  });

  it('tells the payer the amount, the reference, the day and whom to ask, in Korean and English', () => {
    expect(refundNoOf(42)).toBe('RF-00000042');
    const text = refundDueText({ refundNo: 'RF-00000042', amountKrw: 68_600, refundBy: '2026-10-06', payerKind: 'consumer' });
    expect(text.ko).toContain('두 번째 결제 68,600원은 취소되지 않아 환불 대상으로 등록했습니다(환불번호 RF-00000042)');
    expect(text.ko).toContain('2026-10-06(화)까지 결제하신 수단으로 환불됩니다');
    expect(text.ko).toContain('상담(민원상담)');
    expect(text.en).toContain('The second charge of KRW 68,600 could not be cancelled, so it is recorded for a refund (refund RF-00000042)');
    expect(text.en).toContain('by 2026-10-06 (Tue)');
    expect(text.en).toContain("If it is not by then, contact us through the portal's consultation (민원상담), quoting the refund number.");
  });

  it('says the void is being tried again when it failed for a passing reason: the number and the day only if it never goes through', () => {
    // 136,530 charged twice on Wednesday 2026-11-25: refunded by the 3rd working day, Monday 2026-11-30, if never cancelled.
    const text = refundDueText({ refundNo: 'RF-00000042', amountKrw: 136_530, refundBy: '2026-11-30', payerKind: 'consumer', cancelRetrying: true });
    expect(text.ko).toContain('두 번째 결제 136,530원은 결제대행사에서 바로 취소되지 않아 자동으로 다시 취소하고 있습니다');
    expect(text.ko).toContain('끝내 취소되지 않으면 환불번호 RF-00000042로 2026-11-30(월)까지 결제하신 수단으로 환불됩니다');
    expect(text.ko).toContain('상담(민원상담)');
    expect(text.en).toContain('The second charge of KRW 136,530 could not be cancelled at the payment gateway at once: the cancel is being tried again automatically.');
    expect(text.en).toContain('Should it never go through, it will be refunded to the means you paid with by 2026-11-30 (Mon) (refund RF-00000042).');
    expect(text.en).toContain("If it is neither cancelled nor refunded by then, contact us through the portal's consultation (민원상담)");
    const operator = refundDueText({ refundNo: 'RF-00000042', amountKrw: 136_530, refundBy: '2026-11-30', payerKind: 'operator', cancelRetrying: true });
    expect(operator.ko).toContain('플랫폼 운영 관리자에게 문의하세요');
    expect(operator.ko + operator.en).not.toContain('민원상담');
  });

  it("sends an operator paying on a consumer's behalf to the platform's administrators, not to the consumer's consultation", () => {
    const text = refundDueText({ refundNo: 'RF-00000042', amountKrw: 68_600, refundBy: '2026-10-06', payerKind: 'operator' });
    expect(text.ko).toContain('두 번째 결제 68,600원은 취소되지 않아 환불 대상으로 등록했습니다(환불번호 RF-00000042)');
    expect(text.ko.endsWith('그때까지 환불되지 않으면 환불번호를 적어 플랫폼 운영 관리자에게 문의하세요.')).toBe(true);
    expect(text.en.endsWith('If it is not by then, contact the platform administrators (운영 관리자), quoting the refund number.')).toBe(true);
    expect(text.ko).not.toContain('민원상담');
    expect(text.en).not.toContain('민원상담');
  });
});

describe('a charge of unknown outcome', () => {
  it('tells the payer it may have been charged, how a retry is safe, and the refund reference and date', () => {
    const same = unknownChargeText({ refundNo: 'RF-00000007', amountKrw: 45_000, refundBy: '2026-11-26', sameRequestRetry: true });
    expect(same.ko).toContain('45,000원이 결제되었을 수 있습니다');
    expect(same.ko).toContain('같은 납부 요청을 다시 보내면 이중 결제 없이');
    expect(same.ko).toContain('2026-11-26(목)까지');
    expect(same.ko).toContain('확인번호 RF-00000007');
    expect(same.en).toContain('KRW 45,000');
    expect(same.en).toContain('reference RF-00000007');
    const fresh = unknownChargeText({ refundNo: 'RF-00000007', amountKrw: 45_000, refundBy: '2026-11-26', sameRequestRetry: false });
    expect(fresh.ko).toContain('다시 납부하셔도 됩니다');
    expect(fresh.ko).not.toContain('같은 납부 요청');
  });
});

describe('a refund of taxes overpaid, the declaration assessed again after payment (관세법 제46조)', () => {
  it('records the difference when the taxes are now lower: paid 36,320, reassessed to 0 → 36,320; to 20,000 → 16,320', () => {
    expect(reassessedRefundPlan(36_320, 0, [], 'corrected')).toEqual({ keep: [], create: [{ charge: '', amountKrw: 36_320 }], resolve: [] });
    expect(reassessedRefundPlan(36_320, 20_000, [], 'corrected')).toEqual({ keep: [], create: [{ charge: '', amountKrw: 16_320 }], resolve: [] });
  });

  it('records nothing when the taxes now come to the amount paid or more (paid 36,320, owed 36,320 or 50,000)', () => {
    expect(reassessedRefundPlan(36_320, 36_320, [], 'x')).toEqual({ keep: [], create: [], resolve: [] });
    expect(reassessedRefundPlan(36_320, 50_000, [], 'x')).toEqual({ keep: [], create: [], resolve: [] });
  });

  it('keeps the open record when the same difference is found again (idempotent)', () => {
    // Paid 36,320, owed 20,000: 16,320 is open as record 7; assessed again at 20,000 → keep 7, nothing new.
    expect(reassessedRefundPlan(36_320, 20_000, [{ id: 7, amountKrw: 16_320 }], 'x')).toEqual({ keep: [7], create: [], resolve: [] });
  });

  it('supersedes an open record of another amount, so the same money is never refunded twice', () => {
    // Paid 36,320; first 20,000 (16,320 open as 7), now 0: 36,320 anew, 7 superseded.
    const p = reassessedRefundPlan(36_320, 0, [{ id: 7, amountKrw: 16_320 }], 'assessed again: 합산과세 (version 3)');
    expect(p.create).toEqual([{ charge: '', amountKrw: 36_320 }]);
    expect(p.keep).toEqual([]);
    expect(p.resolve).toEqual([{ id: 7, resolution: 'superseded: assessed again: 합산과세 (version 3), taxes KRW 0; the overpayment is now KRW 36,320 (KRW 36,320 paid), recorded anew' }]);
  });

  it('resolves an open record as no longer due when the taxes go up again to the amount paid or more, or the payment is reversed', () => {
    // Paid 36,320; 16,320 open; now 40,000 ≥ 36,320: nothing overpaid.
    const up = reassessedRefundPlan(36_320, 40_000, [{ id: 7, amountKrw: 16_320 }], 'corrected (version 4)');
    expect(up).toEqual({ keep: [], create: [], resolve: [{ id: 7, resolution: 'no longer due: corrected (version 4), taxes KRW 40,000, not less than the KRW 36,320 paid' }] });
    const reversed = reassessedRefundPlan(0, 20_000, [{ id: 7, amountKrw: 16_320 }], 'payment 3 reversed (version 2)');
    expect(reversed.create).toEqual([]);
    expect(reversed.resolve[0]!.resolution).toBe('no longer due: payment 3 reversed (version 2); no payment stands (reversed), nothing was overpaid');
  });

  it('names the charge to refund part of, per version and payments recorded', () => {
    expect(reassessedRefundTxOf(3, 1, 'tpay_abc')).toBe('reassessed:v3.1:tpay_abc');
    // Withdrawn or refused at version 3 stores no new version: its record is not that of version 3's assessment.
    expect(reassessedRefundTxOf(3, 1, 'tpay_abc', 'withdrawn')).toBe('reassessed:v3.1.withdrawn:tpay_abc');
    expect(reassessedRefundTxOf(3, 1, 'tpay_abc', 'rejected')).toBe('reassessed:v3.1.rejected:tpay_abc');
  });

  it('nets the refunds already made: paid 36,320, corrected to 20,000, 16,320 refunded; withdrawn: 36,320 − 16,320 − 0 = 20,000, not 36,320 again', () => {
    // The 16,320 was recorded as made by an administrator (no longer open): only what stays paid counts.
    expect(reassessedRefundPlan(36_320, 0, [], `${endedWhy('withdrawn')} (version 2)`, 16_320)).toEqual({ keep: [], create: [{ charge: '', amountKrw: 20_000 }], resolve: [] });
    // Corrected lower again to 15,000: 36,320 − 16,320 − 15,000 = 5,000.
    expect(reassessedRefundPlan(36_320, 15_000, [], 'corrected (version 3)', 16_320)).toEqual({ keep: [], create: [{ charge: '', amountKrw: 5_000 }], resolve: [] });
    // Corrected back to 20,000: 36,320 − 16,320 − 20,000 = 0: nothing (not 16,320 a second time).
    expect(reassessedRefundPlan(36_320, 20_000, [], 'corrected (version 3)', 16_320)).toEqual({ keep: [], create: [], resolve: [] });
    // Corrected up to 30,000: 36,320 − 16,320 = 20,000 paid net, 30,000 − 20,000 = 10,000 short: nothing overpaid, an open one resolved.
    const up = reassessedRefundPlan(36_320, 30_000, [{ id: 9, amountKrw: 4_000 }], 'corrected (version 4)', 16_320);
    expect(up).toEqual({
      keep: [],
      create: [],
      resolve: [{ id: 9, resolution: 'no longer due: corrected (version 4), taxes KRW 30,000, not less than the KRW 36,320 paid less KRW 16,320 already refunded' }],
    });
    // An open one of another amount is superseded by the net difference (36,320 − 16,320 − 0 = 20,000), and says so.
    expect(reassessedRefundPlan(36_320, 0, [{ id: 9, amountKrw: 36_320 }], 'withdrawn (version 2)', 16_320).resolve).toEqual([
      { id: 9, resolution: 'superseded: withdrawn (version 2), taxes KRW 0; the overpayment is now KRW 20,000 (KRW 36,320 paid less KRW 16,320 already refunded), recorded anew' },
    ]);
  });

  it('names each distinct situation at one version and count of payments by what the plan is based on, the earlier form kept otherwise', () => {
    // Two payments (86,580 + 49,950) at version 3; the 49,950 reversed: 86,580 stands, a new record, not the conflict of the first.
    expect(reassessedRefundTxOf(3, 2, 'tpay_card')).toBe('reassessed:v3.2:tpay_card');
    expect(reassessedRefundTxOf(3, 2, 'tpay_card', null, { standingKrw: 86_580 })).toBe('reassessed:v3.2.paid86580:tpay_card');
    // A refund of 16,320 made: the withdrawal's record says it.
    expect(reassessedRefundTxOf(2, 1, 'tpay_abc', 'withdrawn', { refundedKrw: 16_320 })).toBe('reassessed:v2.1.withdrawn.refunded16320:tpay_abc');
    expect(reassessedRefundTxOf(3, 2, 'tpay_card', 'rejected', { standingKrw: 86_580, refundedKrw: 16_320 })).toBe('reassessed:v3.2.rejected.paid86580.refunded16320:tpay_card');
    // Nothing reversed, nothing refunded: as before.
    expect(reassessedRefundTxOf(3, 1, 'tpay_abc', null, { standingKrw: null, refundedKrw: 0 })).toBe('reassessed:v3.1:tpay_abc');
  });

  it('refunds all that was paid once a paid declaration is withdrawn or refused (owed 0: 36,320 − 0 = 36,320), superseding a partial one', () => {
    expect(endedStatusOf('withdrawn')).toBe('withdrawn');
    expect(endedStatusOf('rejected')).toBe('rejected');
    expect(endedStatusOf('cleared')).toBeNull();
    // Paid 36,320, assessed again at 20,000 (16,320 open as id 7), then withdrawn: 36,320 replaces it.
    const plan = reassessedRefundPlan(36_320, 0, [{ id: 7, amountKrw: 16_320 }], `${endedWhy('withdrawn')} (version 2)`);
    expect(plan).toEqual({
      keep: [],
      create: [{ charge: '', amountKrw: 36_320 }],
      resolve: [
        {
          id: 7,
          resolution:
            'superseded: declaration withdrawn after payment (Customs Act art. 250): nothing is owed (version 2), taxes KRW 0; the overpayment is now KRW 36,320 (KRW 36,320 paid), recorded anew',
        },
      ],
    });
  });

  it('tells the payer of a withdrawn or refused declaration that all of it is refunded, why, and the law', () => {
    const withdrawn = reassessedRefundText({ refundNo: 'RF-00000042', amountKrw: 36_320, refundBy: '2026-10-06', owedKrw: 0, payerKind: 'consumer', ended: 'withdrawn' });
    expect(withdrawn.ko).toBe(
      '신고가 취하되어 납부하신 36,320원 전액이 환급 대상으로 등록되었습니다(환불번호 RF-00000042, 관세법 제250조 신고의 취하, 제46조 과오납금의 환급). ' +
        '2026-10-06(화)까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.',
    );
    expect(withdrawn.en).toBe(
      'The declaration was withdrawn, so the KRW 36,320 paid is recorded for a refund in full (refund RF-00000042; Customs Act art. 250, withdrawal of a declaration, and art. 46, refund of taxes overpaid). ' +
        "It will be refunded to the means you paid with by 2026-10-06 (Tue). If it is not by then, contact us through the portal's consultation (민원상담), quoting the refund number.",
    );
    const refused = reassessedRefundText({ refundNo: 'RF-00000042', amountKrw: 36_320, refundBy: '2026-10-06', owedKrw: 0, payerKind: 'operator', ended: 'rejected' });
    expect(refused.ko).toContain('통관이 불허되어 납부하신 36,320원 전액이 환급 대상으로 등록되었습니다(환불번호 RF-00000042, 관세법 제46조 과오납금의 환급).');
    expect(refused.en).toContain('Clearance was refused, so the KRW 36,320 paid is recorded for a refund in full (refund RF-00000042; Customs Act art. 46, refund of taxes overpaid).');
    expect(refused.ko).toContain('플랫폼 운영 관리자에게 문의하세요.');
  });

  it('tells the payer the overpayment, the number, the day, the law, and whom to ask, in Korean and English', () => {
    const text = reassessedRefundText({ refundNo: 'RF-00000042', amountKrw: 16_320, refundBy: '2026-10-06', owedKrw: 20_000, payerKind: 'operator' });
    expect(text.ko).toBe(
      '납부 후 세액이 20,000원으로 다시 산정되어 16,320원이 더 납부되었습니다. 더 납부된 16,320원은 환급 대상으로 등록되었습니다(환불번호 RF-00000042, 관세법 제46조 과오납금의 환급). ' +
        '2026-10-06(화)까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 환불번호를 적어 플랫폼 운영 관리자에게 문의하세요.',
    );
    expect(text.en).toContain('KRW 16,320 was paid too much. It is recorded for a refund (refund RF-00000042; Customs Act art. 46');
    expect(text.en).toContain('by 2026-10-06 (Tue)');
  });
});

describe('a refund due that no longer stands', () => {
  it('superseded: names the record that replaces it and says the two do not add up (49,950 cancelled, 136,530 due by Monday 2026-11-30)', () => {
    const text = refundDueCancelledText({ refundNo: 'RF-00000007', amountKrw: 49_950, cause: 'superseded', payerKind: 'operator', supersededBy: { refundNo: 'RF-00000009', amountKrw: 136_530, refundBy: '2026-11-30' } });
    expect(text.ko).toBe(
      '환불번호 RF-00000007(49,950원)의 환불은 취소되었습니다. 세액이 다시 산정되어 더 납부된 금액이 136,530원으로 바뀌었고, 환불번호 RF-00000009로 새로 등록되었습니다(관세법 제46조). 2026-11-30(월)까지 RF-00000009의 136,530원만 환급되며, 두 금액을 더하지 않습니다.',
    );
    expect(text.en).toBe(
      'Refund RF-00000007 (KRW 49,950) is cancelled: the taxes were assessed again and the overpayment is now KRW 136,530, recorded anew as refund RF-00000009 (Customs Act art. 46). Only KRW 136,530 under RF-00000009 is refunded, by 2026-11-30 (Mon): the two amounts do not add up.',
    );
  });

  it('says why for each other cause, and whom to ask after an administrator’s not refunded (the operator: the administrators; the consumer: the consultation)', () => {
    const of = (cause: Parameters<typeof refundDueCancelledText>[0]['cause'], payerKind: 'consumer' | 'operator' = 'operator') => refundDueCancelledText({ refundNo: 'RF-00000007', amountKrw: 49_950, cause, payerKind });
    expect(of('no_longer_due').en).toContain('no longer less than what was paid, so nothing was overpaid');
    expect(of('payment_reversed').ko).toContain('납부가 취소되어(입금 취소)');
    expect(of('deposit_reversed').en).toContain('the bank reversed the deposit');
    expect(of('not_refunded').ko).toContain('플랫폼 운영 관리자에게 문의하세요.');
    expect(of('not_refunded', 'consumer').ko).toContain('통관 포털의 상담(민원상담)으로 문의하세요.');
  });

  it('a payment reversed with the other part kept as it is: cancelled as payment reversed, naming the part that stays (86,580 by card + 49,950 by transfer, owed 0: 49,950 (RF-00000007) and 86,580 (RF-00000008); the transfer reversed: 86,580 − 0 = 86,580, RF-00000008 kept)', () => {
    const open = [
      { id: 7, amountKrw: 49_950, charge: 'transfer' },
      { id: 8, amountKrw: 86_580, charge: 'card' },
    ];
    const plan = reassessedRefundPlan(86_580, 0, open, 'payment 2 reversed (version 3)', 0, [{ charge: 'card', amountKrw: 86_580, refundedKrw: 0 }], false, { reversed: true });
    expect(plan).toEqual({
      keep: [8],
      create: [],
      resolve: [{ id: 7, resolution: 'payment reversed: payment 2 reversed (version 3), taxes KRW 0; the overpayment is now KRW 86,580 (KRW 86,580 paid), held by RF-00000008 unchanged; nothing is refunded under this number' }],
    });
    expect(reassessedCancelCause(plan, { reversed: true, paidKrw: 86_580 })).toBe('payment_reversed');
    // The same plan after a reassessment (not a reversal) stays superseded; one recording anew stays superseded after a reversal too.
    expect(reassessedCancelCause(plan, { reversed: false, paidKrw: 86_580 })).toBe('superseded');
    expect(reassessedCancelCause({ keep: [], create: [{ charge: 'card', amountKrw: 1 }], resolve: [] }, { reversed: true, paidKrw: 86_580 })).toBe('superseded');
    expect(reassessedCancelCause({ keep: [], create: [], resolve: [] }, { reversed: false, paidKrw: 0 })).toBe('payment_reversed');
    expect(reassessedCancelCause({ keep: [], create: [], resolve: [] }, { reversed: false, paidKrw: 10 })).toBe('no_longer_due');
    const text = refundDueCancelledText({
      refundNo: 'RF-00000007',
      amountKrw: 49_950,
      cause: 'payment_reversed',
      payerKind: 'operator',
      supersededBy: { refundNo: 'RF-00000008', amountKrw: 86_580, refundBy: '2026-11-30', unchanged: [{ refundNo: 'RF-00000008', amountKrw: 86_580 }] },
    });
    expect(text.ko).toBe(
      '환불번호 RF-00000007(49,950원)의 환불은 취소되었습니다. 납부 한 건이 취소되어(입금 취소) 그 납부분은 환급되지 않습니다. 더 납부된 금액은 이제 모두 86,580원이며(관세법 제46조), 환불번호 RF-00000008(86,580원)은 그대로입니다. 2026-11-30(월)까지 86,580원만 환급됩니다.',
    );
    expect(text.en).toBe(
      'Refund RF-00000007 (KRW 49,950) is cancelled: a payment was reversed (the deposit went back), so nothing of it is refunded. The overpayment is now KRW 86,580 in all (Customs Act art. 46): refund RF-00000008 (KRW 86,580) stands unchanged, and only this, KRW 86,580, is refunded, by 2026-11-30 (Mon).',
    );
  });

  it('is announced to whoever was given the number: the operator of every record of its payment but a charge of unknown outcome; the PCCC holder of a deposit after paid, and of a second or unknown charge of their own', () => {
    expect(operatorToldOf({ payerKind: 'operator', reason: 'reassessed_lower' })).toBe(true);
    expect(operatorToldOf({ payerKind: 'operator', reason: 'charge_outcome_unknown' })).toBe(false);
    expect(operatorToldOf({ payerKind: 'consumer', reason: 'reassessed_lower' })).toBe(false);
    expect(holderToldOf({ payerKind: 'operator', reason: 'deposit_after_paid' })).toBe(true);
    expect(holderToldOf({ payerKind: 'consumer', reason: 'duplicate_charge_not_voided' })).toBe(true);
    expect(holderToldOf({ payerKind: 'operator', reason: 'duplicate_charge_not_voided' })).toBe(false);
    expect(holderToldOf({ payerKind: 'consumer', reason: 'reassessed_lower' })).toBe(false); // read on the notice, as it stands
  });
});

describe('a card charge that crossed a hold (record-charge.ts: decided under the payment lock)', () => {
  it('says nothing is paid, the charge cancelled or its refund number and day, why (관세법 제19조①1 or 제9조) and what to do', () => {
    const cancelled = chargeWhileHeldText({ amountKrw: 136_530, cargoNo: '26TGW0000000042', heldBy: 'not_me', payerKind: 'consumer', refund: null });
    expect(cancelled.ko).toBe(
      "결제하는 사이에 화물관리번호 26TGW0000000042는 수하인의 '내가 아님'(개인통관고유부호 도용) 신고로 통관이 보류되어, 세관이 물품의 화주(납세의무자, 관세법 제19조①1)를 확인할 때까지 세금을 납부할 수 없습니다. " +
        '그래서 세금은 납부되지 않았고, 결제하신 136,530원은 취소했습니다. 보류가 해소되기 전에는 납부할 수 없으니, 해소되면 세금 고지에서 다시 납부하세요.',
    );
    expect(cancelled.en).toContain('So the taxes are not paid. The card charge of KRW 136,530 was cancelled.');
    // Toss refused the cancel: refund RF-00000012, by Monday 2026-11-30 (three working days after Wednesday 2026-11-25).
    const refund = chargeWhileHeldText({ amountKrw: 136_530, cargoNo: '26TGW0000000042', heldBy: 'engine', payerKind: 'operator', refund: { refundNo: 'RF-00000012', refundBy: '2026-11-30' } });
    expect(refund.ko).toContain('(관세법 제9조)');
    expect(refund.ko).toContain('결제하신 136,530원은 결제대행사에서 취소되지 않아 환불 대상으로 등록했습니다(환불번호 RF-00000012). 2026-11-30(월)까지 결제하신 수단으로 환불됩니다.');
    expect(refund.ko).toContain('플랫폼 운영 관리자');
    expect(refund.en).toContain('recorded for a refund (refund RF-00000012): it will be refunded to the means you paid with by 2026-11-30 (Mon).');
  });

  it('a cancel that failed for a passing reason: being tried again, the refund number and date only should it never go through (ko/en)', () => {
    const retrying = chargeWhileHeldText({ amountKrw: 136_530, cargoNo: '26TGW0000000042', heldBy: 'not_me', payerKind: 'consumer', refund: { refundNo: 'RF-00000013', refundBy: '2026-11-30', cancelRetrying: true } });
    expect(retrying.ko).toContain('결제하신 136,530원은 결제대행사에서 바로 취소되지 않아 자동으로 다시 취소하고 있습니다. 끝내 취소되지 않으면 환불번호 RF-00000013로 2026-11-30(월)까지 결제하신 수단으로 환불됩니다.');
    expect(retrying.en).toContain('the cancel is being tried again automatically. Should it never go through, it will be refunded to the means you paid with by 2026-11-30 (Mon) (refund RF-00000013).');
    expect(retrying.ko).not.toContain('취소되지 않아 환불 대상으로 등록했습니다');
  });

  it('cancelled by a later attempt: the record ends (charge_cancelled), the consumer given its number hears it is off, ko/en', () => {
    const ended = { reason: 'charge_while_held', payerKind: 'consumer' as const, resolvedAt: '2026-11-25T03:02:00.000Z', outcome: 'not_refunded' as const, resolvedBy: 'system' };
    expect(consumerRefundAlertOf(ended, false, 'charge_cancelled')).toBe('refund_due_cancelled');
    // Resolved by the system for another cause: nothing to tell (as before).
    expect(consumerRefundAlertOf(ended, false, 'not_refunded')).toBeNull();
    const text = refundDueCancelledText({ refundNo: 'RF-00000013', amountKrw: 136_530, cause: 'charge_cancelled', payerKind: 'consumer' });
    expect(text.ko).toBe('환불번호 RF-00000013(136,530원)의 환불은 취소되었습니다. 결제대행사에서 카드 결제를 다시 취소해 취소되었으므로 환불할 금액이 없습니다. 카드사에 따라 취소가 카드 내역에 보이기까지 며칠 걸릴 수 있습니다.');
    expect(text.en).toContain('Refund RF-00000013 (KRW 136,530) is cancelled: the card charge was cancelled at the payment gateway on a later attempt, so there is nothing to refund.');
  });
  it('a consumer who paid is told of its refund by the answer (holderToldOf), so an administrator\'s not_refunded of it is told too', () => {
    expect(holderToldOf({ reason: 'charge_while_held', payerKind: 'consumer' })).toBe(true);
    expect(holderToldOf({ reason: 'charge_while_held', payerKind: 'operator' })).toBe(false);
  });
});

describe('a deposit paid back twice (refunded by hand, then reversed by the bank)', () => {
  // The deposit of 136,530 was refunded as RF-00000021; the bank reversed it afterwards: 136,530 went back twice.
  const record = { reason: REFUNDED_THEN_REVERSED_REASON, amountKrw: 136_530, providerTx: refundedThenReversedTxOf('RF-00000021'), payerKind: 'operator' as const };

  it('is an alert for the administrators with code, ko, en and the legal reference; any other refund due has none', () => {
    const a = refundDueAlertOf(record, '26TGW0000000042')!;
    expect(a.code).toBe('PAID_BACK_TWICE');
    expect(a.ko).toContain('화물관리번호 26TGW0000000042의 입금 136,530원은 환불번호 RF-00000021로 이미 환불했는데');
    expect(a.ko).toContain('납부자가 136,530원을 두 번 돌려받았습니다');
    expect(a.en).toContain('The payer got KRW 136,530 back twice.');
    expect(a.ref).toContain('민법 제741조');
    expect(refundDueAlertOf({ ...record, reason: 'deposit_while_held', providerTx: 'tx' }, '26TGW0000000042')).toBeNull();
  });

  it('is told to nobody but the administrators: no operator webhook, no consumer alert', () => {
    expect(operatorToldOf(record)).toBe(false);
    expect(holderToldOf({ ...record, payerKind: 'consumer' })).toBe(false);
    expect(consumerRefundAlertOf({ ...record, payerKind: 'consumer', resolvedAt: null, outcome: null }, false)).toBeNull();
  });
});

describe("a refund due's cancel retries, as the administrators read them (cancelRetriesOf)", () => {
  it('none tried: null; still retrying, given up after the 8th or refused at the 1st, or cancelled by a later attempt', () => {
    const open = { resolvedAt: null, resolvedBy: null };
    expect(cancelRetriesOf({ ...open, cancelAttempts: 0, cancelNextAttemptAt: null, cancelLastError: null }, 8)).toBeNull();
    // 3 of 8 made, the 4th due: not given up.
    expect(cancelRetriesOf({ ...open, cancelAttempts: 3, cancelNextAttemptAt: '2026-11-25T03:07:00.000Z', cancelLastError: 'the provider did not answer the cancel' }, 8)).toEqual({
      attempts: 3,
      maxAttempts: 8,
      state: 'retrying',
      lastError: 'the provider did not answer the cancel',
    });
    // 8 of 8 failed: given up, the administrators refund it by hand.
    expect(cancelRetriesOf({ ...open, cancelAttempts: 8, cancelNextAttemptAt: null, cancelLastError: 'the provider did not answer the cancel' }, 8)).toMatchObject({ attempts: 8, state: 'given_up' });
    // Refused for good at the first attempt: given up after 1 of 8.
    expect(cancelRetriesOf({ ...open, cancelAttempts: 1, cancelNextAttemptAt: null, cancelLastError: 'the provider refused the cancel: NOT_CANCELABLE_PAYMENT' }, 8)).toMatchObject({ attempts: 1, state: 'given_up' });
    // The 2nd went through: cancelled, settled by the system.
    expect(cancelRetriesOf({ resolvedAt: '2026-11-25T03:02:00.000Z', resolvedBy: 'system', cancelAttempts: 2, cancelNextAttemptAt: null, cancelLastError: 'the provider did not answer the cancel' }, 8)).toMatchObject({ attempts: 2, state: 'cancelled' });
    // Given up, then resolved by an administrator: it stays given up.
    expect(cancelRetriesOf({ resolvedAt: '2026-11-26T01:00:00.000Z', resolvedBy: 'e2e-admin', cancelAttempts: 8, cancelNextAttemptAt: null, cancelLastError: 'x' }, 8)).toMatchObject({ state: 'given_up' });
  });
});

describe('a refund due whose cancel is still being tried, refused to an administrator (cancelRetryingText)', () => {
  it('says the attempts made of the most and when the next is due, in Korea (UTC+9), and to wait rather than refund twice', () => {
    // 3 of 8 made; the 4th due at 03:07 UTC, 12:07 in Korea.
    const text = cancelRetryingText({ refundNo: 'RF-00000042', attempts: 3, maxAttempts: 8, nextAttemptAt: '2026-11-25T03:07:00.000Z' });
    expect(text.ko).toContain('환불번호 RF-00000042 건은 결제대행사에서 카드 결제를 자동으로 다시 취소하고 있습니다(8회 중 3회 시도, 다음 시도 2026-11-25 12:07 KST 무렵)');
    expect(text.ko).toContain('이중 환불');
    expect(text.ko).toContain('기다리세요');
    expect(text.en).toContain('Refund RF-00000042 is still being cancelled automatically at the payment gateway (3 of 8 attempts made; the next around 2026-11-25 12:07 KST)');
    expect(text.en).toContain('refunding the payer twice');
    // 16:30 UTC is 01:30 the next day in Korea.
    expect(cancelRetryingText({ refundNo: 'RF-00000007', attempts: 7, maxAttempts: 8, nextAttemptAt: '2026-11-25T16:30:00.000Z' }).en).toContain('(7 of 8 attempts made; the next around 2026-11-26 01:30 KST)');
  });
});

describe('what an administrator can record for a refund due (outcomesFor, refusedOutcomeOf)', () => {
  it('a refund to make: refunded or not refunded; a deposit paid back twice, owed to nobody: recovered or written off, never refunded', () => {
    expect(outcomesFor('duplicate_charge_not_voided')).toEqual(['refunded', 'not_refunded']);
    expect(outcomesFor('deposit_while_held')).toEqual(['refunded', 'not_refunded']);
    expect(outcomesFor(REFUNDED_THEN_REVERSED_REASON)).toEqual(['recovered', 'written_off']);
    expect(refusedOutcomeOf(REFUNDED_THEN_REVERSED_REASON, 'refunded')).toEqual({ reason: 'refunded_then_reversed', allowed: ['recovered', 'written_off'] });
    expect(refusedOutcomeOf(REFUNDED_THEN_REVERSED_REASON, 'not_refunded')).toEqual({ reason: 'refunded_then_reversed', allowed: ['recovered', 'written_off'] });
    expect(refusedOutcomeOf(REFUNDED_THEN_REVERSED_REASON, 'recovered')).toBeNull();
    expect(refusedOutcomeOf(REFUNDED_THEN_REVERSED_REASON, 'written_off')).toBeNull();
    expect(refusedOutcomeOf('charge_while_held', 'written_off')).toEqual({ reason: 'charge_while_held', allowed: ['refunded', 'not_refunded'] });
    expect(refusedOutcomeOf('charge_while_held', 'refunded')).toBeNull();
  });

  it("the paid-back-twice alert tells the administrators to record it so (not as 'not refunded')", () => {
    const alert = refundDueAlertOf({ reason: REFUNDED_THEN_REVERSED_REASON, amountKrw: 136_530, providerTx: refundedThenReversedTxOf('RF-00000001') }, '26TGW0000000001')!;
    expect(alert.ko).toContain("'회수 완료' 또는 '회수 포기'로 처리 내용을 기록하세요");
    expect(alert.en).toContain('then record it as recovered or written off with what was done');
    expect(alert.ko + alert.en).not.toMatch(/환불하지 않음|not refunded/);
  });
});
