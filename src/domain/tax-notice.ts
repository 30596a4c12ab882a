// Tax notices (관세 등 제세 납부): what a declaration owes, under which payment number, by when,
// and whether it is paid. Pure: the caller passes today's date and the stored facts.
import type { Bilingual } from './bilingual.ts';
import type { Route, Taxes } from './assessment.ts';
import { addDays, dayNumber, koreanDateOf } from './dates.ts';
import { dateWithWeekday, deadlineOn, type HolidayCalendar, type MovedDeadline } from './holidays.ts';
import { formatKrw } from './money.ts';
import type { DeclarationStatus, LifecycleEventType } from './lifecycle.ts';
import { taxesHeldBy } from './taxes-payable.ts';
import { endedStatusOf, reassessedRefundText } from './reassessed-refunds.ts';
import { depositsWhileHeldNoticeText } from './virtual-account.ts';

export type PaymentMethod = 'card' | 'transfer';
export type PayerKind = 'consumer' | 'operator';
/**
 * due: payable now, by its due date; overdue: payable, past it; held: the engine held the parcel (payable
 * false), nothing can be paid before the hold is resolved and the goods clear (관세법 제9조: due from 수리),
 * so it is not among what is due; paid: settled.
 */
export const TAX_NOTICE_STATUSES = ['due', 'overdue', 'held', 'paid'] as const;
export type TaxNoticeStatus = (typeof TAX_NOTICE_STATUSES)[number];

/** The amounts of an assessment's taxes (without `collected`: a notice exists only when they are). */
export type TaxNoticeTaxes = Omit<Taxes, 'collected'>;

export interface TaxNoticePayment {
  receiptNo: string;
  paidAt: string; // ISO timestamp
  method: PaymentMethod;
  payerKind: PayerKind;
  amountKrw: number;
}

/** The overpayment of a notice assessed again after payment, recorded for a refund (refund-due.ts, reason reassessed_lower). */
export interface TaxNoticeRefund {
  refundNo: string;
  amountKrw: number;
  /** YYYY-MM-DD: by when it is refunded, as the payer is told. */
  refundBy: string;
  /** The receipt of the payment whose charge it is refunded to (a partial cancel of that charge), when known. */
  receiptNo?: string;
}

/** A refund made of what was paid on the notice (a refund due recorded refunded by an administrator, migrations/100). */
export interface TaxNoticeRefundMade {
  refundNo: string;
  amountKrw: number;
  /** ISO timestamp: when it was recorded as refunded. */
  refundedAt: string;
  /** Why it was due (refund-due.ts: reassessed_lower, duplicate_charge_not_voided, charge_outcome_unknown, deposit_after_paid, deposit_while_held). */
  reason: string;
}

export interface TaxNotice {
  declarationId: number;
  cargoNo: string;
  description: string;
  paymentNo: string;
  amountKrw: number;
  dueDate: string;
  status: TaxNoticeStatus;
  taxes: TaxNoticeTaxes;
  payment: TaxNoticePayment | null;
  /**
   * The overpayment recorded for a refund when the taxes were assessed again lower after payment (관세법 제46조); null otherwise.
   * Split over several charges (`refunds` has more than one), the first of them: read `refunds`.
   */
  refund: TaxNoticeRefund | null;
  /**
   * Every open record of the overpayment's refund, one per charge it is drawn from (the latest payment
   * first, each at most what is left of its charge: a provider cancels part of a charge, never more),
   * each with its refund number, amount and the receipt it is refunded to; empty when none.
   */
  refunds: TaxNoticeRefund[];
  /** The refunds made (recorded as refunded), oldest first: the payer sees that the money came back, when, and under which number. */
  refundsMade: TaxNoticeRefundMade[];
  /**
   * Assessed again higher after payment (관세법 제38조의2): what is still owed, the taxes now less
   * everything paid that stands net of the refunds already made (refundedKrw), payable on this notice (status due or overdue until paid); also the
   * taxes less the shortfalls still standing when the notice's payment was undone after them (its
   * deposit reversed: `payment` null); 0 otherwise. amountToPayKrw says which amount a payer pays.
   */
  shortfallKrw: number;
  /** Shortfalls paid on this notice after its payment, oldest first (each with its own receipt); they stand when that payment is undone. */
  shortfallPayments: TaxNoticePayment[];
  /**
   * false: the engine held the parcel (route hold: prohibited goods, or an import requirement unmet):
   * nothing can be paid on it now; the amounts are what would be owed should the hold be resolved
   * and the goods clear (taxes are due from 수리, 관세법 제9조), and `reason` says what to do. true otherwise.
   */
  payable: boolean;
  ref: string;
  reason: Bilingual;
}

/** A payment as anyone may check it by its receipt number: no name, no PCCC, no payer reference. */
export interface TaxReceipt {
  receiptNo: string;
  /** 0: the notice's payment; n ≥ 1: the n-th shortfall paid on the notice after the taxes were assessed again higher (its taxes: what the new assessment added). */
  part?: number;
  paymentNo: string;
  cargoNo: string;
  amountKrw: number;
  method: PaymentMethod;
  payerKind: PayerKind;
  paidAt: string;
  taxes: TaxNoticeTaxes;
}

export interface TaxNoticeInput {
  declarationId: number;
  cargoNo: string;
  /** 신고일 (YYYY-MM-DD). */
  declaredAt: string;
  status: DeclarationStatus;
  /** The declaration's route: 'hold' with status held is the engine's hold, nothing payable (absent: not held by the engine). */
  route?: Route;
  /** The stored hold reason: a hold opened by the consignee's "not me" report makes nothing payable (isHeldOnNotMe). */
  holdReason?: unknown;
  description: string;
  taxes: Taxes | null;
  events: { type: LifecycleEventType; occurredAt: string }[];
  payment: TaxNoticePayment | null;
  /** The open refund due of the overpayment, if the taxes were assessed again lower after payment (reason reassessed_lower). */
  refund?: TaxNoticeRefund | null;
  /** The open refunds due of the overpayment, one per charge, when it is split (else `refund`); they add up to it. */
  refunds?: readonly TaxNoticeRefund[];
  /** Shortfalls paid after `payment` (the taxes assessed again higher), oldest first. */
  shortfallPayments?: readonly TaxNoticePayment[];
  /**
   * What was already returned of the payments: the reassessed_lower refunds an administrator recorded as
   * made (reassessment-refunds.ts reassessedRefundedKrw). The notice counts what is paid net of it.
   */
  refundedKrw?: number;
  /** The refunds made of the declaration (any reason), oldest first: told on the notice. */
  refundsMade?: readonly TaxNoticeRefundMade[];
  /**
   * Deposits that reached an account closed while nothing was payable (held: taxes-payable.ts), still to be
   * returned (refund-due.ts DEPOSIT_WHILE_HELD_REASON): they pay nothing, and the notice says each is returned.
   */
  depositsWhileHeld?: readonly TaxNoticeRefund[];
  /**
   * Who reads the notice, when known: the operator's list (an operator cannot open a consultation, the
   * consumer's) says 'operator', so whom to ask is the administrators on every text, whoever paid; absent,
   * the payer's kind decides (a payer reads their own notice).
   */
  reader?: PayerKind;
  /** Today in Korea (YYYY-MM-DD). */
  today: string;
  /** Public holidays (reference data) that move the due date (관세법 제8조③). */
  holidays: HolidayCalendar;
}

export const TAX_DUE_REF = '관세법 제9조(관세의 납부기한 등)';
/** 관세법 제9조① 1: 납세신고 수리일부터 15일 이내. */
export const TAX_DUE_DAYS = 15;

/** The events that accept the import (수입신고수리; for list clearance 통관목록심사완료). */
const ACCEPTANCE_EVENTS: readonly LifecycleEventType[] = ['IMPORT_ACCEPTED', 'LIST_CLEARED'];

/** A declaration owes taxes when the engine collects them and it is still alive. */
export function owesTaxes(status: DeclarationStatus, taxes: Taxes | null): taxes is Taxes {
  return taxes !== null && taxes.collected && taxes.totalKrw > 0 && status !== 'withdrawn' && status !== 'rejected';
}

/** The Luhn (mod 10) check digit to append to `digits`. */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`not digits: ${digits}`);
  let sum = 0;
  // From the right, every other digit starting with the rightmost is doubled (the check digit will follow it).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a full number (its last digit being the check digit) passes Luhn. */
export function passesLuhn(number: string): boolean {
  return /^\d{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === Number(number.slice(-1));
}

/**
 * The payment number of a declaration's taxes, 19 digits in the shape of a 전자납부번호:
 * '9' + yy + declaration id (15 digits) + Luhn check digit. It is the platform's own number for
 * its emulated payment flow, NOT a number issued by the Korea Customs Service (KCS issues the
 * real 전자납부번호 with its 납부고지서).
 */
export function paymentNumberOf(declarationId: number, year: number): string {
  if (!Number.isSafeInteger(declarationId) || declarationId < 1 || declarationId >= 1e15) throw new Error(`declaration id out of range: ${declarationId}`);
  const body = `9${String(year % 100).padStart(2, '0')}${String(declarationId).padStart(15, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/**
 * The due date: 15 days after 수입신고수리 (관세법 제9조① 1; the first day is not counted,
 * 관세법 제8조① and 민법 제157조), moved to the next day that is not a Saturday, Sunday, public
 * holiday, 대체공휴일 or 근로자의 날 when it falls on one (관세법 제8조③, src/domain/holidays.ts).
 * Before acceptance, the same from the declaration date, as a provisional date; once that date has
 * passed (`today` after it) with no acceptance yet, 15 days from today: nothing is overdue before
 * 수리 (the term runs from it), and a parcel held or waiting in the warehouse was told "overdue, pay
 * now" while its next step said there was nothing to do, and could not get a transfer account.
 */
export function dueDateOf(
  declaredAt: string,
  events: TaxNoticeInput['events'],
  holidays: HolidayCalendar,
  today?: string,
): { dueDate: string; provisional: boolean; movedFrom: MovedDeadline['movedFrom'] } {
  const accepted = events.find((e) => ACCEPTANCE_EVENTS.includes(e.type));
  const start = accepted ? koreanDateOf(accepted.occurredAt) : declaredAt.slice(0, 10);
  let due = deadlineOn(addDays(start, TAX_DUE_DAYS), holidays);
  if (!accepted && today && today > due.date) due = deadlineOn(addDays(today, TAX_DUE_DAYS), holidays);
  return { dueDate: due.date, provisional: !accepted, movedFrom: due.movedFrom };
}

/** "…(15th day) fell on a day off, so the due date moved" (관세법 제8조③), or empty texts. */
function movedTextOf(dueDate: string, movedFrom: MovedDeadline['movedFrom']): Bilingual {
  if (!movedFrom) return { ko: '', en: '' };
  const from = dateWithWeekday(movedFrom.date);
  const to = dateWithWeekday(dueDate);
  return {
    ko: ` 기한일 ${from.ko}이 ${movedFrom.ko.join('·')}이어서 다음 날(휴일이 아닌 날)인 ${to.ko}로 연장되었습니다(관세법 제8조③).`,
    en: ` The 15th day, ${from.en}, is ${movedFrom.en.join(' and ')}, so the due date moves to the next day that is not a day off, ${to.en} (Customs Act art. 8(3)).`,
  };
}

/** The notice of a declaration, or null when it owes nothing and nothing was paid. */
export function taxNoticeOf(input: TaxNoticeInput): TaxNotice | null {
  const { taxes, payment } = input;
  if (!taxes || (!payment && !input.shortfallPayments?.length && !owesTaxes(input.status, taxes))) return null;
  const paymentNo = paymentNumberOf(input.declarationId, Number(input.declaredAt.slice(0, 4)));
  const { dueDate, provisional, movedFrom } = dueDateOf(input.declaredAt, input.events, input.holidays, input.today);
  const amountKrw = taxes.totalKrw;
  const today = dayNumber(input.today);
  const due = dayNumber(dueDate);
  // Shortfalls stand also when the notice's payment was undone after them (a deposit reversed by the
  // bank): they are still paid, and the payment to make anew is the taxes less them.
  const shortfallPayments = [...(input.shortfallPayments ?? [])];
  const standing = payment ? [payment, ...shortfallPayments] : shortfallPayments;
  // Everything paid on this notice that stands (its payment and the shortfalls paid since), less the
  // refunds already made of it: e.g. 136,530 paid, 49,950 refunded: 86,580 counts as paid.
  const standingKrw = standing.reduce((sum, p) => sum + p.amountKrw, 0);
  const refundedKrw = standing.length > 0 ? Math.max(input.refundedKrw ?? 0, 0) : 0;
  const paidKrw = standingKrw - refundedKrw;
  const refundedText = refundedKrw > 0 ? refundsMadeText(standingKrw, refundedKrw) : null;
  const owedKrw = owesTaxes(input.status, taxes) ? taxes.totalKrw : 0;
  const shortfallKrw = standing.length > 0 && owedKrw > paidKrw ? owedKrw - paidKrw : 0;
  // The overpayment's refund as recorded (one record, or one per charge, adding up to it); records of
  // another amount are not this difference, and are not shown as its refund.
  const recordedParts = input.refunds ?? (input.refund ? [input.refund] : []);
  const parts = standing.length > 0 && recordedParts.length > 0 && recordedParts.reduce((sum, r) => sum + r.amountKrw, 0) === paidKrw - owedKrw ? [...recordedParts] : [];
  const recordedRefund = parts.length > 0 ? refundOfParts(parts) : null;
  // Not payable now (taxes-payable.ts, the rule the account closing and the deposit path follow too): held by
  // the engine (nothing payable before the hold is resolved), or on the consignee's "not me" report (whose goods
  // these are, and so who owes their taxes, the 화주 of 관세법 제19조①1, is what customs checks). An officer's hold stays payable.
  const heldBy = taxesHeldBy({ status: input.status, route: input.route, holdReason: input.holdReason });
  const heldUnpayable = heldBy !== null;
  const heldText = (amountKrw: number) => (heldBy === 'not_me' ? notMeHeldText(amountKrw) : engineHeldText(amountKrw));
  // Due through the due date itself; overdue from the next day. Paid short (assessed again higher): due again for the shortfall.
  // Held by the engine or on a "not me" report: held, not due (nothing payable now), also for a shortfall.
  const late = today !== null && due !== null && today > due;
  const status: TaxNoticeStatus = standing.length > 0 && shortfallKrw === 0 ? 'paid' : heldUnpayable ? 'held' : late ? 'overdue' : 'due';
  const moved = movedTextOf(dueDate, movedFrom);
  let reason: Bilingual;
  if (heldUnpayable && standing.length === 0) {
    reason = heldText(amountKrw);
  } else if (!payment && shortfallPayments.length > 0) {
    // The notice's payment undone (its deposit reversed) after a shortfall was paid on it: the shortfall
    // stands, so what is owed again is the taxes less it (e.g. 78,600 − 10,000 = 68,600), not the whole.
    reason = standingShortfallText({ owedKrw, paidKrw: standingKrw, refundedKrw, shortfallKrw, dueDate, late, shortfallPayments });
    const first = shortfallPayments[0]!;
    if (shortfallKrw === 0 && owedKrw < paidKrw) {
      const refund = recordedRefund;
      const after = refund
        ? reassessedRefundText({ ...refund, owedKrw, payerKind: input.reader ?? first.payerKind, ended: endedStatusOf(input.status), paidKrw: standingKrw, refundedKrw })
        : paidDifferenceText(owedKrw, { ...first, amountKrw: paidKrw, payerKind: input.reader ?? first.payerKind }, endedStatusOf(input.status), { paidKrw: standingKrw, refundedKrw });
      reason = { ko: `${reason.ko} ${after.ko}`, en: `${reason.en} ${after.en}` };
    }
  } else if (payment) {
    const paidOn = koreanDateOf(payment.paidAt);
    reason = {
      ko: `${paidOn}에 관세 등 제세 ${formatKrw(payment.amountKrw)}원을 납부했습니다(영수번호 ${payment.receiptNo}).`,
      en: `Taxes of KRW ${formatKrw(payment.amountKrw)} were paid on ${paidOn} (receipt no. ${payment.receiptNo}).`,
    };
    // Paid after the due date (a fixed one: from 수리; the provisional one before it is never past): 납부지연
    // 가산세 may be billed apart (관세법 제42조), as the overdue notice said; the platform does not compute it.
    if (!provisional && paidOn > dueDate) {
      reason = {
        ko: `${reason.ko} 납부기한(${dueDate})이 지난 뒤 납부되어 가산세(관세법 제42조)가 따로 고지될 수 있습니다. 이 영수 금액에는 포함되어 있지 않습니다.`,
        en: `${reason.en} They were paid after the due date (${dueDate}), so a penalty tax (Customs Act art. 42) may be billed separately; it is not part of this receipt.`,
      };
    }
    for (const p of shortfallPayments) {
      const on = koreanDateOf(p.paidAt);
      reason = {
        ko: `${reason.ko} 다시 산정된 세액의 부족분 ${formatKrw(p.amountKrw)}원을 ${on}에 추가로 납부했습니다(영수번호 ${p.receiptNo}).`,
        en: `${reason.en} The shortfall of KRW ${formatKrw(p.amountKrw)} after the taxes were assessed again was paid on ${on} (receipt no. ${p.receiptNo}).`,
      };
    }
    if (refundedText) reason = { ko: `${reason.ko} ${refundedText.ko}`, en: `${reason.en} ${refundedText.en}` };
    const owed = owedKrw;
    // Assessed again lower: the overpayment is recorded for a refund, in the same transaction as the
    // new assessment (its number, the day, 제46조); a record of another amount is not this difference.
    const refund = recordedRefund;
    if (refund) {
      const after = reassessedRefundText({ ...refund, owedKrw: owed, payerKind: input.reader ?? payment.payerKind, ended: endedStatusOf(input.status), paidKrw: standingKrw, refundedKrw });
      reason = { ko: `${reason.ko} ${after.ko}`, en: `${reason.en} ${after.en}` };
    } else if (owed !== paidKrw) {
      const after = paidDifferenceText(owed, { ...payment, amountKrw: paidKrw, payerKind: input.reader ?? payment.payerKind }, endedStatusOf(input.status), { paidKrw: standingKrw, refundedKrw });
      reason = { ko: `${reason.ko} ${after.ko}`, en: `${reason.en} ${after.en}` };
    } else if (owed === 0 && endedStatusOf(input.status)) {
      // Withdrawn (관세법 제250조) or refused, and all that was paid already refunded (제46조): nothing is
      // owed and nothing is left to refund, not "the taxes assessed again, KRW 0, are paid in full".
      const after = endedAndRefundedText(endedStatusOf(input.status)!, standingKrw);
      reason = { ko: `${reason.ko} ${after.ko}`, en: `${reason.en} ${after.en}` };
    } else if (shortfallPayments.length > 0 || refundedKrw > 0) {
      reason = { ko: `${reason.ko} 다시 산정된 세액 ${formatKrw(owed)}원을 모두 납부했습니다.`, en: `${reason.en} The taxes as assessed again, KRW ${formatKrw(owed)}, are paid in full.` };
    }
  } else if (status === 'overdue') {
    reason = {
      // The amount is the taxes alone: a late payment may owe 가산세 on top (관세법 제42조), which the platform does not compute.
      ko: `관세 등 제세 ${formatKrw(amountKrw)}원의 납부기한(${dueDate})이 지났습니다. 전자납부번호(${paymentNo})로 바로 납부하세요. 기한이 지난 세액에는 가산세가 붙을 수 있으며(관세법 제42조) 이 금액에는 포함되어 있지 않습니다.${moved.ko}`,
      en: `Taxes of KRW ${formatKrw(amountKrw)} were due by ${dueDate} and are overdue; pay now with payment no. ${paymentNo}. Taxes paid late may owe a penalty tax (Customs Act art. 42), which this amount does not include.${moved.en}`,
    };
  } else {
    reason = provisional
      ? {
          ko: `관세 등 제세 ${formatKrw(amountKrw)}원을 ${dueDate}까지 납부하세요(수입신고 수리 전 잠정 기한, 수리일부터 15일 이내).${moved.ko}`,
          en: `Taxes of KRW ${formatKrw(amountKrw)} are due by ${dueDate} (provisional until the import is accepted; then 15 days from acceptance).${moved.en}`,
        }
      : {
          ko: `관세 등 제세 ${formatKrw(amountKrw)}원을 ${dueDate}까지 납부하세요(수입신고 수리일부터 15일 이내).${moved.ko}`,
          en: `Taxes of KRW ${formatKrw(amountKrw)} are due by ${dueDate} (15 days from acceptance of the import declaration).${moved.en}`,
        };
  }
  // The refunds made, each with its number and day: the payer was told it was due, and is told it came.
  const refundsMade = [...(input.refundsMade ?? [])];
  if (heldUnpayable && standing.length > 0 && shortfallKrw > 0) {
    // Paid, assessed again higher, then held: the shortfall waits for the hold as the whole would.
    const held = heldText(shortfallKrw);
    reason = { ko: `${reason.ko} ${held.ko}`, en: `${reason.en} ${held.en}` };
  }
  if (refundsMade.length > 0) {
    const made = refundsMadeDetailText(refundsMade);
    reason = { ko: `${reason.ko} ${made.ko}`, en: `${reason.en} ${made.en}` };
  }
  if (input.depositsWhileHeld?.length) {
    // Deposited while held, into an account closed with the hold: not a payment (the notice stays unpaid), returned.
    const returned = depositsWhileHeldNoticeText(input.depositsWhileHeld);
    reason = { ko: `${reason.ko} ${returned.ko}`, en: `${reason.en} ${returned.en}` };
  }
  return {
    declarationId: input.declarationId,
    cargoNo: input.cargoNo,
    description: input.description,
    paymentNo,
    amountKrw,
    dueDate,
    status,
    taxes: taxesOf(taxes),
    payment,
    refund: parts[0] ?? null,
    refunds: parts,
    refundsMade,
    shortfallKrw,
    shortfallPayments,
    payable: !heldUnpayable,
    ref: TAX_DUE_REF,
    reason,
  };
}

/**
 * A parcel the engine held: `amountKrw` is what would be owed should the hold be resolved and the goods
 * clear; nothing is payable before (관세법 제9조: due from 수리). The hold's reason and its own legal
 * ground are on the parcel; goods needing an import approval clear only with it (관세법 제226조).
 */
/** The notice of a parcel held on the consignee's own "not me" report (report-not-me.ts). */
function notMeHeldText(amountKrw: number): Bilingual {
  const amount = formatKrw(amountKrw);
  return {
    ko: `이 화물은 수하인의 '내가 아님'(개인통관고유부호 도용) 신고로 통관이 보류되어 지금은 납부하지 않습니다. 관세 등 제세 ${amount}원은 물품의 화주(납세의무자, 관세법 제19조①1)가 냅니다. 세관이 확인해 본인 주문이 아니면 낼 필요가 없고, 본인 주문으로 확인되어 보류가 풀리면 수입신고 수리일부터 15일 안에 납부합니다(관세법 제9조).`,
    en: `This parcel is held on the consignee's "Not me" report (misuse of their personal customs code), so its taxes are not payable now. The KRW ${amount} is owed by the owner of the goods (the taxpayer, Customs Act art. 19(1)1): if customs finds the order is not yours, you owe nothing; if it finds the order is yours and lifts the hold, it is due within 15 days of the acceptance of the import declaration (art. 9).`,
  };
}

function engineHeldText(amountKrw: number): Bilingual {
  const amount = formatKrw(amountKrw);
  return {
    ko: `이 화물은 통관이 보류되어 지금은 납부할 수 없습니다. 관세 등 제세 ${amount}원은 보류가 해소되어 통관될 경우 낼 세액이며, 수입신고가 수리되면 그날부터 15일 안에 납부합니다(관세법 제9조). 화물의 보류 사유와 다음 안내를 확인하세요. 수입 승인·요건 확인이 필요한 물품이면 특송업체나 관세사를 통해 받으세요. 수입이 금지된 물품은 통관되지 않으며 이 세액도 내지 않습니다.`,
    en: `This parcel is on hold, so its taxes cannot be paid now. The KRW ${amount} shown is what would be owed if the hold is resolved and the goods clear; it is due within 15 days of the acceptance of the import declaration (Customs Act art. 9). See the parcel's hold reason and next step. Goods that need an import approval clear only with it: obtain it through the courier or a customs broker. Prohibited goods do not clear, and these taxes are then not owed.`,
  };
}

/** The overpayment's refund as its text tells it: the amount in all, the latest day promised, and each part when split. */
function refundOfParts(parts: readonly TaxNoticeRefund[]) {
  return {
    refundNo: parts[0]!.refundNo,
    amountKrw: parts.reduce((sum, r) => sum + r.amountKrw, 0),
    refundBy: parts.map((r) => r.refundBy).reduce((a, b) => (b > a ? b : a)),
    parts: parts.length > 1 ? parts : undefined,
  };
}

/** What is to pay on a notice now: its amount; once a payment stands on it, what is still owed (the shortfall), or nothing. */
export function amountToPayKrw(n: Pick<TaxNotice, 'payment' | 'shortfallPayments' | 'amountKrw' | 'shortfallKrw'>): number {
  return n.payment || n.shortfallPayments.length > 0 ? n.shortfallKrw : n.amountKrw;
}

/**
 * The refunds already made of what was paid (reassessed_lower refunds an administrator recorded as
 * made): the notice counts the rest as paid, e.g. 136,530 − 49,950 = 86,580.
 */
/** A declaration withdrawn or refused whose payments were all refunded: nothing owed, nothing left to ask for. */
function endedAndRefundedText(ended: 'withdrawn' | 'rejected', paidKrw: number): Bilingual {
  const paid = formatKrw(paidKrw);
  return ended === 'withdrawn'
    ? { ko: `신고가 취하되어 낼 세액이 없고, 납부하신 ${paid}원은 모두 환급되었습니다(관세법 제250조, 제46조).`, en: `The declaration was withdrawn, so no taxes are owed; the KRW ${paid} paid was refunded in full (Customs Act arts. 250 and 46).` }
    : { ko: `통관이 불허되어 낼 세액이 없고, 납부하신 ${paid}원은 모두 환급되었습니다(관세법 제46조).`, en: `Clearance was refused, so no taxes are owed; the KRW ${paid} paid was refunded in full (Customs Act art. 46).` };
}

function refundsMadeText(standingKrw: number, refundedKrw: number): Bilingual {
  const refunded = formatKrw(refundedKrw);
  const net = formatKrw(standingKrw - refundedKrw);
  return {
    ko: `이미 환급된 ${refunded}원을 빼면 납부된 세액은 ${net}원입니다.`,
    en: `KRW ${refunded} of it was already refunded, so KRW ${net} counts as paid.`,
  };
}

/**
 * Each refund made, by number, amount and day (Korean date): an overpayment refunded (관세법 제46조), or a
 * second charge (or deposit) returned, e.g. "환불번호 RF-00000001 16,320원이 2026-11-26에 환급되었습니다."
 */
function refundsMadeDetailText(refunds: readonly TaxNoticeRefundMade[]): Bilingual {
  const lines = refunds.map((r) => {
    const on = koreanDateOf(r.refundedAt);
    const amount = formatKrw(r.amountKrw);
    return r.reason === 'reassessed_lower'
      ? { ko: `더 납부된 ${amount}원이 ${on}에 환급되었습니다(환불번호 ${r.refundNo}).`, en: `The overpayment of KRW ${amount} was refunded on ${on} (refund ${r.refundNo}).` }
      : { ko: `두 번 결제된 ${amount}원이 ${on}에 환불되었습니다(환불번호 ${r.refundNo}).`, en: `The second charge of KRW ${amount} was refunded on ${on} (refund ${r.refundNo}).` };
  });
  return { ko: lines.map((l) => l.ko).join(' '), en: lines.map((l) => l.en).join(' ') };
}

/**
 * The notice whose payment was undone (a deposit the bank reversed) while the shortfalls paid after it
 * stand: they still count, so the payer owes the taxes less them (관세법 제9조 for the due date; the
 * late-payment 가산세 of 제42조 is not computed, as for any overdue notice).
 */
function standingShortfallText(a: {
  owedKrw: number;
  paidKrw: number;
  refundedKrw?: number;
  shortfallKrw: number;
  dueDate: string;
  late: boolean;
  shortfallPayments: readonly TaxNoticePayment[];
}): Bilingual {
  const receipts = a.shortfallPayments.map((p) => p.receiptNo).join(', ');
  const paid = formatKrw(a.paidKrw);
  const undone = { ko: '처음 납부한 세액의 납부가 취소되었습니다.', en: "The notice's first payment was undone." };
  // Refunds already made count against what stands: 78,600 owed, 10,000 standing, 21,000 refunded: 78,600 − (10,000 − 21,000).
  const less = a.refundedKrw ? { ko: `이미 환급된 ${formatKrw(a.refundedKrw)}원을 빼고 `, en: `, less the KRW ${formatKrw(a.refundedKrw)} already refunded` } : { ko: '', en: '' };
  const stands = a.refundedKrw ? { ko: `은 납부된 그대로이나 ${less.ko}계산하니`, en: ` stands${less.en}` } : { ko: '은 납부된 그대로이니', en: ' stands' };
  if (a.shortfallKrw === 0) {
    return {
      ko: `${undone.ko} 부족세액으로 추가 납부한 ${paid}원(영수번호 ${receipts})은 납부된 그대로입니다.${a.refundedKrw ? ` 이 중 ${formatKrw(a.refundedKrw)}원은 이미 환급되었습니다.` : ''}`,
      en: `${undone.en} The shortfall of KRW ${paid} paid since (receipt no. ${receipts}) stands.${a.refundedKrw ? ` KRW ${formatKrw(a.refundedKrw)} of it was already refunded.` : ''}`,
    };
  }
  const rest = formatKrw(a.shortfallKrw);
  const owed = formatKrw(a.owedKrw);
  return a.late
    ? {
        ko: `${undone.ko} 관세 등 제세 ${owed}원 중 부족세액으로 추가 납부한 ${paid}원(영수번호 ${receipts})${stands.ko}, 나머지 ${rest}원을 바로 납부하세요. 납부기한(${a.dueDate})이 지났으며 기한이 지난 세액에는 가산세가 붙을 수 있고(관세법 제42조) 이 금액에는 포함되어 있지 않습니다.`,
        en: `${undone.en} Of the taxes of KRW ${owed}, the shortfall of KRW ${paid} paid since (receipt no. ${receipts})${stands.en}; pay the remaining KRW ${rest} now: it was due by ${a.dueDate}, and taxes paid late may owe a penalty tax (Customs Act art. 42), which this amount does not include.`,
      }
    : {
        ko: `${undone.ko} 관세 등 제세 ${owed}원 중 부족세액으로 추가 납부한 ${paid}원(영수번호 ${receipts})${stands.ko}, 나머지 ${rest}원을 ${a.dueDate}까지 같은 전자납부번호로 납부하세요(관세법 제9조).`,
        en: `${undone.en} Of the taxes of KRW ${owed}, the shortfall of KRW ${paid} paid since (receipt no. ${receipts})${stands.en}; pay the remaining KRW ${rest} by ${a.dueDate} with the same payment number (Customs Act art. 9).`,
      };
}

/**
 * A payment that no longer matches what is owed: the declaration was assessed again after it was
 * paid (a correction, combined taxation, corrected reference data: all allowed until 수리) or
 * withdrawn. More paid than owed is refundable (관세법 제38조의3 경정청구, 제46조 과오납금의 환급); less paid leaves a
 * shortfall (관세법 제38조의2, 보정). The text used when no refund due is recorded for an
 * overpayment (the notice otherwise says the refund recorded: reassessedRefundText), and for a
 * shortfall, which is payable on the same notice (a supplementary payment, tax_payments.part,
 * migrations/096); whom to ask quotes the receipt number.
 */
export function paidDifferenceText(
  owedKrw: number,
  payment: Pick<TaxNoticePayment, 'amountKrw' | 'receiptNo' | 'payerKind'>,
  ended: 'withdrawn' | 'rejected' | null = null,
  made: { paidKrw: number; refundedKrw: number } = { paidKrw: payment.amountKrw, refundedKrw: 0 },
): Bilingual {
  const ask =
    payment.payerKind === 'operator'
      ? { ko: `영수번호 ${payment.receiptNo}를 적어 플랫폼 운영 관리자에게 문의하세요.`, en: `contact the platform administrators (운영 관리자), quoting receipt no. ${payment.receiptNo}.` }
      : { ko: `영수번호 ${payment.receiptNo}를 적어 통관 포털의 상담(민원상담)으로 문의하세요.`, en: `contact us through the portal's consultation (민원상담), quoting receipt no. ${payment.receiptNo}.` };
  const owed = formatKrw(owedKrw);
  if (ended) {
    // Withdrawn (관세법 제250조) or refused: nothing is owed; everything paid is 과오납금 (제46조).
    const paid = formatKrw(payment.amountKrw);
    if (made.refundedKrw > 0) {
      // Part was already refunded: not all that was paid is refundable now, only the rest (payment.amountKrw, net).
      const e =
        ended === 'withdrawn'
          ? { ko: '신고가 취하되어', refKo: '관세법 제250조, 제46조', en: 'The declaration was withdrawn, so', refEn: 'Customs Act arts. 250 and 46' }
          : { ko: '통관이 불허되어', refKo: '관세법 제46조', en: 'Clearance was refused, so', refEn: 'Customs Act art. 46' };
      return {
        ko: `${e.ko} 납부하신 ${formatKrw(made.paidKrw)}원 중 이미 환급된 ${formatKrw(made.refundedKrw)}원을 뺀 ${paid}원이 환급 대상입니다(${e.refKo}). 자동으로 환급되지 않으니 ${ask.ko}`,
        en: `${e.en} of the KRW ${formatKrw(made.paidKrw)} paid, the KRW ${paid} left after the KRW ${formatKrw(made.refundedKrw)} already refunded is refundable (${e.refEn}). It is not refunded automatically: ${ask.en}`,
      };
    }
    return ended === 'withdrawn'
      ? {
          ko: `신고가 취하되어 납부하신 ${paid}원 전액이 환급 대상입니다(관세법 제250조, 제46조). 자동으로 환급되지 않으니 ${ask.ko}`,
          en: `The declaration was withdrawn, so the KRW ${paid} paid is refundable in full (Customs Act arts. 250 and 46). It is not refunded automatically: ${ask.en}`,
        }
      : {
          ko: `통관이 불허되어 납부하신 ${paid}원 전액이 환급 대상입니다(관세법 제46조). 자동으로 환급되지 않으니 ${ask.ko}`,
          en: `Clearance was refused, so the KRW ${paid} paid is refundable in full (Customs Act art. 46). It is not refunded automatically: ${ask.en}`,
        };
  }
  if (owedKrw < payment.amountKrw) {
    const over = formatKrw(payment.amountKrw - owedKrw);
    return {
      ko: `납부 후 세액이 ${owed}원으로 다시 산정되어 ${over}원이 더 납부되었습니다. 더 납부된 ${over}원은 환급 대상입니다(관세법 제38조의3, 제46조). 자동으로 환급되지 않으니 ${ask.ko}`,
      en: `After the payment the taxes were assessed again at KRW ${owed}, so KRW ${over} was paid too much and is refundable (Customs Act arts. 38-3 and 46). It is not refunded automatically: ${ask.en}`,
    };
  }
  const short = formatKrw(owedKrw - payment.amountKrw);
  return {
    ko: `납부 후 세액이 ${owed}원으로 다시 산정되어 ${short}원이 부족합니다(관세법 제38조의2). 부족한 ${short}원을 같은 전자납부번호로 추가 납부하세요(카드 또는 계좌이체). 궁금한 점은 ${ask.ko}`,
    en: `After the payment the taxes were assessed again at KRW ${owed}, so KRW ${short} is still owed (Customs Act art. 38-2). Pay the KRW ${short} shortfall on this notice, with the same payment number (card or transfer). For questions, ${ask.en}`,
  };
}

/**
 * The taxes a payment of `amountKrw` paid: those of the assessment in force when it was paid, not
 * of one made since. A payment always equals the notice's total at the time (pay-taxes refuses any
 * other amount; a virtual account is issued for it), so that assessment is the latest version, the
 * current one first, whose total is the amount. null when none is (the caller shows the amount alone).
 */
export function taxesAtPayment(amountKrw: number, newestFirst: readonly (Taxes | null)[]): TaxNoticeTaxes | null {
  const t = newestFirst.find((x) => x !== null && x.collected && x.totalKrw === amountKrw);
  return t ? taxesOf(t) : null;
}

/**
 * The taxes a shortfall paid: the assessment whose total is everything paid with it (`afterKrw`) less
 * the one whose total was paid before it (`beforeKrw`), tax by tax; null when either is not found (the
 * caller shows the amount alone).
 */
export function shortfallTaxes(beforeKrw: number, afterKrw: number, newestFirst: readonly (Taxes | null)[]): TaxNoticeTaxes | null {
  const a = taxesAtPayment(afterKrw, newestFirst);
  const b = taxesAtPayment(beforeKrw, newestFirst);
  if (!a || !b) return null;
  return {
    dutyKrw: a.dutyKrw - b.dutyKrw,
    exciseKrw: a.exciseKrw - b.exciseKrw,
    educationKrw: a.educationKrw - b.educationKrw,
    liquorKrw: a.liquorKrw - b.liquorKrw,
    vatKrw: a.vatKrw - b.vatKrw,
    totalKrw: afterKrw - beforeKrw,
  };
}

export function taxesOf(t: Taxes): TaxNoticeTaxes {
  return { dutyKrw: t.dutyKrw, exciseKrw: t.exciseKrw, educationKrw: t.educationKrw, liquorKrw: t.liquorKrw, vatKrw: t.vatKrw, totalKrw: t.totalKrw };
}
