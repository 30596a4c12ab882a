import { describe, expect, it } from 'vitest';
import { reassessedRefundChargeOf, receiptRefundsOf } from './receipt-refunds.ts';
import { reassessedRefundTxOf } from './reassessed-refunds.ts';

describe('the charge a refund is drawn from', () => {
  it('reads it from a reassessment refund, with the end of the declaration; no other refund is against a receipt', () => {
    expect(reassessedRefundChargeOf(reassessedRefundTxOf(2, 1, 'toss_pay_123'))).toEqual({ charge: 'toss_pay_123', ended: null });
    expect(reassessedRefundChargeOf(reassessedRefundTxOf(2, 1, 'toss_pay_123', 'withdrawn', { refundedKrw: 49_950 }))).toEqual({ charge: 'toss_pay_123', ended: 'withdrawn' });
    expect(reassessedRefundChargeOf(reassessedRefundTxOf(3, 2, 'tx:with:colons', 'rejected', { standingKrw: 10_000 }))).toEqual({ charge: 'tx:with:colons', ended: 'rejected' });
    expect(reassessedRefundChargeOf('order:ORD-1')).toBeNull();
    expect(reassessedRefundChargeOf('toss_pay_123')).toBeNull();
  });
});

describe('the refunds made against a receipt', () => {
  it('is null when none was made', () => {
    expect(receiptRefundsOf(136_530, [])).toBeNull();
  });

  it('says a refund in part: 136,530 paid, corrected to 86,580, 49,950 refunded: 136,530 − 49,950 = 86,580 remains paid', () => {
    // 2026-11-25T16:00Z is 2026-11-26 01:00 in Korea: the day said is the Korean one.
    const r = receiptRefundsOf(136_530, [{ refundNo: 'RF-00000007', amountKrw: 49_950, refundedAt: '2026-11-25T16:00:00.000Z', ended: null }])!;
    expect(r).toMatchObject({ refundedKrw: 49_950, remainingKrw: 86_580, extent: 'part', refunds: [{ refundNo: 'RF-00000007', amountKrw: 49_950, refundedAt: '2026-11-25T16:00:00.000Z' }] });
    expect(r.title).toEqual({ ko: '납부 후 일부 환급됨', en: 'Payment made, since refunded in part' });
    expect(r.text.ko).toBe(
      '이 납부 136,530원 중 49,950원(2026-11-26, 환불번호 RF-00000007)이 환급되었습니다(관세법 제46조 과오납금의 환급). 남은 납부액은 86,580원입니다. 이 영수증은 위 납부가 있었다는 증빙으로 유효합니다.',
    );
    expect(r.text.en).toBe(
      'Of the KRW 136,530 paid, KRW 49,950 on 2026-11-26 (refund RF-00000007) was refunded (Customs Act art. 46, refund of taxes overpaid). KRW 86,580 remains paid. This receipt remains valid as proof of the payment made.',
    );
  });

  it('says a refund in full after a withdrawal: 49,950 then 86,580 refunded, 136,530 − (49,950 + 86,580) = 0 remains, citing 제250조', () => {
    const r = receiptRefundsOf(136_530, [
      { refundNo: 'RF-00000007', amountKrw: 49_950, refundedAt: '2026-11-25T16:00:00.000Z', ended: null },
      { refundNo: 'RF-00000009', amountKrw: 86_580, refundedAt: '2026-11-27T03:00:00.000Z', ended: 'withdrawn' },
    ])!;
    expect(r).toMatchObject({ refundedKrw: 136_530, remainingKrw: 0, extent: 'all' });
    expect(r.title.ko).toBe('납부 후 전액 환급됨');
    expect(r.text.ko).toBe(
      '이 납부 136,530원 중 49,950원(2026-11-26, 환불번호 RF-00000007), 86,580원(2026-11-27, 환불번호 RF-00000009), 합계 136,530원이 환급되었습니다(관세법 제46조 과오납금의 환급, 제250조 신고의 취하). 남은 납부액은 0원입니다. 이 영수증은 위 납부가 있었다는 증빙으로 유효합니다.',
    );
    expect(r.text.en).toContain('KRW 136,530 in all was refunded (Customs Act art. 46, refund of taxes overpaid; art. 250, withdrawal of a declaration). KRW 0 remains paid.');
  });
});
