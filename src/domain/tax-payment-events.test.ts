import { describe, expect, it } from 'vitest';
import { taxPaidEvent, taxPaymentReversedEvent, type PaymentEventFields } from './tax-payment-events.ts';

const payment: PaymentEventFields = { receiptNo: 'TR-0123456789ABCDEF', paymentNo: '0100000012345678', amountKrw: 136_530, method: 'transfer', payerKind: 'operator', paidAt: '2026-11-25T03:00:00.000Z' };
const d = { id: 7, ref: 'DH-1', cargoNo: '26TGW0000000007' };

describe("the operator's payment webhooks", () => {
  it('tax.paid: named by the receipt, at the payment; the part refunded when the deposit paid more than owed (136,530 − 86,580 = 49,950)', () => {
    expect(taxPaidEvent(payment, d, null)).toEqual({
      id: 'taxpaid_TR-0123456789ABCDEF',
      type: 'tax.paid',
      occurredAt: '2026-11-25T03:00:00.000Z',
      declaration: d,
      payment,
    });
    expect(taxPaidEvent(payment, d, { refundNo: 'RF-00000012', amountKrw: 136_530 - 86_580, refundBy: '2026-11-30' }).refund).toEqual({ refundNo: 'RF-00000012', amountKrw: 49_950, refundBy: '2026-11-30' });
  });

  it('tax.payment_reversed: named by the receipt, at the reversal, with the payment undone', () => {
    expect(taxPaymentReversedEvent(payment, d, { reason: 'deposit_reversed', reversedAt: '2026-11-26T01:00:00.000Z' })).toEqual({
      id: 'taxrev_TR-0123456789ABCDEF',
      type: 'tax.payment_reversed',
      occurredAt: '2026-11-26T01:00:00.000Z',
      declaration: d,
      payment,
      reversal: { reason: 'deposit_reversed', reversedAt: '2026-11-26T01:00:00.000Z' },
    });
  });
});
