import { describe, expect, it } from 'vitest';
import { bankOf, depositNotOwedText, depositPaidText, depositRefundDueText, depositReversedRefundText, depositReversedText, koreanDateTimeOf, validHoursFor, virtualAccountText } from './virtual-account.ts';

const POLICY = { maxValidHours: 72 };

describe('virtual account deadline', () => {
  it('runs at most the hours the policy allows (72 here), and never past the end of the due date in Korean time', () => {
    const now = Date.parse('2026-12-01T01:00:00Z'); // 10:00 KST
    expect(validHoursFor(now, '2026-12-31', POLICY)).toBe(72);
    expect(validHoursFor(now, '2026-12-02', POLICY)).toBe(37); // to 23:59:59 KST on 12-02: 37 whole hours
    expect(validHoursFor(now, '2026-12-01', POLICY)).toBe(13);
  });

  it('is none when less than an hour is left or the due date has passed', () => {
    expect(validHoursFor(Date.parse('2026-12-01T14:30:00Z'), '2026-12-01', POLICY)).toBeNull(); // 23:30 KST
    expect(validHoursFor(Date.parse('2026-12-02T01:00:00Z'), '2026-12-01', POLICY)).toBeNull();
    expect(validHoursFor(Date.parse('2026-12-02T01:00:00Z'), 'not a date', POLICY)).toBeNull();
  });

  it('tells the payer bank, number, holder, amount and deadline (Korean time) in Korean and English', () => {
    const t = virtualAccountText({ bankCode: '88', accountNumber: 'X1234567890', holderName: '통관 세금 납부', amountKrw: 45_000, dueAt: '2026-12-04T09:00:00.000Z' });
    expect(t.ko).toContain('신한은행 X1234567890(예금주 통관 세금 납부)로 45,000원을 2026-12-04(금) 18:00까지');
    expect(t.en).toContain('KRW 45,000 to Shinhan Bank X1234567890 (holder 통관 세금 납부) by 2026-12-04 (Fri) 18:00 (Korean time)');
    expect(koreanDateTimeOf('2026-12-04T15:30:00Z')).toBe('2026-12-05 00:30');
    expect(bankOf('45')).toEqual({ code: '45', ko: '은행 45', en: 'bank 45' });
  });
});

describe('what the consumer is told once a deposit is recorded', () => {
  it('as the payment: the amount with thousands separators, the receipt number and its link, in Korean and English', () => {
    const t = depositPaidText({ amountKrw: 31_850, receiptNo: 'TR-0123456789ABCDEF', cargoNo: '26TGW0000000042', link: 'https://portal.example/receipts/TR-0123456789ABCDEF' });
    expect(t.ko).toBe('화물관리번호 26TGW0000000042의 세금 31,850원이 가상계좌 입금으로 납부되었습니다. 영수증 번호 TR-0123456789ABCDEF: https://portal.example/receipts/TR-0123456789ABCDEF');
    expect(t.en).toBe('Your transfer of KRW 31,850 paid the taxes on 26TGW0000000042. Receipt TR-0123456789ABCDEF: https://portal.example/receipts/TR-0123456789ABCDEF');
  });

  it('as a refund due (the taxes were already paid): the amount, the refund number, by when, and how to name a refund account', () => {
    // 2026-12-04 is a Friday.
    const t = depositRefundDueText({ amountKrw: 31_850, refundNo: 'RF-00000007', refundBy: '2026-12-04', cargoNo: '26TGW0000000042' });
    expect(t.ko).toContain('31,850원은 환불 대상으로 등록했습니다(환불번호 RF-00000007)');
    expect(t.ko).toContain('2026-12-04(금)까지');
    expect(t.en).toContain('KRW 31,850 is recorded for a refund (refund RF-00000007)');
    expect(t.en).toContain('Fri');
  });

  it('as a refund due when nothing was owed any more (the account closed with a withdrawal, a refusal, a new assessment): why, the refund number, all of it when it refunds more', () => {
    const w = depositNotOwedText({ amountKrw: 31_850, refundNo: 'RF-00000008', refundKrw: 31_850, refundBy: '2026-12-04', cargoNo: '26TGW0000000042', ended: 'withdrawn' });
    expect(w.ko).toBe(
      '화물관리번호 26TGW0000000042의 신고가 취하되어(관세법 제250조) 이 계좌는 닫혔지만, 입금하신 31,850원은 받았으므로 환급 대상으로 등록했습니다(환불번호 RF-00000008, 관세법 제46조 과오납금의 환급). 2026-12-04(금)까지 처리되지 않으면 통관 포털의 상담(민원상담)으로 환불번호와 함께 문의하세요.',
    );
    expect(w.en).toContain('the declaration was withdrawn (Customs Act art. 250), so this account was closed; your deposit of KRW 31,850 reached us and is recorded for a refund (refund RF-00000008; Customs Act art. 46');
    // Assessed again to nothing after a first payment of 20,000 stood: the refund is 20,000 + 31,850 = 51,850 in all.
    const n = depositNotOwedText({ amountKrw: 31_850, refundNo: 'RF-00000009', refundKrw: 51_850, refundBy: '2026-12-04', cargoNo: '26TGW0000000042', ended: null });
    expect(n.ko).toContain('세액이 다시 산정되어 더 낼 세금이 없어 이 계좌는 닫혔지만');
    expect(n.ko).toContain('(환불번호 RF-00000009, 환급 금액 모두 51,850원, 관세법 제46조');
    expect(n.en).toContain('(refund RF-00000009, KRW 51,850 in all; Customs Act art. 46');
  });
});

describe('what the consumer is told when the bank reverses a deposit', () => {
  const base = { amountKrw: 108_530, receiptNo: 'TR-0123456789ABCDEF', cargoNo: '26TGW0000000001', dueDate: '2026-12-03', account: null };
  it('names a refund still due for another payment of the same taxes: it is refunded and does not pay them', () => {
    const text = depositReversedText({ ...base, openRefunds: [{ refundNo: 'RF-00000007', amountKrw: 108_530, refundBy: '2026-11-25' }] });
    expect(text.ko).toContain('이 세금을 한 번 더 결제하신 금액은 그대로 환불되며(환불번호 RF-00000007 108,530원, 2026-11-25(수)까지) 이 세금의 납부로 바뀌지 않습니다.');
    expect(text.en).toContain('Your other payment of these taxes is still refunded to you (refund RF-00000007 of KRW 108,530, by ');
    expect(text.en).toContain('); it does not pay them.');
    expect(depositReversedText(base).ko).not.toContain('환불');
  });
  it('withdraws the refund of a deposit that was one: the money went back, the taxes stay paid, nothing to do', () => {
    const text = depositReversedRefundText({ amountKrw: 108_530, refundNo: 'RF-00000008', cargoNo: '26TGW0000000002' });
    expect(text.ko).toContain('입금하신 108,530원(환불번호 RF-00000008)이 은행에서 취소되어');
    expect(text.ko).toContain('세금은 이미 납부된 그대로이니 하실 일은 없습니다.');
    expect(text.en).toContain('So no refund will be made and refund RF-00000008 is closed. The taxes stay paid; there is nothing for you to do.');
  });
});
