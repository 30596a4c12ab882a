// The certificate PDF: one A4 page, the same bytes for the same receipt, the receipt number in the
// document info, and the text (decoded through the fonts' ToUnicode maps, compression off) saying
// what the certificate content says.
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { receiptPageUrlOf, taxCertificateOf } from '../../domain/tax-certificate.ts';
import type { TaxReceipt } from '../../domain/tax-notice.ts';
import { textOf } from '../../../test/support/pdf-text.ts';
import { qrModulesOf, renderTaxCertificate, taxCertificatePdf } from './tax-certificate-pdf.ts';

const receipt: TaxReceipt = {
  receiptNo: 'TR-0123456789ABCDEF',
  paymentNo: '9260000000000001234',
  cargoNo: '26ALPHA0000000001',
  amountKrw: 123_456,
  method: 'card',
  payerKind: 'consumer',
  paidAt: '2026-11-20T05:07:00.000Z',
  taxes: { dutyKrw: 50_000, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 73_456, totalKrw: 123_456 },
};
const verifyUrl = receiptPageUrlOf('https://tonggwan.example', receipt.receiptNo);
const content = (provider = 'local-emulator', r = receipt) => taxCertificateOf(r, { verifyUrl: receiptPageUrlOf('https://tonggwan.example', r.receiptNo), provider });

describe('tax certificate PDF', () => {
  it('renders one deterministic A4 page with the receipt number in the document info', async () => {
    const a = await renderTaxCertificate(content());
    const b = Buffer.from(await taxCertificatePdf.render(content()));
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.subarray(-6).toString('latin1').trim()).toBe('%%EOF');
    expect(b.equals(a)).toBe(true); // same receipt, same bytes
    expect(a.length).toBeLessThan(300_000); // the fonts are subset, not embedded whole (1.5 MB each)
    const other = await renderTaxCertificate(content('local-emulator', { ...receipt, receiptNo: 'TR-FEDCBA9876543210' }));
    expect(other.equals(a)).toBe(false);

    const plain = (await renderTaxCertificate(content(), { compress: false })).toString('latin1');
    expect(plain.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(plain).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(plain).toContain('(Certificate of payment of customs duties and taxes TR-0123456789ABCDEF)');
    expect(plain).toContain('(TR-0123456789ABCDEF)');
    expect(plain).toContain('(D:20261120050700Z)'); // CreationDate: the payment time
    expect(plain).toMatch(/\/FontName \/[A-Z]{6}\+Pretendard-Regular/);
    expect(plain).toMatch(/\/FontName \/[A-Z]{6}\+Pretendard-Bold/);
  });

  it('keeps a payment refunded since, twice, on one page, with each refund and what remains paid: 123,456 − (23,456 + 100,000) = 0', async () => {
    const refunded = {
      refunds: [
        { refundNo: 'RF-00000007', amountKrw: 23_456, refundedAt: '2026-11-25T16:00:00.000Z' },
        { refundNo: 'RF-00000009', amountKrw: 100_000, refundedAt: '2026-11-27T03:00:00.000Z' },
      ],
      refundedKrw: 123_456,
      remainingKrw: 0,
      extent: 'all' as const,
      title: { ko: '납부 후 전액 환급됨', en: 'Payment made, since refunded in full' },
      text: { ko: '', en: '' },
    };
    const r = { ...receipt, part: 1, refunded };
    const pdf = await renderTaxCertificate(taxCertificateOf(r, { verifyUrl, provider: 'local-emulator' }), { compress: false });
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const text = textOf(pdf).replace(/\s+/g, ' '); // the row wraps
    for (const s of ['RF-00000007 23,456원 (2026-11-26)', 'RF-00000009 100,000원 (2026-11-27)', '남은 납부액 / Remains paid 0원 (KRW 0)', '123,456원 (KRW 123,456)']) expect(text).toContain(s);
  });

  it('shows the content of the certificate, Korean and English, and the demo notice of an emulated payment', async () => {
    const text = textOf(await renderTaxCertificate(content(), { compress: false }));
    for (const s of [
      '관세 등 제세 납부확인서',
      'Certificate of payment of customs duties and taxes',
      '영수증 번호',
      'TR-0123456789ABCDEF',
      '전자납부번호',
      '9260000000000001234',
      '화물관리번호',
      '26ALPHA0000000001',
      '123,456원 (KRW 123,456)',
      '73,456원 (KRW 73,456)',
      '2026-11-20 14:07 KST',
      '카드 / Card',
      '수입자 본인 / The importer',
      '부가가치세',
      '합계',
      '이 확인서의 진위는 QR 코드 또는 영수증 번호로 확인할 수 있습니다',
      '데모(에뮬레이터) 결제 — 실제 납부 아님',
      'Demo (emulated) payment — not a real tax payment',
    ]) {
      expect(text.replace(/\n/g, ' '), s).toContain(s);
    }
    expect(text).not.toContain('\uFFFD');
    expect(textOf(await renderTaxCertificate(content()))).toBe(text); // the same text compressed
    const real = textOf(await renderTaxCertificate(content('some-gateway'), { compress: false }));
    expect(real).toContain('TR-0123456789ABCDEF');
    expect(real).not.toContain('데모');
    expect(real).not.toContain('Demo');
  });

  it('draws the QR code of the receipt page', async () => {
    const qr = qrModulesOf(verifyUrl);
    const ref = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' }).modules;
    expect(qr.size).toBe(ref.size);
    let dark = 0;
    for (let r = 0; r < qr.size; r++) for (let c = 0; c < qr.size; c++) if (qr.dark(r, c)) dark++;
    expect(dark).toBe([...ref.data].filter((x) => x === 1).length);
    expect(qr.dark(0, 0) && qr.dark(6, 6) && !qr.dark(7, 7)).toBe(true); // the finder pattern's corner and separator
    // one filled square per dark module in the page's content stream
    const plain = (await renderTaxCertificate(content(), { compress: false })).toString('latin1');
    const squares = plain.match(/^[\d.]+ [\d.]+ [\d.]+ [\d.]+ re$/gm) ?? [];
    expect(squares.length).toBeGreaterThanOrEqual(dark);
  });
});
