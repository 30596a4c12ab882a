// Refunds of taxes assessed again lower after payment, or of a declaration that ended without import
// (withdrawn, refused): which charges they are drawn from, their provider transactions and what the payer
// is told (관세법 제46조 과오납금의 환급). Recorded by src/adapters/db/reassessment-refunds.ts.
import { type RefundDueCancelCause, refundNoOf, type RefundNumberPart, refundNumbersText, whomToAsk } from './refund-due.ts';
import type { Bilingual } from './bilingual.ts';
import { dateWithWeekday } from './holidays.ts';
import { formatKrw } from './money.ts';
import type { PayerKind } from './tax-notice.ts';

/**
 * The provider transaction of a reassessment refund: the charge to refund part of, after the version
 * that found the overpayment and the payments recorded by then (one record per such state and charge:
 * the same state found again is the same record). `basis.parts`: the overpayment split over that many
 * charges (allocateRefund), `.parts<n>`, so that a part never takes the key of a single record of the
 * same state against the same charge written before refunds were split (which it supersedes).
 */
export const reassessedRefundTxOf = (
  version: number,
  paymentsRecorded: number,
  paymentTx: string,
  ended: EndedStatus | null = null,
  basis: { standingKrw?: number | null; refundedKrw?: number; parts?: number } = {},
) => `${reassessedSituationOf(version, paymentsRecorded, ended, basis)}:${paymentTx}`;

/**
 * What the provider transactions of one situation's records begin with (before `:<charge>`), whatever
 * the charge: the reconciliation asks whether this situation was recorded already (reassessment-refunds.ts).
 */
export const reassessedSituationOf = (version: number, paymentsRecorded: number, ended: EndedStatus | null = null, basis: { standingKrw?: number | null; refundedKrw?: number; parts?: number } = {}) =>
  `reassessed:v${version}.${paymentsRecorded}${ended ? `.${ended}` : ''}${reassessedBasisOf(basis)}${basis.parts && basis.parts > 1 ? `.parts${basis.parts}` : ''}`;

/**
 * The rest of what a reassessment refund is based on, when it is not all the payments recorded and no
 * refund made: `.paid<standing>` once a payment is reversed, `.refunded<made>` once a refund was made.
 * At one version and count of payments these only move one way (a reversal lowers what stands, a refund
 * made raises what was returned), so each distinct situation has its own provider transaction (a new
 * record is never discarded as the earlier one's conflict) and the same situation found again the same.
 * Empty otherwise: the records written before keep their form.
 */
function reassessedBasisOf(b: { standingKrw?: number | null; refundedKrw?: number }): string {
  return `${b.standingKrw != null ? `.paid${b.standingKrw}` : ''}${b.refundedKrw ? `.refunded${b.refundedKrw}` : ''}`;
}

/**
 * A declaration that ended without import: withdrawn (신고취하, 관세법 제250조) or refused (통관불허).
 * It owes nothing any more (tax-notice.ts owesTaxes), so everything paid under it is overpaid:
 * refunded as 과오납금 (관세법 제46조; the KCS lists a withdrawal's approval and a refused
 * declaration's notice among the cases of 과오납 환급). Recorded by the same reconciliation as an
 * assessment lower (reason reassessed_lower: one open per declaration and charge, whatever made it overpaid),
 * in the transaction of the withdrawal or refusal; withdrawing does not store a new version, so its
 * record's provider transaction names the end (`reassessed:v2.1.withdrawn:…`), not to be taken for
 * the record of the assessment at that version.
 */
export type EndedStatus = 'withdrawn' | 'rejected';
export const endedStatusOf = (status: string): EndedStatus | null => (status === 'withdrawn' || status === 'rejected' ? status : null);

/** Why the declaration no longer owes its taxes, for the payer (ko/en) and for the administrators' record (English). */
function endedText(ended: EndedStatus): { ko: string; en: string; refKo: string; refEn: string } {
  return ended === 'withdrawn'
    ? { ko: '신고가 취하되어', en: 'The declaration was withdrawn, so', refKo: '관세법 제250조 신고의 취하, 제46조 과오납금의 환급', refEn: 'Customs Act art. 250, withdrawal of a declaration, and art. 46, refund of taxes overpaid' }
    : { ko: '통관이 불허되어', en: 'Clearance was refused, so', refKo: '관세법 제46조 과오납금의 환급', refEn: 'Customs Act art. 46, refund of taxes overpaid' };
}

/** The `why` of a withdrawal's or refusal's reconciliation (the administrators' record, English). */
export const endedWhy = (ended: EndedStatus) =>
  ended === 'withdrawn' ? 'declaration withdrawn after payment (Customs Act art. 250): nothing is owed' : 'clearance refused after payment: nothing is owed';

/** An open reassessment refund as the reconciliation reads it. */
export interface OpenReassessedRefund {
  id: number;
  amountKrw: number;
  /** The charge it is drawn from (a RefundableCharge's `charge`), read from its provider transaction. */
  charge?: string;
}

/** A standing payment's charge, as a reassessment refund may be drawn from it: a partial cancel at the provider. */
export interface RefundableCharge {
  /** Which charge (the provider and its transaction, as the caller names it). */
  charge: string;
  amountKrw: number;
  /** What was already refunded from it: its reassessment refunds recorded as made (outcome refunded, migrations/100). */
  refundedKrw: number;
}

/** Part of a refund drawn from one charge. */
export interface RefundPart {
  charge: string;
  amountKrw: number;
}

/** What is left to refund of a charge: its amount less what was already refunded from it (never below 0). */
export const leftOfCharge = (c: Pick<RefundableCharge, 'amountKrw' | 'refundedKrw'>) => Math.max(c.amountKrw - c.refundedKrw, 0);

/**
 * Splits a refund of `amountKrw` over the standing charges (`chargesOldestFirst`: the notice's payment,
 * then the shortfalls paid after it, in the order they were paid): one part per charge, each at most
 * what is left of it (leftOfCharge), none of 0 or less, the parts summing to the amount. A provider
 * cancels part of a charge, never more than the charge: paid 100,000 by card, 50,000 by transfer,
 * withdrawn: 150,000 is two refunds, 50,000 of the transfer and 100,000 of the card, not one of 150,000
 * against the card (refused by the provider).
 *
 * The latest charge first, as a payments operator undoes payments: (1) the overpayment comes from the
 * latest assessments first (a shortfall was paid because the taxes went up; assessed lower again, that
 * increase is what is undone, and it goes back to the means that paid it); (2) the latest charge is the
 * freshest at the provider, the one most surely still cancellable in part, where an old card charge may
 * have aged past its cancel window; (3) the notice's own payment (part 0, the receipt the payer and the
 * card company hold for the import) stays whole the longest, and a small correction touches one charge.
 * Not the largest first: that splits no less often in practice, and would refund a correction of a
 * shortfall paid by transfer to the card of the first payment.
 *
 * Never more than is left of all the charges together: a larger amount (which the reconciliation never
 * asks: what is paid net of the refunds made is at least what is overpaid) is allocated up to that.
 */
export function allocateRefund(chargesOldestFirst: readonly RefundableCharge[], amountKrw: number): RefundPart[] {
  const parts: RefundPart[] = [];
  let rest = Math.max(Math.floor(amountKrw), 0);
  for (let i = chargesOldestFirst.length - 1; i >= 0 && rest > 0; i--) {
    const c = chargesOldestFirst[i]!;
    const take = Math.min(leftOfCharge(c), rest);
    if (take <= 0) continue;
    parts.push({ charge: c.charge, amountKrw: take });
    rest -= take;
  }
  return parts;
}

/** What to do with a declaration's reassessment refunds: the open ones to keep, or the parts to record; and what to resolve, with why. */
export interface ReassessedRefundPlan {
  keep: number[];
  create: RefundPart[];
  resolve: { id: number; resolution: string }[];
}

/**
 * The reassessment refunds of a declaration whose taxes were paid (`paidKrw`, every standing
 * payment, in the charges `charges`, oldest first) and are now assessed at `owedKrw` (0 when nothing is
 * owed any more), of which `refundedKrw` was already returned (its reassessment refunds recorded as made
 * by an administrator): the overpayment (paid − refunded) − owed, when above zero, recorded as one open
 * refund per charge it is drawn from (allocateRefund: the latest charge first, each at most what is left
 * of it), never twice for the same money. E.g. paid 36,320, corrected to 20,000: 16,320, refunded; then
 * withdrawn: 36,320 − 16,320 − 0 = 20,000, not 36,320 again.
 *
 * The open records stay when they still hold the overpayment (idempotent): they add up to it, or this
 * very situation was recorded before (`recorded`: a record of its provider transaction exists, and an
 * administrator resolved a part since: that stays resolved), and none is more than is left of its charge.
 * Otherwise the parts that change are resolved as superseded (the overpayment changed, or a record asks more
 * than its charge holds: the parts of the new amount replace them), an open part of the same charge and amount
 * as a new part kept as it is (its refund number too: the payer and the operator are told only what changed),
 * or all as no longer due (the taxes now come to the net
 * amount paid or more, or the payment was reversed: nothing was overpaid). Resolutions are for the
 * administrators' record (English, as theirs are).
 */
export function reassessedRefundPlan(
  paidKrw: number,
  owedKrw: number,
  open: readonly OpenReassessedRefund[],
  why: string,
  refundedKrw = 0,
  charges: readonly RefundableCharge[] = [{ charge: '', amountKrw: paidKrw, refundedKrw }],
  recorded = false,
  /** A payment was reversed (the bank took a deposit back): a part cancelled while the others stay as they are says so. */
  o: { reversed?: boolean } = {},
): ReassessedRefundPlan {
  const netKrw = paidKrw - refundedKrw;
  const over = netKrw - owedKrw;
  const paidText = refundedKrw > 0 ? `KRW ${formatKrw(paidKrw)} paid less KRW ${formatKrw(refundedKrw)} already refunded` : `KRW ${formatKrw(paidKrw)} paid`;
  if (over <= 0) {
    const resolution =
      paidKrw === 0
        ? `no longer due: ${why}; no payment stands (reversed), nothing was overpaid`
        : `no longer due: ${why}, taxes KRW ${formatKrw(owedKrw)}, not less than the ${paidText}`;
    return { keep: [], create: [], resolve: open.map((r) => ({ id: r.id, resolution })) };
  }
  const openKrw = open.reduce((sum, r) => sum + r.amountKrw, 0);
  if (open.length > 0 && (openKrw === over || recorded) && withinCharges(open, charges)) return { keep: open.map((r) => r.id), create: [], resolve: [] };
  // An open part of the same charge and amount as a part of the new allocation is the same money: it
  // stays as it is, under its number; only the parts that change are superseded and recorded anew.
  const allocation = allocateRefund(charges, over);
  const kept = new Set<number>();
  const create: RefundPart[] = [];
  for (const part of allocation) {
    const same = open.find((r) => !kept.has(r.id) && r.charge !== undefined && r.charge === part.charge && r.amountKrw === part.amountKrw);
    if (same) kept.add(same.id);
    else create.push(part);
  }
  const split = kept.size > 0 ? ` in ${create.length} of ${allocation.length} parts, ${[...kept].map(refundNoOf).join(', ')} unchanged` : create.length > 1 ? ` in ${create.length} parts, one per charge` : '';
  // A payment reversed and nothing recorded anew, the rest kept as it is: nothing replaces the parts
  // cancelled (the money they were drawn from went back), so they are not "superseded" (reassessedCancelCause).
  const resolution =
    o.reversed && create.length === 0 && kept.size > 0
      ? `payment reversed: ${why}, taxes KRW ${formatKrw(owedKrw)}; the overpayment is now KRW ${formatKrw(over)} (${paidText}), held by ${[...kept].map(refundNoOf).join(', ')} unchanged; nothing is refunded under this number`
      : `superseded: ${why}, taxes KRW ${formatKrw(owedKrw)}; the overpayment is now KRW ${formatKrw(over)} (${paidText}), recorded anew${split}`;
  return { keep: open.filter((r) => kept.has(r.id)).map((r) => r.id), create, resolve: open.filter((r) => !kept.has(r.id)).map((r) => ({ id: r.id, resolution })) };
}

/**
 * Why the records a reconciliation resolves (`plan.resolve`) no longer stand, as the operator's
 * tax.refund_due_cancelled and the payer's alert say it: superseded when records are recorded anew in their
 * place (or, not after a reversal, when other parts are kept as they are); payment reversed after a reversal
 * that records nothing anew (the other parts kept, or none: no payment stands, or what stands is not overpaid);
 * no longer due otherwise (assessed again at the net amount paid or more). E.g. 86,580 by card + 49,950 by
 * transfer, owed 0: 49,950 and 86,580 due; the transfer reversed: 86,580 still due (kept), the 49,950
 * cancelled as payment reversed, not superseded (nothing replaces it).
 */
export function reassessedCancelCause(plan: ReassessedRefundPlan, o: { reversed: boolean; paidKrw: number }): RefundDueCancelCause {
  if (plan.create.length > 0) return 'superseded';
  if (o.reversed) return 'payment_reversed';
  if (plan.keep.length > 0) return 'superseded';
  return o.paidKrw === 0 ? 'payment_reversed' : 'no_longer_due';
}

/** Whether each open record is drawn from a standing charge and, together with the others on it, asks no more than is left of it. */
function withinCharges(open: readonly OpenReassessedRefund[], charges: readonly RefundableCharge[]): boolean {
  const asked = new Map<string, number>();
  for (const r of open) {
    if (r.charge === undefined) return charges.length === 1 && open.length === 1 && r.amountKrw <= leftOfCharge(charges[0]!);
    asked.set(r.charge, (asked.get(r.charge) ?? 0) + r.amountKrw);
  }
  return [...asked].every(([charge, krw]) => {
    const c = charges.find((x) => x.charge === charge);
    return c !== undefined && krw <= leftOfCharge(c);
  });
}

/**
 * What the payer reads on the notice: the taxes assessed again at `owedKrw`, the overpayment recorded
 * for a refund under a number, by when, to the means paid with, and whom to ask if it has not come.
 */
export function reassessedRefundText(r: {
  refundNo: string;
  amountKrw: number;
  refundBy: string;
  owedKrw: number;
  payerKind: PayerKind;
  ended?: EndedStatus | null;
  /** What stands paid and what of it was already refunded (reassessed_lower refunds made): then not "in full". */
  paidKrw?: number;
  refundedKrw?: number;
  /** The refund split over several charges (allocateRefund): each record's number, amount and the receipt it is refunded to; `refundNo` is then the first's. */
  parts?: readonly RefundNumberPart[];
}): Bilingual {
  const by = dateWithWeekday(r.refundBy);
  const amount = formatKrw(r.amountKrw);
  const ask = whomToAsk(r.payerKind);
  const no = refundNumbersText(r.refundNo, r.parts);
  if (r.ended) {
    // Withdrawn or refused: nothing is owed, the whole amount paid is refunded.
    const e = endedText(r.ended);
    if (r.refundedKrw && r.refundedKrw > 0 && r.paidKrw !== undefined) {
      // Part was already refunded: the rest (paid − refunded − 0) is recorded, not all that was paid.
      return {
        ko:
          `${e.ko} 납부하신 ${formatKrw(r.paidKrw)}원 중 이미 환급된 ${formatKrw(r.refundedKrw)}원을 뺀 ${amount}원이 환급 대상으로 등록되었습니다(${no.ko}, ${e.refKo}). ` +
          `${by.ko}까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 ${ask.ko}`,
        en:
          `${e.en} of the KRW ${formatKrw(r.paidKrw)} paid, the KRW ${amount} left after the KRW ${formatKrw(r.refundedKrw)} already refunded is recorded for a refund (${no.en}; ${e.refEn}). ` +
          `It will be refunded to the means you paid with by ${by.en}. If it is not by then, ${ask.en}`,
      };
    }
    return {
      ko:
        `${e.ko} 납부하신 ${amount}원 전액이 환급 대상으로 등록되었습니다(${no.ko}, ${e.refKo}). ` +
        `${by.ko}까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 ${ask.ko}`,
      en:
        `${e.en} the KRW ${amount} paid is recorded for a refund in full (${no.en}; ${e.refEn}). ` +
        `It will be refunded to the means you paid with by ${by.en}. If it is not by then, ${ask.en}`,
    };
  }
  return {
    ko:
      `납부 후 세액이 ${formatKrw(r.owedKrw)}원으로 다시 산정되어 ${amount}원이 더 납부되었습니다. 더 납부된 ${amount}원은 환급 대상으로 등록되었습니다(${no.ko}, 관세법 제46조 과오납금의 환급). ` +
      `${by.ko}까지 결제하신 수단으로 환급됩니다. 그때까지 환급되지 않으면 ${ask.ko}`,
    en:
      `After the payment the taxes were assessed again at KRW ${formatKrw(r.owedKrw)}, so KRW ${amount} was paid too much. It is recorded for a refund (${no.en}; Customs Act art. 46, refund of taxes overpaid). ` +
      `It will be refunded to the means you paid with by ${by.en}. If it is not by then, ${ask.en}`,
  };
}
