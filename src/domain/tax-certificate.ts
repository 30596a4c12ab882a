// The tax-payment certificate (관세 등 제세 납부확인서): what it says, as lines of text in Korean
// and English, built from the public receipt only (no name, no PCCC). The PDF adapter lays these
// lines out; this module decides their content. Pure.
import type { Bilingual } from './bilingual.ts';
import { koreanClockOf } from './dates.ts';
import { formatKrw } from './money.ts';
import type { PayerKind, PaymentMethod, TaxReceipt } from './tax-notice.ts';
import type { ReceiptRefunds } from './receipt-refunds.ts';

/** One labelled value: the label in both languages, the value as printed. */
export interface CertificateRow {
  label: Bilingual;
  value: string;
}

export interface TaxCertificateContent {
  title: Bilingual;
  receiptNo: string;
  /** The payment time (ISO), also the document's creation date. */
  paidAt: string;
  /** Receipt no., payment no., cargo no., amount, paid at, method, payer kind. */
  rows: CertificateRow[];
  /** 관세 … 부가가치세, then 합계 (as the receipt has them). */
  breakdown: CertificateRow[];
  /** The absolute URL of the public receipt page, encoded in the QR code. */
  verifyUrl: string;
  verification: Bilingual;
  /** Present when the payment went through the local emulator: no money moved. */
  demoNotice: Bilingual | null;
  /** Who issued it and through which payment provider, for the footer. */
  issuer: Bilingual;
}

/** The provider name of the Toss Payments protocol emulator as stored with each payment (src/adapters/payments/toss-emulator.ts). */
export const EMULATOR_PROVIDER = 'toss-emulator';
/** Payments through an emulator (the in-process one that came first, then the protocol emulator): no money moved. */
export const isEmulatedProvider = (provider: string) => provider === EMULATOR_PROVIDER || provider === 'local-emulator';
const PROVIDER_NAMES: Record<string, { ko: string; en: string }> = {
  'toss-emulator': { ko: '토스페이먼츠 에뮬레이터(데모)', en: 'Toss Payments emulator (demo)' },
  'local-emulator': { ko: '로컬 에뮬레이터', en: 'local emulator' },
  'toss-payments': { ko: '토스페이먼츠', en: 'Toss Payments' },
};

/** `origin` (scheme://host[:port], a trailing slash tolerated) + `/receipts/<receiptNo>`. */
export function receiptPageUrlOf(origin: string, receiptNo: string): string {
  return `${origin.replace(/\/+$/, '')}/receipts/${encodeURIComponent(receiptNo)}`;
}

/** YYYY-MM-DD HH:mm KST (UTC+9, no daylight saving) of an ISO timestamp. */
export function koreanTimeOf(iso: string): string {
  return `${koreanClockOf(iso).replace('T', ' ')} KST`;
}

const krw = (n: number) => `${formatKrw(n)}원 (KRW ${formatKrw(n)})`;

const METHOD: Record<PaymentMethod, string> = { card: '카드 / Card', transfer: '계좌이체 / Account transfer' };
const PAYER: Record<PayerKind, string> = {
  consumer: '수입자 본인 / The importer',
  operator: '업체 대납 / An operator on the importer’s behalf',
};

export function taxCertificateOf(receipt: TaxReceipt & { refunded?: ReceiptRefunds | null }, opts: { verifyUrl: string; provider: string }): TaxCertificateContent {
  const t = receipt.taxes;
  const refunded = receipt.refunded ?? null;
  // Refunded since (관세법 제46조): the certificate still proves the payment made, and says in one row (it
  // is one A4 page) each refund (number, amount, Korean date) and what remains paid, as the receipt page does.
  const refundRows: CertificateRow[] = refunded
    ? [
        {
          label: { ko: '환급', en: 'Refunded since' },
          value: `${refunded.refunds.map((r) => `${r.refundNo} ${formatKrw(r.amountKrw)}원 (${koreanTimeOf(r.refundedAt).slice(0, 10)})`).join(', ')} · 남은 납부액 / Remains paid ${krw(refunded.remainingKrw)} (관세법 제46조)`,
        },
      ]
    : [];
  return {
    title: { ko: '관세 등 제세 납부확인서', en: 'Certificate of payment of customs duties and taxes' },
    receiptNo: receipt.receiptNo,
    paidAt: receipt.paidAt,
    rows: [
      { label: { ko: '영수증 번호', en: 'Receipt no.' }, value: receipt.receiptNo },
      { label: { ko: '전자납부번호', en: 'Payment no.' }, value: receipt.paymentNo },
      { label: { ko: '화물관리번호', en: 'Cargo management no.' }, value: receipt.cargoNo },
      { label: { ko: '납부 금액', en: 'Amount paid' }, value: krw(receipt.amountKrw) },
      // A shortfall paid on the notice after the taxes were assessed again higher: said, so the amount is not read as the whole tax.
      ...(receipt.part ? [{ label: { ko: '납부 구분', en: 'Payment' }, value: `부족세액 추가 납부 ${receipt.part}차 / Shortfall payment no. ${receipt.part} (관세법 제38조의2)` }] : []),
      { label: { ko: '납부 일시', en: 'Paid at' }, value: koreanTimeOf(receipt.paidAt) },
      { label: { ko: '납부 방법', en: 'Method' }, value: METHOD[receipt.method] },
      { label: { ko: '납부자 구분', en: 'Paid by' }, value: PAYER[receipt.payerKind] },
      ...refundRows,
    ],
    breakdown: [
      { label: { ko: '관세', en: 'Customs duty' }, value: krw(t.dutyKrw) },
      { label: { ko: '개별소비세', en: 'Individual consumption (excise) tax' }, value: krw(t.exciseKrw) },
      { label: { ko: '교육세', en: 'Education tax' }, value: krw(t.educationKrw) },
      { label: { ko: '주세', en: 'Liquor tax' }, value: krw(t.liquorKrw) },
      { label: { ko: '부가가치세', en: 'Value-added tax (VAT)' }, value: krw(t.vatKrw) },
      { label: { ko: '합계', en: 'Total' }, value: krw(t.totalKrw) },
    ],
    verifyUrl: opts.verifyUrl,
    verification: {
      ko: `이 확인서의 진위는 QR 코드 또는 영수증 번호로 확인할 수 있습니다: ${opts.verifyUrl}`,
      en: `Check this certificate by its QR code or receipt number at ${opts.verifyUrl}`,
    },
    demoNotice: isEmulatedProvider(opts.provider) ? { ko: '데모(에뮬레이터) 결제 — 실제 납부 아님', en: 'Demo (emulated) payment — not a real tax payment' } : null,
    issuer: {
      ko: `통관 플랫폼 Tonggwan 발급 · 결제 대행: ${PROVIDER_NAMES[opts.provider]?.ko ?? opts.provider}`,
      en: `Issued by the Tonggwan platform · payment provider: ${PROVIDER_NAMES[opts.provider]?.en ?? opts.provider}`,
    },
  };
}
