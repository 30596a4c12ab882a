// The consumer payer's alerts of refunds due of a reassessment (consumer-refund-alerts.ts consumerRefundAlertOf,
// consumerRefundAlertText): which records, and what each says.
import { describe, expect, it } from 'vitest';
import {
  consumerRefundAlertMessage,
  consumerRefundAlertOf,
  consumerRefundAlertText,
  consumerRefundSituationsOf,
  consumerRefundSituationText,
  depositAlertFactsOf,
  type ConsumerRefundAlertFacts,
} from './consumer-refund-alerts.ts';

const open = { resolvedAt: null, outcome: null } as const;
const cancelled = { resolvedAt: '2026-11-25T03:00:00.000Z', outcome: 'not_refunded' } as const;

describe('consumerRefundAlertOf', () => {
  it('a consumer payer of a reassessment refund: told of the record, and of its end; not when told with the payment that made it', () => {
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'reassessed_lower', ...open }, false)).toBe('refund_due');
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'reassessed_lower', ...open }, true)).toBeNull();
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'reassessed_lower', ...cancelled }, true)).toBe('refund_due_cancelled');
    // A refund made to a consumer payer, whatever its reason: queued with the resolution (before: sent after the commit, best effort).
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'reassessed_lower', resolvedAt: cancelled.resolvedAt, outcome: 'refunded' }, false)).toBe('refunded');
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'deposit_after_paid', resolvedAt: cancelled.resolvedAt, outcome: 'refunded' }, false)).toBe('refunded');
    expect(consumerRefundAlertOf({ payerKind: 'operator', reason: 'reassessed_lower', resolvedAt: cancelled.resolvedAt, outcome: 'refunded' }, false)).toBeNull();
  });
  it('an operator payer of a reassessment gets webhooks; a deposit after paid is alerted with its record; a number the holder was given, of an administrator\'s not_refunded only', () => {
    expect(consumerRefundAlertOf({ payerKind: 'operator', reason: 'reassessed_lower', ...open }, false)).toBeNull();
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'deposit_after_paid', ...open }, false)).toBe('deposit_after_paid');
    expect(consumerRefundAlertOf({ payerKind: 'operator', reason: 'deposit_after_paid', ...open }, false)).toBe('deposit_after_paid');
    // A second charge the consumer made: told in the answer to the payment, not again.
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'duplicate_charge_not_voided', ...open }, false)).toBeNull();
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'duplicate_charge_not_voided', ...cancelled, resolvedBy: 'admin-kim' }, false)).toBe('refund_due_cancelled');
    // A charge of unknown outcome found not made (the system's end): its own path.
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'duplicate_charge_not_voided', ...cancelled, resolvedBy: 'system' }, false)).toBeNull();
    // The bank reversed a deposit after paid: its refund is off, queued with the withdrawal (migrations/107), whoever asked for the account.
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'deposit_after_paid', ...cancelled, resolvedBy: 'system' }, false, 'deposit_reversed')).toBe('deposit_reversed_refund');
    expect(consumerRefundAlertOf({ payerKind: 'operator', reason: 'deposit_after_paid', ...cancelled, resolvedBy: 'system' }, false, 'deposit_reversed')).toBe('deposit_reversed_refund');
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'duplicate_charge_not_voided', ...cancelled, resolvedBy: 'system' }, false, 'deposit_reversed')).toBeNull();
    expect(consumerRefundAlertOf({ payerKind: 'operator', reason: 'charge_outcome_unknown', ...cancelled, resolvedBy: 'admin-kim' }, false)).toBeNull();
  });
  it('says what the request said before: the deposit recorded for a refund, and the refund made with the day and the link', () => {
    const deposit = consumerRefundSituationText([{ event: 'deposit_after_paid', cargoNo: '26TGW0000000042', refundNo: 'RF-00000007', amountKrw: 31_850, refundBy: '2026-12-04', batch: '1' }], 'https://portal.example/me');
    expect(deposit.subject).toBe('[통관] 중복 입금 환불 안내');
    expect(deposit.text.ko).toBe('화물관리번호 26TGW0000000042의 세금은 이미 납부되어, 입금하신 31,850원은 환불 대상으로 등록했습니다(환불번호 RF-00000007). 환불받을 계좌를 통관 포털의 상담(민원상담)으로 환불번호와 함께 알려 주시면 2026-12-04(금)까지 처리합니다.');
    const made = consumerRefundSituationText(
      [{ event: 'refunded', cargoNo: '26TGW0000000042', refundNo: 'RF-00000008', amountKrw: 49_950, refundedAt: '2026-11-25T03:00:00.000Z', reason: 'reassessed_lower', batch: '2' }],
      'https://portal.example/me',
    );
    expect(made.subject).toBe('[통관] 세금 환급 완료');
    expect(made.text.ko).toBe('화물관리번호 26TGW0000000042의 더 납부된 세금 49,950원이 2026-11-25(수)에 환급(환불)되었습니다(환불번호 RF-00000008). 본인 확인 후 통관 포털의 세금 고지에서 확인하세요: https://portal.example/me');
  });
  it('a deposit while the parcel was held (its account closed with a "not me" hold): alerted with its record, whoever asked for the account; it pays no taxes and is returned, and the text says why', () => {
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'deposit_while_held', ...open }, false)).toBe('deposit_while_held');
    expect(consumerRefundAlertOf({ payerKind: 'operator', reason: 'deposit_while_held', ...open }, false)).toBe('deposit_while_held');
    // Returned (refunded): the refund made, as for any reason.
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'deposit_while_held', resolvedAt: cancelled.resolvedAt, outcome: 'refunded' }, false)).toBe('refunded');
    // 136,530 deposited into the account closed with the report's hold: refund RF-00000009, by Monday 2026-11-30.
    const facts = { event: 'deposit_while_held', cargoNo: '26TGW0000000042', refundNo: 'RF-00000009', amountKrw: 136_530, refundBy: '2026-11-30', heldBy: 'not_me', batch: '4' } as const;
    const m = consumerRefundSituationText([facts], 'https://portal.example/me');
    expect(m.subject).toBe('[통관] 보류 중 입금액 반환 안내');
    expect(m.text.ko).toBe(
      "화물관리번호 26TGW0000000042는 수하인의 '내가 아님'(개인통관고유부호 도용) 신고로 통관이 보류되어, 세관이 물품의 화주(납세의무자, 관세법 제19조①1)를 확인할 때까지 세금을 납부할 수 없습니다. " +
        '그래서 이 계좌는 닫혔고, 입금하신 136,530원은 세금 납부로 처리하지 않고 돌려드립니다(환불번호 RF-00000009). ' +
        '돌려받을 계좌를 통관 포털의 상담(민원상담)으로 환불번호와 함께 알려 주시면 2026-11-30(월)까지 처리합니다. 통관 포털의 세금 고지에서 확인하세요: https://portal.example/me',
    );
    expect(m.text.en).toContain('26TGW0000000042 is held on the consignee\'s "Not me" report');
    expect(m.text.en).toContain('your deposit of KRW 136,530 does not pay the taxes: it is returned to you (refund RF-00000009)');
    // The engine's hold says its own ground (관세법 제9조).
    const engine = consumerRefundSituationText([{ ...facts, heldBy: 'engine' }], 'https://portal.example/me');
    expect(engine.text.ko).toContain('통관이 보류되어 보류가 해소될 때까지 세금을 납부할 수 없습니다(관세법 제9조)');
  });
  it('says what the deposit path said before when the bank reversed a deposit recorded for a refund', () => {
    const off = consumerRefundSituationText([{ event: 'deposit_reversed_refund', cargoNo: '26TGW0000000042', refundNo: 'RF-00000007', amountKrw: 31_850, batch: '3' }], 'https://portal.example/me');
    expect(off.subject).toBe('[통관] 입금 취소로 환불 취소');
    expect(off.text.ko).toBe(
      '화물관리번호 26TGW0000000042의 세금으로 입금하신 31,850원(환불번호 RF-00000007)이 은행에서 취소되어(입금 오류/취소) 보내신 계좌로 돌아갔습니다. ' +
        '그래서 이 환불은 하지 않고 환불 신청은 닫았습니다. 세금은 이미 납부된 그대로이니 하실 일은 없습니다. ' +
        '돈이 계좌로 돌아오지 않았다면 거래 은행에 확인한 뒤 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.',
    );
    expect(off.text.en).toContain('The bank reversed your deposit of KRW 31,850 for the taxes on 26TGW0000000042 (refund RF-00000007)');
  });
});

describe('consumerRefundAlertText', () => {
  const cancel = (o: Partial<Extract<ConsumerRefundAlertFacts, { event: 'refund_due_cancelled' }>>): ConsumerRefundAlertFacts => ({
    event: 'refund_due_cancelled',
    cargoNo: 'TG2026110000001',
    refundNo: 'RF-00000007',
    amountKrw: 49_950,
    cause: 'no_longer_due',
    supersededBy: null,
    owedKrw: 136_530,
    paidKrw: 136_530,
    refundedKrw: 0,
    ...o,
  });
  it('no longer due, assessed again higher than paid: 150,000 − 136,530 = 13,470 left to pay, nothing refunded under the number', () => {
    const m = consumerRefundAlertText(cancel({ owedKrw: 150_000 }), 'https://portal.example/me');
    expect(m.subject).toBe('[통관] 환급 취소 안내');
    expect(m.text.ko).toBe(
      '화물관리번호 TG2026110000001: 환불번호 RF-00000007(49,950원)의 환불은 취소되었습니다. 세액이 150,000원으로 다시 산정되어 납부하신 136,530원보다 많아졌으므로 더 납부된 금액이 없습니다(관세법 제46조 과오납금의 환급은 더 납부된 세금에만 해당합니다). ' +
        '이 환불번호로 환급되는 금액은 없습니다. 남은 세금 13,470원은 통관 포털의 세금 고지에서 납부하세요: https://portal.example/me',
    );
    expect(m.text.en).toContain('Nothing will be refunded under RF-00000007. Pay the KRW 13,470 of taxes left on the tax notice on the portal');
  });
  it('no longer due, net of a refund made: paid 136,530 − 49,950 refunded = 86,580, assessed again at 86,580', () => {
    const m = consumerRefundAlertText(cancel({ owedKrw: 86_580, refundedKrw: 49_950, refundNo: 'RF-00000009', amountKrw: 20_000 }), 'https://portal.example/me');
    expect(m.text.ko).toContain('세액이 86,580원으로 다시 산정되어 납부하신 136,530원에서 이미 환급된 49,950원을 뺀 86,580원과 같으므로 더 납부된 금액이 없습니다');
    expect(m.text.ko).toContain('세금은 납부된 그대로이니 하실 일은 없습니다.');
  });
  it('the payment reversed: nothing paid stands, 136,530 to pay again', () => {
    const m = consumerRefundAlertText(cancel({ cause: 'payment_reversed', paidKrw: 0 }), 'https://portal.example/me');
    expect(m.text.ko).toBe(
      '화물관리번호 TG2026110000001: 환불번호 RF-00000007(49,950원)의 환불은 취소되었습니다. 납부가 취소되어(입금 취소) 더 납부된 금액이 없습니다. 이 환불번호로 환급되는 금액은 없습니다. 남은 세금 136,530원은 통관 포털의 세금 고지에서 납부하세요: https://portal.example/me',
    );
    expect(m.text.en).toContain('the payment was reversed (the deposit went back), so nothing was paid too much. Nothing will be refunded under RF-00000007.');
  });
  it('one payment reversed, the other part kept as it is: 86,580 by card + 49,950 by transfer, owed 0; the transfer reversed: RF-00000007 (49,950) cancelled, RF-00000008 (86,580 − 0) still refunded (before: "superseded" text of a reassessment)', () => {
    const m = consumerRefundAlertText(
      cancel({
        cause: 'payment_reversed',
        owedKrw: 0,
        paidKrw: 86_580,
        supersededBy: { refundNo: 'RF-00000008', amountKrw: 86_580, refundBy: '2026-11-30', unchanged: [{ refundNo: 'RF-00000008', amountKrw: 86_580 }] },
      }),
      'https://portal.example/me',
    );
    expect(m.subject).toBe('[통관] 환급 금액 변경 안내');
    expect(m.text.ko).toBe(
      '화물관리번호 TG2026110000001: 환불번호 RF-00000007(49,950원)의 환불은 취소되었습니다. 납부 한 건이 취소되어(입금 취소) 그 납부분은 환급되지 않습니다. 더 납부된 금액은 이제 모두 86,580원이며(관세법 제46조), 환불번호 RF-00000008(86,580원)은 그대로입니다. 2026-11-30(월)까지 86,580원만 환급됩니다. ' +
        '세금은 납부된 그대로이니 하실 일은 없습니다. 통관 포털의 세금 고지에서 확인하세요: https://portal.example/me',
    );
    expect(m.text.en).toContain('refund RF-00000008 (KRW 86,580) stands unchanged');
    expect(m.text.ko).not.toContain('더 납부된 금액이 없습니다');
  });
  it('recorded not refunded by an administrator: whom to ask', () => {
    const m = consumerRefundAlertText(cancel({ cause: 'not_refunded' }), 'https://portal.example/me');
    expect(m.text.ko).toContain('운영 관리자가 환불하지 않음으로 처리했습니다');
    expect(m.text.ko).toContain('통관 포털의 상담(민원상담)으로 문의하세요');
  });
});

describe('one message per situation (consumerRefundSituationsOf, consumerRefundSituationText)', () => {
  const base = { cargoNo: 'TG2026110000001', owedKrw: 83_260, paidKrw: 136_530, refundedKrw: 0 };
  const due = (refundNo: string, amountKrw: number, receiptNo: string, batch = '901'): ConsumerRefundAlertFacts => ({ event: 'refund_due', ...base, refundNo, amountKrw, refundBy: '2026-11-30', ended: null, receiptNo, batch });
  const gone = (refundNo: string, amountKrw: number, o: Partial<Extract<ConsumerRefundAlertFacts, { event: 'refund_due_cancelled' }>> = {}): ConsumerRefundAlertFacts => ({
    event: 'refund_due_cancelled',
    ...base,
    refundNo,
    amountKrw,
    cause: 'no_longer_due',
    supersededBy: null,
    batch: '902',
    ...o,
  });

  it('groups the alerts of one declaration queued in one transaction, in the order queued; one queued before (no batch) alone', () => {
    const jobs = [
      { id: 3, declarationId: 7, facts: due('RF-00000003', 3_320, 'R-CARD') },
      { id: 2, declarationId: 7, facts: due('RF-00000002', 49_950, 'R-TR') },
      { id: 4, declarationId: 8, facts: due('RF-00000004', 1_000, 'R-X') }, // another declaration, the same transaction
      { id: 5, declarationId: 7, facts: { ...due('RF-00000005', 10, 'R-Y'), batch: undefined } },
      { id: 6, declarationId: 7, facts: { ...due('RF-00000006', 10, 'R-Y'), batch: undefined } },
    ];
    expect(consumerRefundSituationsOf(jobs).map((g) => g.map((j) => j.id))).toEqual([[2, 3], [4], [5], [6]]);
  });

  it('a refund in two parts: 136,530 − 83,260 = 53,270 = 49,950 (transfer) + 3,320 (card), each with its receipt, in one message', () => {
    const m = consumerRefundSituationText([due('RF-00000002', 49_950, 'R-TR'), due('RF-00000003', 3_320, 'R-CARD')], 'https://portal.example/me');
    expect(m.subject).toBe('[통관] 세금 환급 예정 안내');
    expect(m.text.ko).toBe(
      '화물관리번호 TG2026110000001: 납부 후 세액이 83,260원으로 다시 산정되어 53,270원이 더 납부되었습니다. 더 납부된 53,270원은 환급 대상으로 등록되었습니다(환불번호 RF-00000002 49,950원(영수번호 R-TR), RF-00000003 3,320원(영수번호 R-CARD), 관세법 제46조 과오납금의 환급). ' +
        '2026-11-30(월)까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요. 따로 신청하실 필요는 없습니다. 통관 포털의 세금 고지에서 확인하세요: https://portal.example/me',
    );
    expect(m.text.en).toContain('It is recorded for a refund (refund RF-00000002, KRW 49,950 (receipt no. R-TR), and RF-00000003, KRW 3,320 (receipt no. R-CARD); Customs Act art. 46, refund of taxes overpaid).');
  });

  it('two parts no longer due (corrected back to 136,530: 136,530 − 136,530 = 0 overpaid): one head naming both, nothing refunded under either', () => {
    const m = consumerRefundSituationText([gone('RF-00000002', 49_950, { owedKrw: 136_530 }), gone('RF-00000003', 3_320, { owedKrw: 136_530 })], 'https://portal.example/me');
    expect(m.subject).toBe('[통관] 환급 취소 안내');
    expect(m.text.ko).toBe(
      '화물관리번호 TG2026110000001: 환불번호 RF-00000002(49,950원), RF-00000003(3,320원)의 환불은 취소되었습니다. 세액이 136,530원으로 다시 산정되어 납부하신 136,530원과 같으므로 더 납부된 금액이 없습니다(관세법 제46조 과오납금의 환급은 더 납부된 세금에만 해당합니다). ' +
        '이 환불번호들로 환급되는 금액은 없습니다. 세금은 납부된 그대로이니 하실 일은 없습니다. 통관 포털의 세금 고지에서 확인하세요: https://portal.example/me',
    );
    expect(m.text.en).toContain('On TG2026110000001: Refunds RF-00000002 (KRW 49,950) and RF-00000003 (KRW 3,320) are cancelled: the taxes were assessed again at KRW 136,530');
    expect(m.text.en).toContain('Nothing will be refunded under RF-00000002 or RF-00000003.');
  });

  it('two parts superseded by a record told with a payment (no alert of its own): both named, and the one that replaces them, not added to it', () => {
    const next = { refundNo: 'RF-00000009', amountKrw: 99_950, refundBy: '2026-11-30' };
    const m = consumerRefundSituationText([gone('RF-00000002', 49_950, { cause: 'superseded', supersededBy: next }), gone('RF-00000003', 3_320, { cause: 'superseded', supersededBy: next })], 'https://portal.example/me');
    expect(m.subject).toBe('[통관] 환급 금액 변경 안내');
    expect(m.text.ko).toContain('환불번호 RF-00000002(49,950원), RF-00000003(3,320원)의 환불은 취소되었습니다. 세액이 다시 산정되어 더 납부된 금액이 99,950원으로 바뀌었고, 환불번호 RF-00000009로 새로 등록되었습니다(관세법 제46조). 2026-11-30(월)까지 RF-00000009의 99,950원만 환급되며, 취소된 금액을 더하지 않습니다.');
    expect(m.text.en).toContain('Only KRW 99,950 under RF-00000009 is refunded, by 2026-11-30 (Mon): the cancelled amounts do not add to it.');
  });

  it('one alert reads as before', () => {
    const f = due('RF-00000002', 49_950, 'R-TR');
    expect(consumerRefundSituationText([f], 'https://portal.example/me')).toEqual(consumerRefundAlertText(f, 'https://portal.example/me'));
    expect(consumerRefundAlertText(f, 'https://portal.example/me').text.ko).toContain('(환불번호 RF-00000002, 관세법 제46조 과오납금의 환급)');
  });
});

describe('a part kept as it is, in the message of the part that changed', () => {
  it('withdrawn after 49,950 (transfer) + 3,320 (card) were due: RF-00000003 cancelled, 86,580 anew on the card, RF-00000002 49,950 unchanged: 136,530 in all, one message naming each', () => {
    const base = { cargoNo: 'TG2026110000001', owedKrw: 0, paidKrw: 136_530, refundedKrw: 0, batch: '903' };
    const next = { refundNo: 'RF-00000009', amountKrw: 136_530, refundBy: '2026-11-30', unchanged: [{ refundNo: 'RF-00000002', amountKrw: 49_950 }] };
    const m = consumerRefundSituationText(
      [
        { event: 'refund_due_cancelled', ...base, refundNo: 'RF-00000003', amountKrw: 3_320, cause: 'superseded', supersededBy: next },
        { event: 'refund_due', ...base, refundNo: 'RF-00000009', amountKrw: 86_580, refundBy: '2026-11-30', ended: 'withdrawn', receiptNo: 'R-CARD' },
      ],
      'https://portal.example/me',
    );
    expect(m.subject).toBe('[통관] 환급 금액 변경 안내');
    // 86,580 + 49,950 = 136,530: all that was paid.
    expect(m.text.ko).toBe(
      '화물관리번호 TG2026110000001: 환불번호 RF-00000003(3,320원)의 환불은 취소되고 다음과 같이 바뀌었습니다(취소된 금액은 더하지 않습니다). ' +
        '신고가 취하되어 납부하신 136,530원 전액이 환급 대상으로 등록되었습니다(환불번호 RF-00000009 86,580원(영수번호 R-CARD), RF-00000002 49,950원(그대로), 관세법 제250조 신고의 취하, 제46조 과오납금의 환급). ' +
        '2026-11-30(월)까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요. 따로 신청하실 필요는 없습니다. 통관 포털의 세금 고지에서 확인하세요: https://portal.example/me',
    );
    expect(m.text.en).toContain('(refund RF-00000009, KRW 86,580 (receipt no. R-CARD), and RF-00000002, KRW 49,950 (unchanged); Customs Act art. 250');
  });
});

describe('the alerts of a deposit and of its reversal, keyed by the payment (migrations/108)', () => {
  const deposit = { cargoNo: '26TGW0000000042', amountKrw: 136_530, receiptNo: 'TR-0123456789ABCDEF', ended: null, refund: { refundNo: 'RF-00000007', amountKrw: 49_950, refundBy: '2026-11-30' } };
  it('which one: 136,530 deposited, nothing before; owed 136,530: paid, no refund; owed 86,580: paid, 136,530 − 86,580 = 49,950 refunded; owed 0 (withdrawn): not owed, all of it refunded', () => {
    expect(depositAlertFactsOf({ ...deposit, owedKrw: 136_530, standingKrw: 0, refund: null })).toEqual({ event: 'deposit_paid', cargoNo: deposit.cargoNo, amountKrw: 136_530, receiptNo: deposit.receiptNo, refund: null });
    expect(depositAlertFactsOf({ ...deposit, owedKrw: 86_580, standingKrw: 0 })).toMatchObject({ event: 'deposit_paid', refund: { refundNo: 'RF-00000007', amountKrw: 49_950, refundBy: '2026-11-30', owedKrw: 86_580 } });
    const all = { ...deposit, refund: { ...deposit.refund, amountKrw: 136_530 } };
    expect(depositAlertFactsOf({ ...all, owedKrw: 0, standingKrw: 0, ended: 'withdrawn' })).toEqual({
      event: 'deposit_not_owed',
      cargoNo: deposit.cargoNo,
      amountKrw: 136_530,
      refundNo: 'RF-00000007',
      refundKrw: 136_530,
      refundBy: '2026-11-30',
      ended: 'withdrawn',
    });
    // A shortfall of 49,950 paid when 86,580 stood (136,530 − 49,950 refunded) and 136,530 is owed: 86,580 + 49,950 = 136,530, paid exactly;
    // an open refund of another charge is not this deposit's to name.
    expect(depositAlertFactsOf({ ...deposit, amountKrw: 49_950, owedKrw: 136_530, standingKrw: 86_580 })).toMatchObject({ event: 'deposit_paid', refund: null });
  });
  it('a deposit that paid links its receipt; the others the tax notice on /me (the Web Push opens the same page)', () => {
    const paid = consumerRefundAlertMessage([{ event: 'deposit_paid', cargoNo: deposit.cargoNo, amountKrw: 136_530, receiptNo: deposit.receiptNo, refund: null }], 'https://portal.example/');
    expect(paid.url).toBe('/receipts/TR-0123456789ABCDEF');
    expect(paid.subject).toBe('[통관] 세금 납부 완료');
    expect(paid.text.ko).toBe('화물관리번호 26TGW0000000042의 세금 136,530원이 가상계좌 입금으로 납부되었습니다. 영수증 번호 TR-0123456789ABCDEF: https://portal.example/receipts/TR-0123456789ABCDEF');
    const notOwed = consumerRefundAlertMessage(
      [{ event: 'deposit_not_owed', cargoNo: deposit.cargoNo, amountKrw: 136_530, refundNo: 'RF-00000008', refundKrw: 136_530, refundBy: '2026-11-30', ended: 'withdrawn' }],
      'https://portal.example',
    );
    expect([notOwed.url, notOwed.subject]).toEqual(['/me', '[통관] 입금액 환급 안내']);
    expect(notOwed.text.ko).toContain('신고가 취하되어(관세법 제250조) 이 계좌는 닫혔지만, 입금하신 136,530원은 받았으므로 환급 대상으로 등록했습니다(환불번호 RF-00000008, 관세법 제46조 과오납금의 환급).');
    expect(notOwed.text.ko.endsWith('통관 포털의 세금 고지에서 확인하세요: https://portal.example/me')).toBe(true);
    expect(notOwed.text.en.endsWith('See the tax notice on the portal: https://portal.example/me')).toBe(true);
    const reversed = consumerRefundAlertMessage(
      [
        {
          event: 'deposit_reversed',
          cargoNo: deposit.cargoNo,
          amountKrw: 136_530,
          receiptNo: deposit.receiptNo,
          dueDate: '2026-12-03',
          account: null,
          openRefunds: [],
        },
      ],
      'https://portal.example',
    );
    expect([reversed.url, reversed.subject]).toEqual(['/me', '[통관] 입금 취소로 세금 미납']);
    expect(reversed.text.ko).toBe(
      '화물관리번호 26TGW0000000042의 세금 136,530원을 납부한 입금이 은행에서 취소되어(입금 오류/취소) 납부가 취소되었습니다. 영수증 TR-0123456789ABCDEF는 무효입니다. ' +
        '통관 포털에서 다시 납부해 주세요(납부기한 2026-12-03(목)). 통관 포털의 세금 고지에서 확인하세요: https://portal.example/me',
    );
  });
  it('a deposit made while held that the bank reversed: its refund is off, the holder told so, and that the taxes are still unpaid (not "paid, nothing to do")', () => {
    // Before, only a deposit after paid was told of its reversal: the holder of a deposit while held heard nothing.
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'deposit_while_held', ...cancelled, resolvedBy: 'system' }, false, 'deposit_reversed')).toBe('deposit_reversed_refund');
    expect(consumerRefundAlertOf({ payerKind: 'operator', reason: 'deposit_while_held', ...cancelled, resolvedBy: 'system' }, false, 'deposit_reversed')).toBe('deposit_reversed_refund');
    const off = consumerRefundSituationText([{ event: 'deposit_reversed_refund', cargoNo: '26TGW0000000042', refundNo: 'RF-00000009', amountKrw: 136_530, whileHeld: true, batch: '5' }], 'https://portal.example/me');
    expect(off.subject).toBe('[통관] 입금 취소로 환불 취소');
    expect(off.text.ko).toContain('통관보류 중 입금하신 136,530원(환불번호 RF-00000009)이 은행에서 취소되어');
    expect(off.text.ko).toContain('세금은 납부되지 않았습니다');
    expect(off.text.ko).not.toContain('이미 납부된');
    expect(off.text.en).toContain('The taxes are not paid');
    expect(off.text.en).not.toContain('stay paid');
  });
});

