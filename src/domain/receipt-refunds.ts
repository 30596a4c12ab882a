// What a public tax receipt says of the refunds made against its payment: an overpayment refunded
// (관세법 제46조 과오납금의 환급), all of it when the declaration was withdrawn (제250조) or refused. The
// receipt stays valid as proof of the payment made; whoever holds it (the consumer, the operator, a
// card company) sees the amount refunded, the refund number, the day and what remains paid. As the rest
// of the public receipt: no name, no account. Pure.
import type { Bilingual } from './bilingual.ts';
import { koreanDateOf } from './dates.ts';
import { formatKrw } from './money.ts';
import type { EndedStatus } from './reassessed-refunds.ts';

/** A refund made (recorded refunded by an administrator) drawn from the charge of the receipt's payment. */
export interface ReceiptRefundMade {
  refundNo: string;
  amountKrw: number;
  /** ISO timestamp: when it was recorded refunded. */
  refundedAt: string;
  /** The declaration withdrawn or refused (all paid refunded), or null: assessed again lower. */
  ended: EndedStatus | null;
}

/** The refunds made against a receipt, as the public receipt carries them. */
export interface ReceiptRefunds {
  /** Oldest first: number, amount, when. */
  refunds: { refundNo: string; amountKrw: number; refundedAt: string }[];
  refundedKrw: number;
  /** What remains paid on this receipt: its amount less the refunds (never below 0). */
  remainingKrw: number;
  /** all: nothing remains paid; part: some does. */
  extent: 'all' | 'part';
  /** The receipt's heading instead of "payment confirmed". */
  title: Bilingual;
  /** What was refunded, when, under which number, what remains, and that the receipt stays valid. */
  text: Bilingual;
}

/**
 * The charge a reassessment refund is drawn from, and whether the declaration ended, read from its provider
 * transaction (reassessed-refunds.ts reassessedRefundTxOf: `reassessed:v<version>.<payments>[.withdrawn|.rejected][.paid<n>][.refunded<n>]:<charge>`);
 * null for any other refund (a second charge, a deposit after payment, an order of unknown outcome: never the receipt's payment).
 */
export function reassessedRefundChargeOf(providerTx: string): { charge: string; ended: EndedStatus | null } | null {
  const m = /^reassessed:v\d+\.\d+((?:\.[a-z]+\d*)*):(.+)$/.exec(providerTx);
  if (!m) return null;
  const ended = /\.withdrawn(?:\.|$)/.test(m[1]!) ? 'withdrawn' : /\.rejected(?:\.|$)/.test(m[1]!) ? 'rejected' : null;
  return { charge: m[2]!, ended };
}

/**
 * The refunds made against a payment of `amountKrw`, or null when none was. E.g. 136,530 paid, corrected to
 * 86,580, 49,950 refunded on 2026-11-26 (RF-00000007): 136,530 − 49,950 = 86,580 remains paid.
 */
export function receiptRefundsOf(amountKrw: number, made: readonly ReceiptRefundMade[]): ReceiptRefunds | null {
  if (made.length === 0) return null;
  const refundedKrw = made.reduce((sum, r) => sum + r.amountKrw, 0);
  const remainingKrw = Math.max(amountKrw - refundedKrw, 0);
  const extent = remainingKrw === 0 ? 'all' : 'part';
  const withdrawn = made.some((r) => r.ended === 'withdrawn');
  const ref = withdrawn
    ? { ko: '관세법 제46조 과오납금의 환급, 제250조 신고의 취하', en: 'Customs Act art. 46, refund of taxes overpaid; art. 250, withdrawal of a declaration' }
    : { ko: '관세법 제46조 과오납금의 환급', en: 'Customs Act art. 46, refund of taxes overpaid' };
  const each = made.map((r) => {
    const on = koreanDateOf(r.refundedAt);
    return { ko: `${formatKrw(r.amountKrw)}원(${on}, 환불번호 ${r.refundNo})`, en: `KRW ${formatKrw(r.amountKrw)} on ${on} (refund ${r.refundNo})` };
  });
  const paid = formatKrw(amountKrw);
  const refunded = formatKrw(refundedKrw);
  const remaining = formatKrw(remainingKrw);
  const valid = { ko: '이 영수증은 위 납부가 있었다는 증빙으로 유효합니다.', en: 'This receipt remains valid as proof of the payment made.' };
  const list = { ko: each.map((e) => e.ko).join(', '), en: each.map((e) => e.en).join(', ') };
  const total = made.length > 1 ? { ko: `, 합계 ${refunded}원`, en: `, KRW ${refunded} in all` } : { ko: '', en: '' };
  return {
    refunds: made.map((r) => ({ refundNo: r.refundNo, amountKrw: r.amountKrw, refundedAt: r.refundedAt })),
    refundedKrw,
    remainingKrw,
    extent,
    title: extent === 'all' ? { ko: '납부 후 전액 환급됨', en: 'Payment made, since refunded in full' } : { ko: '납부 후 일부 환급됨', en: 'Payment made, since refunded in part' },
    text: {
      ko: `이 납부 ${paid}원 중 ${list.ko}${total.ko}이 환급되었습니다(${ref.ko}). 남은 납부액은 ${remaining}원입니다. ${valid.ko}`,
      en: `Of the KRW ${paid} paid, ${list.en}${total.en} was refunded (${ref.en}). KRW ${remaining} remains paid. ${valid.en}`,
    },
  };
}
