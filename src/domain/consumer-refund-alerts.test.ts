// The consumer payer's alerts of refunds due of a reassessment (refund-due.ts consumerRefundAlertOf,
// consumerRefundAlertText): which records, and what each says.
import { describe, expect, it } from 'vitest';
import { consumerRefundAlertOf, consumerRefundAlertText, type ConsumerRefundAlertFacts } from './refund-due.ts';

const open = { resolvedAt: null, outcome: null } as const;
const cancelled = { resolvedAt: '2026-11-25T03:00:00.000Z', outcome: 'not_refunded' } as const;

describe('consumerRefundAlertOf', () => {
  it('a consumer payer of a reassessment refund: told of the record, and of its end; not when told with the payment that made it', () => {
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'reassessed_lower', ...open }, false)).toBe('refund_due');
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'reassessed_lower', ...open }, true)).toBeNull();
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'reassessed_lower', ...cancelled }, true)).toBe('refund_due_cancelled');
    // A refund made is told by the administrators' resolve (tax-refunds-due.ts).
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'reassessed_lower', resolvedAt: cancelled.resolvedAt, outcome: 'refunded' }, false)).toBeNull();
  });
  it('an operator payer gets webhooks; the other reasons are told by their own paths (holderToldOf)', () => {
    expect(consumerRefundAlertOf({ payerKind: 'operator', reason: 'reassessed_lower', ...open }, false)).toBeNull();
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'deposit_after_paid', ...open }, false)).toBeNull();
    expect(consumerRefundAlertOf({ payerKind: 'consumer', reason: 'duplicate_charge_not_voided', ...cancelled }, false)).toBeNull();
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
  it('recorded not refunded by an administrator: whom to ask', () => {
    const m = consumerRefundAlertText(cancel({ cause: 'not_refunded' }), 'https://portal.example/me');
    expect(m.text.ko).toContain('운영 관리자가 환불하지 않음으로 처리했습니다');
    expect(m.text.ko).toContain('통관 포털의 상담(민원상담)으로 문의하세요');
  });
});
