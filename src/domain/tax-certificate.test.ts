import { describe, expect, it } from 'vitest';
import { formatKrw } from './money.ts';
import { koreanTimeOf, receiptPageUrlOf, taxCertificateOf } from './tax-certificate.ts';
import type { TaxReceipt } from './tax-notice.ts';

const receipt: TaxReceipt = {
  receiptNo: 'TR-0123456789ABCDEF',
  paymentNo: '9260000000000001234',
  cargoNo: '26ALPHA0000000001',
  amountKrw: 1_234_567,
  method: 'transfer',
  payerKind: 'operator',
  paidAt: '2026-11-20T15:07:30.000Z',
  taxes: { dutyKrw: 100_000, exciseKrw: 20_000, educationKrw: 6_000, liquorKrw: 0, vatKrw: 1_108_567, totalKrw: 1_234_567 },
};

describe('tax certificate content', () => {
  it('builds the receipt page URL from the origin', () => {
    expect(receiptPageUrlOf('https://tonggwan.example', 'TR-0123456789ABCDEF')).toBe('https://tonggwan.example/receipts/TR-0123456789ABCDEF');
    expect(receiptPageUrlOf('http://127.0.0.1:3000/', 'TR-0123456789ABCDEF')).toBe('http://127.0.0.1:3000/receipts/TR-0123456789ABCDEF');
  });

  it('says a shortfall payment is one, so its amount is not read as the whole tax (the notice payment has no such row)', () => {
    const label = (r: TaxReceipt) => taxCertificateOf(r, { verifyUrl: 'https://x/receipts/r', provider: 'toss-payments' }).rows.find((x) => x.label.ko === '납부 구분');
    expect(label(receipt)).toBeUndefined();
    expect(label({ ...receipt, part: 0 })).toBeUndefined();
    // Paid 68,600, assessed again at 78,600: the 10,000 shortfall, part 1.
    expect(label({ ...receipt, amountKrw: 10_000, part: 1 })?.value).toBe('부족세액 추가 납부 1차 / Shortfall payment no. 1 (관세법 제38조의2)');
  });

  it('says the refunds made since and what remains paid: 1,234,567 − 234,567 = 1,000,000 (none: no such rows)', () => {
    const refunded = {
      refunds: [{ refundNo: 'RF-00000007', amountKrw: 234_567, refundedAt: '2026-11-25T16:00:00.000Z' }],
      refundedKrw: 234_567,
      remainingKrw: 1_000_000,
      extent: 'part' as const,
      title: { ko: '납부 후 일부 환급됨', en: 'Payment made, since refunded in part' },
      text: { ko: '', en: '' },
    };
    const rows = taxCertificateOf({ ...receipt, refunded }, { verifyUrl: 'https://x/receipts/r', provider: 'toss-payments' }).rows;
    // 2026-11-25T16:00Z is 2026-11-26 in Korea.
    expect(rows.find((r) => r.label.ko === '환급')?.value).toBe('RF-00000007 234,567원 (2026-11-26) · 남은 납부액 / Remains paid 1,000,000원 (KRW 1,000,000) (관세법 제46조)');
    // The amount paid stays what was paid: the certificate proves the payment made.
    expect(rows.find((r) => r.label.ko === '납부 금액')?.value).toBe('1,234,567원 (KRW 1,234,567)');
    const none = taxCertificateOf({ ...receipt, refunded: null }, { verifyUrl: 'https://x/receipts/r', provider: 'toss-payments' }).rows;
    expect(none.some((r) => r.label.ko === '환급')).toBe(false);
  });

  it('prints the payment time in Korea and groups digits', () => {
    expect(koreanTimeOf('2026-11-20T15:07:30.000Z')).toBe('2026-11-21 00:07 KST'); // past midnight in Korea
    expect(koreanTimeOf('2026-01-01T00:00:00Z')).toBe('2026-01-01 09:00 KST');
    expect(() => koreanTimeOf('yesterday')).toThrow();
    expect(formatKrw(0)).toBe('0');
    expect(formatKrw(999)).toBe('999');
    expect(formatKrw(1_234_567)).toBe('1,234,567');
  });

  it('says what the receipt says, Korean first, and nothing personal', () => {
    const c = taxCertificateOf(receipt, { verifyUrl: 'https://x.example/receipts/TR-0123456789ABCDEF', provider: 'local-emulator' });
    expect(c.title).toEqual({ ko: '관세 등 제세 납부확인서', en: 'Certificate of payment of customs duties and taxes' });
    const rows = Object.fromEntries(c.rows.map((r) => [r.label.ko, r.value]));
    expect(rows).toEqual({
      '영수증 번호': 'TR-0123456789ABCDEF',
      전자납부번호: '9260000000000001234',
      화물관리번호: '26ALPHA0000000001',
      '납부 금액': '1,234,567원 (KRW 1,234,567)',
      '납부 일시': '2026-11-21 00:07 KST',
      '납부 방법': '계좌이체 / Account transfer',
      '납부자 구분': '업체 대납 / An operator on the importer’s behalf',
    });
    expect(c.breakdown.map((r) => [r.label.ko, r.value])).toEqual([
      ['관세', '100,000원 (KRW 100,000)'],
      ['개별소비세', '20,000원 (KRW 20,000)'],
      ['교육세', '6,000원 (KRW 6,000)'],
      ['주세', '0원 (KRW 0)'],
      ['부가가치세', '1,108,567원 (KRW 1,108,567)'],
      ['합계', '1,234,567원 (KRW 1,234,567)'],
    ]);
    expect(c.verification.ko).toContain('이 확인서의 진위는 QR 코드 또는 영수증 번호로 확인할 수 있습니다');
    expect(c.verification.en).toBe('Check this certificate by its QR code or receipt number at https://x.example/receipts/TR-0123456789ABCDEF');
    expect(c.verifyUrl).toBe('https://x.example/receipts/TR-0123456789ABCDEF');
    expect(taxCertificateOf({ ...receipt, payerKind: 'consumer', method: 'card' }, { verifyUrl: 'u', provider: 'local-emulator' }).rows.slice(5).map((r) => r.value)).toEqual([
      '카드 / Card',
      '수입자 본인 / The importer',
    ]);
  });

  it('marks an emulated payment as a demo, and only that', () => {
    const emulated = taxCertificateOf(receipt, { verifyUrl: 'u', provider: 'local-emulator' });
    expect(emulated.demoNotice).toEqual({ ko: '데모(에뮬레이터) 결제 — 실제 납부 아님', en: 'Demo (emulated) payment — not a real tax payment' });
    expect(emulated.issuer.en).toContain('local emulator');
    const tossEmulated = taxCertificateOf(receipt, { verifyUrl: 'u', provider: 'toss-emulator' });
    expect(tossEmulated.demoNotice).toEqual(emulated.demoNotice);
    expect(tossEmulated.issuer.ko).toContain('토스페이먼츠 에뮬레이터(데모)');
    const toss = taxCertificateOf(receipt, { verifyUrl: 'u', provider: 'toss-payments' });
    expect(toss.demoNotice).toBeNull();
    expect(toss.issuer.ko).toContain('결제 대행: 토스페이먼츠');
    const real = taxCertificateOf(receipt, { verifyUrl: 'u', provider: 'some-gateway' });
    expect(real.demoNotice).toBeNull();
    expect(real.issuer.en).toContain('some-gateway');
  });
});
