// The officer page's label of a reassessment refund by what made it (refund-ended.ts): withdrawn or
// refused also when the situation goes on after the end (.paid, .refunded, .parts: db365d6), which the
// pattern before (/\.(withdrawn|rejected):/) read as assessed again lower.
import { describe, expect, it } from 'vitest';
import { refundEndedText, systemResolutionText } from './refund-ended.ts';

describe('refundEndedText', () => {
  it('withdrawn or refused, the end right before the charge', () => {
    expect(refundEndedText('reassessed:v2.1.withdrawn:toss_pay_1')).toBe('refunds.withdrawn');
    expect(refundEndedText('reassessed:v3.1.rejected:toss_pay_1')).toBe('refunds.rejected');
  });
  it('withdrawn or refused, the situation going on after the end: split in parts, a payment reversed, a refund made', () => {
    expect(refundEndedText('reassessed:v2.2.withdrawn.parts2:toss_pay_2')).toBe('refunds.withdrawn');
    expect(refundEndedText('reassessed:v2.2.rejected.paid86580:toss_pay_1')).toBe('refunds.rejected');
    expect(refundEndedText('reassessed:v2.1.withdrawn.refunded49950:toss_pay_1')).toBe('refunds.withdrawn');
    expect(refundEndedText('reassessed:v2.2.withdrawn.paid86580.refunded3320.parts2:toss_pay_1')).toBe('refunds.withdrawn');
  });
  it('assessed again lower: no end in the situation, whatever the charge is called', () => {
    expect(refundEndedText('reassessed:v2.1:toss_pay_1')).toBe('refunds.reassessed');
    expect(refundEndedText('reassessed:v2.2.parts2:toss_pay_2')).toBe('refunds.reassessed');
    expect(refundEndedText('reassessed:v2.1.refunded49950:withdrawn.rejected')).toBe('refunds.reassessed');
    expect(refundEndedText('reassessed:v2.1:x.withdrawn:y')).toBe('refunds.reassessed');
  });
});

describe('systemResolutionText', () => {
  it('names why the system resolved it: superseded, no longer due, payment reversed (the other parts kept), the deposit reversed', () => {
    expect(systemResolutionText('superseded: payment 4 reversed (version 3), taxes KRW 0; the overpayment is now KRW 46,600 (KRW 182,130 paid), recorded anew')).toBe('refunds.systemSuperseded');
    expect(systemResolutionText('no longer due: corrected (version 4), taxes KRW 40,000, not less than the KRW 36,320 paid')).toBe('refunds.systemNoLongerDue');
    expect(systemResolutionText('payment reversed: payment 4 reversed (version 3), taxes KRW 0; the overpayment is now KRW 86,580 (KRW 86,580 paid), held by RF-00000005 unchanged; nothing is refunded under this number')).toBe(
      'refunds.systemPaymentReversed',
    );
    expect(systemResolutionText('the bank reversed the deposit (입금 취소): nothing to refund')).toBe('refunds.systemDepositReversed');
  });
  it('none for another resolution', () => {
    expect(systemResolutionText('charged, recorded as payment TR-0123456789ABCDEF')).toBeNull();
    expect(systemResolutionText('kept as credit at the payer’s request')).toBeNull();
    expect(systemResolutionText(null)).toBeNull();
  });
});
