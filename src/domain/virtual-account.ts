// Paying taxes by bank transfer into a virtual account (가상계좌): which banks the payer may choose,
// how long an account runs, and what the payer reads. Pure: the caller passes the instant.
import type { Bilingual } from './bilingual.ts';
import { KST_OFFSET_MS } from './dates.ts';
import { dateWithWeekday } from './holidays.ts';
import { formatKrw } from './money.ts';

export type VirtualAccountStatus = 'waiting' | 'deposited' | 'canceled' | 'expired';

/**
 * Banks offered for the account, by the two-digit codes Toss Payments takes (`bank`) and answers
 * (`virtualAccount.bankCode`). A deposit from the payer's own bank into an account at that bank
 * usually costs no transfer fee, so the payer chooses; all of these issue accounts through Toss.
 * Default: 우리은행 (20), as the adapter issued before the choice existed.
 */
export const VIRTUAL_ACCOUNT_BANKS: readonly { code: string; ko: string; en: string }[] = [
  { code: '20', ko: '우리은행', en: 'Woori Bank' },
  { code: '06', ko: 'KB국민은행', en: 'KB Kookmin Bank' },
  { code: '88', ko: '신한은행', en: 'Shinhan Bank' },
  { code: '81', ko: '하나은행', en: 'Hana Bank' },
  { code: '11', ko: 'NH농협은행', en: 'NH NongHyup Bank' },
  { code: '03', ko: 'IBK기업은행', en: 'IBK Industrial Bank' },
  { code: '71', ko: '우체국', en: 'Korea Post' },
];
export const DEFAULT_VIRTUAL_ACCOUNT_BANK = '20';

export const bankOf = (code: string): { code: string; ko: string; en: string } => VIRTUAL_ACCOUNT_BANKS.find((b) => b.code === code) ?? { code, ko: `은행 ${code}`, en: `bank ${code}` };

/** How long an account may stay open at most (data/payments.json, virtualAccounts.maxValidHours). */
export interface VirtualAccountPolicy {
  maxValidHours: number;
}

/**
 * Whole hours the account may run from `nowMs`: at most the policy's maxValidHours and never past the end of
 * the notice's due date in Korean time (관세법 제9조: the taxes are due by that day). null when less
 * than an hour is left or the date has passed: no account can be issued that honours the deadline.
 */
export function validHoursFor(nowMs: number, noticeDueDate: string, policy: VirtualAccountPolicy): number | null {
  const end = Date.parse(`${noticeDueDate}T23:59:59+09:00`);
  if (!Number.isFinite(end)) return null;
  const hours = Math.floor((end - nowMs) / 3_600_000);
  return hours >= 1 ? Math.min(policy.maxValidHours, hours) : null;
}

/** "2026-12-05 18:00" in Korean time, as the payer reads a deadline. */
export function koreanDateTimeOf(iso: string): string {
  const d = new Date(Date.parse(iso) + KST_OFFSET_MS).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** What the payer reads with the account: where to send how much, by when, and that an exact amount is needed. */
export function virtualAccountText(a: { bankCode: string; accountNumber: string; holderName: string; amountKrw: number; dueAt: string }): Bilingual {
  const bank = bankOf(a.bankCode);
  const at = koreanDateTimeOf(a.dueAt);
  const day = dateWithWeekday(at.slice(0, 10));
  return {
    ko: `${bank.ko} ${a.accountNumber}(예금주 ${a.holderName})로 ${formatKrw(a.amountKrw)}원을 ${day.ko} ${at.slice(11)}까지 정확히 입금하세요. 입금이 확인되면 납부가 완료되고 영수증이 발급됩니다. 기한이 지나면 계좌는 닫히며 새 계좌를 발급받을 수 있습니다.`,
    en: `Transfer exactly KRW ${formatKrw(a.amountKrw)} to ${bank.en} ${a.accountNumber} (holder ${a.holderName}) by ${day.en} ${at.slice(11)} (Korean time). Once the deposit is confirmed the taxes are paid and a receipt is issued. After the deadline the account closes and you can ask for a new one.`,
  };
}

/** Why no account is issued: the notice's due date is past (or less than an hour is left). */
export const TRANSFER_PAST_DUE_TEXT: Bilingual = {
  ko: '납부기한까지 남은 시간이 없어 가상계좌를 발급할 수 없습니다. 카드로 바로 납부해 주세요.',
  en: 'No virtual account can be issued: the due date has passed or is less than an hour away. Please pay by card now.',
};

/**
 * What the consumer is told (SMS, e-mail, Web Push) once their deposit is recorded as the payment:
 * the amount, the receipt number that proves it, where to check it. They have usually left the page
 * long before the bank transfer arrives.
 */
export function depositPaidText(a: {
  amountKrw: number;
  receiptNo: string;
  cargoNo: string;
  link: string;
  /** The deposit paid more than the taxes now assessed (an account issued before they were assessed again lower): the overpayment recorded for a refund. */
  refund?: { refundNo: string; amountKrw: number; refundBy: string; owedKrw: number } | null;
}): Bilingual {
  const r = a.refund;
  const by = r ? dateWithWeekday(r.refundBy) : null;
  // Part of it is refunded (관세법 제46조): said with the payment, not left for the payer to find on the notice.
  const refund =
    r && by
      ? {
          ko: ` 세액이 ${formatKrw(r.owedKrw)}원으로 다시 산정되어 더 납부된 ${formatKrw(r.amountKrw)}원은 환급 대상으로 등록했습니다(환불번호 ${r.refundNo}, 관세법 제46조 과오납금의 환급). ${by.ko}까지 환급되지 않으면 통관 포털의 상담(민원상담)으로 환불번호와 함께 문의하세요.`,
          en: ` The taxes were assessed again at KRW ${formatKrw(r.owedKrw)}, so the KRW ${formatKrw(r.amountKrw)} paid too much is recorded for a refund (refund ${r.refundNo}; Customs Act art. 46, refund of taxes overpaid). If it is not refunded by ${by.en}, contact us through the portal's consultation (민원상담), quoting the refund number.`,
        }
      : { ko: '', en: '' };
  return {
    ko: `화물관리번호 ${a.cargoNo}의 세금 ${formatKrw(a.amountKrw)}원이 가상계좌 입금으로 납부되었습니다.${refund.ko} 영수증 번호 ${a.receiptNo}: ${a.link}`,
    en: `Your transfer of KRW ${formatKrw(a.amountKrw)} paid the taxes on ${a.cargoNo}.${refund.en} Receipt ${a.receiptNo}: ${a.link}`,
  };
}

/**
 * A deposit that arrived after the taxes were paid another way: recorded as a refund due. Toss returns
 * a deposit only to an account of the payer, which the platform does not hold, so the payer is asked
 * to name one through the consultation (민원상담), quoting the refund number.
 */
export function depositRefundDueText(a: { amountKrw: number; refundNo: string; refundBy: string; cargoNo: string }): Bilingual {
  const by = dateWithWeekday(a.refundBy);
  return {
    ko: `화물관리번호 ${a.cargoNo}의 세금은 이미 납부되어, 입금하신 ${formatKrw(a.amountKrw)}원은 환불 대상으로 등록했습니다(환불번호 ${a.refundNo}). 환불받을 계좌를 통관 포털의 상담(민원상담)으로 환불번호와 함께 알려 주시면 ${by.ko}까지 처리합니다.`,
    en: `The taxes on ${a.cargoNo} were already paid, so your deposit of KRW ${formatKrw(a.amountKrw)} is recorded for a refund (refund ${a.refundNo}). Tell us the account to refund through the portal's consultation (민원상담), quoting the refund number; it is handled by ${by.en}.`,
  };
}

/**
 * What the payer is told of a deposit into an account closed because the declaration owes nothing
 * more (withdrawn, refused, assessed again): the money reached the platform, so it is recorded as paid
 * and, owing nothing, for a refund (관세법 제46조 과오납금의 환급), with the refund's number and day.
 */
export function depositNotOwedText(a: {
  amountKrw: number;
  refundNo: string;
  refundKrw: number;
  refundBy: string;
  cargoNo: string;
  ended: 'withdrawn' | 'rejected' | null;
  /** The page where the payer sees it (the tax notice on the portal's /me). */
  link?: string;
}): Bilingual {
  const by = dateWithWeekday(a.refundBy);
  const why =
    a.ended === 'withdrawn'
      ? { ko: '신고가 취하되어(관세법 제250조)', en: 'the declaration was withdrawn (Customs Act art. 250)' }
      : a.ended === 'rejected'
        ? { ko: '통관이 불허되어', en: 'clearance was refused' }
        : { ko: '세액이 다시 산정되어 더 낼 세금이 없어', en: 'the taxes were assessed again and nothing more is owed' };
  const whole = a.refundKrw === a.amountKrw ? '' : `, 환급 금액 모두 ${formatKrw(a.refundKrw)}원`;
  const wholeEn = a.refundKrw === a.amountKrw ? '' : `, KRW ${formatKrw(a.refundKrw)} in all`;
  const see = seeOnPortal(a.link);
  return {
    ko: `화물관리번호 ${a.cargoNo}의 ${why.ko} 이 계좌는 닫혔지만, 입금하신 ${formatKrw(a.amountKrw)}원은 받았으므로 환급 대상으로 등록했습니다(환불번호 ${a.refundNo}${whole}, 관세법 제46조 과오납금의 환급). ${by.ko}까지 처리되지 않으면 통관 포털의 상담(민원상담)으로 환불번호와 함께 문의하세요.${see.ko}`,
    en: `On ${a.cargoNo}, ${why.en}, so this account was closed; your deposit of KRW ${formatKrw(a.amountKrw)} reached us and is recorded for a refund (refund ${a.refundNo}${wholeEn}; Customs Act art. 46, refund of taxes overpaid). If it is not handled by ${by.en}, contact us through the portal's consultation (민원상담), quoting the refund number.${see.en}`,
  };
}

/**
 * Why a deposit while held pays no taxes (taxes-payable.ts): the consignee's "not me" report (who owns the
 * goods, and so owes the taxes, is what customs checks: 관세법 제19조①1), the engine's hold (nothing is
 * payable before it is resolved: 제9조), or, released since, that it was held when the money came.
 */
export function heldWhyText(heldBy: 'not_me' | 'engine' | null): Bilingual {
  if (heldBy === 'not_me') {
    return {
      ko: "수하인의 '내가 아님'(개인통관고유부호 도용) 신고로 통관이 보류되어, 세관이 물품의 화주(납세의무자, 관세법 제19조①1)를 확인할 때까지 세금을 납부할 수 없습니다",
      en: 'is held on the consignee\'s "Not me" report (misuse of their personal customs code): nothing is payable until customs has checked who owns the goods and so owes the taxes (Customs Act art. 19(1)1)',
    };
  }
  if (heldBy === 'engine') {
    return { ko: '통관이 보류되어 보류가 해소될 때까지 세금을 납부할 수 없습니다(관세법 제9조)', en: 'is on hold: nothing is payable until the hold is resolved (Customs Act art. 9)' };
  }
  return { ko: '입금 당시 통관이 보류되어 세금을 납부할 수 없었습니다', en: 'was on hold when the money came, and nothing was payable then' };
}

/**
 * A deposit into an account closed because the parcel's taxes are not payable now (held: taxes-payable.ts),
 * which the bank took before the close reached Toss: it pays no taxes and is returned (a refund due of
 * reason deposit_while_held). As for any deposit, Toss returns it only to an account of the payer, which the
 * platform does not hold, so the payer names one through the consultation, quoting the refund number.
 */
export function depositWhileHeldText(a: { amountKrw: number; refundNo: string; refundBy: string; cargoNo: string; heldBy: 'not_me' | 'engine' | null; link?: string }): Bilingual {
  const by = dateWithWeekday(a.refundBy);
  const why = heldWhyText(a.heldBy);
  const see = seeOnPortal(a.link);
  return {
    ko: `화물관리번호 ${a.cargoNo}는 ${why.ko}. 그래서 이 계좌는 닫혔고, 입금하신 ${formatKrw(a.amountKrw)}원은 세금 납부로 처리하지 않고 돌려드립니다(환불번호 ${a.refundNo}). 돌려받을 계좌를 통관 포털의 상담(민원상담)으로 환불번호와 함께 알려 주시면 ${by.ko}까지 처리합니다.${see.ko}`,
    en: `${a.cargoNo} ${why.en}. So this account was closed, and your deposit of KRW ${formatKrw(a.amountKrw)} does not pay the taxes: it is returned to you (refund ${a.refundNo}). Tell us the account to return it to through the portal's consultation (민원상담), quoting the refund number; it is handled by ${by.en}.${see.en}`,
  };
}

/** What a tax notice says of the deposits made while its parcel was held (depositWhileHeldText): none of them pays the taxes; each is returned. */
export function depositsWhileHeldNoticeText(deposits: readonly { refundNo: string; amountKrw: number; refundBy: string }[]): Bilingual {
  const ko = deposits.map((d) => `통관보류 중 입금하신 ${formatKrw(d.amountKrw)}원은 세금 납부로 처리하지 않고 돌려드립니다(환불번호 ${d.refundNo}, ${dateWithWeekday(d.refundBy).ko}까지).`);
  const en = deposits.map((d) => `The KRW ${formatKrw(d.amountKrw)} you deposited while the parcel was held does not pay the taxes and is returned to you (refund ${d.refundNo}, by ${dateWithWeekday(d.refundBy).en}).`);
  const ask = { ko: '돌려받을 계좌는 통관 포털의 상담(민원상담)으로 환불번호와 함께 알려 주세요.', en: "Tell us the account to return it to through the portal's consultation (민원상담), quoting the refund number." };
  return { ko: `${ko.join(' ')} ${ask.ko}`, en: `${en.join(' ')} ${ask.en}` };
}

/** ' 통관 포털의 세금 고지에서 확인하세요: <link>' (and English) after a message, or nothing without a link. */
function seeOnPortal(link: string | undefined): Bilingual {
  return link ? { ko: ` 통관 포털의 세금 고지에서 확인하세요: ${link}`, en: ` See the tax notice on the portal: ${link}` } : { ko: '', en: '' };
}

/** What a receipt says once its payment was undone (a deposit reversed by the bank, 입금 오류/취소). */
export function receiptVoidText(reversedAt: string): Bilingual {
  const at = koreanDateTimeOf(reversedAt);
  return {
    ko: `무효: 이 영수증의 납부는 ${at}에 은행의 입금 취소(입금 오류)로 취소되었습니다. 세금은 납부되지 않았습니다.`,
    en: `Void: the payment on this receipt was undone on ${at} (Korean time) when the bank reversed the deposit. The taxes are not paid.`,
  };
}

/**
 * What the consumer is told when the bank reverses the deposit that paid their taxes (입금 오류/취소):
 * the taxes are due again, the receipt is void, and where to pay: the same account while Toss keeps
 * it waiting (`account`), otherwise a new transfer or a card from the portal.
 */
export function depositReversedText(a: {
  amountKrw: number;
  receiptNo: string;
  cargoNo: string;
  dueDate: string | null;
  account: { bankCode: string; accountNumber: string; dueAt: string } | null;
  /** Refunds still due to the payer for other charges of these taxes (a second payment): they do not pay the taxes now due. */
  openRefunds?: readonly { refundNo: string; amountKrw: number; refundBy: string }[];
  /** The page where the payer sees it (the tax notice on the portal's /me). */
  link?: string;
}): Bilingual {
  const due = a.dueDate ? dateWithWeekday(a.dueDate) : null;
  const bank = a.account ? bankOf(a.account.bankCode) : null;
  const until = a.account ? koreanDateTimeOf(a.account.dueAt) : null;
  const refunds = a.openRefunds ?? [];
  const refundKo = refunds.map((r) => `환불번호 ${r.refundNo} ${formatKrw(r.amountKrw)}원, ${dateWithWeekday(r.refundBy).ko}까지`).join('; ');
  const refundEn = refunds.map((r) => `refund ${r.refundNo} of KRW ${formatKrw(r.amountKrw)}, by ${dateWithWeekday(r.refundBy).en}`).join('; ');
  return {
    ko:
      `화물관리번호 ${a.cargoNo}의 세금 ${formatKrw(a.amountKrw)}원을 납부한 입금이 은행에서 취소되어(입금 오류/취소) 납부가 취소되었습니다. 영수증 ${a.receiptNo}는 무효입니다. ` +
      (a.account && bank ? `같은 계좌(${bank.ko} ${a.account.accountNumber})로 ${until}까지 다시 입금하거나 ` : '') +
      `통관 포털에서 다시 납부해 주세요${due ? `(납부기한 ${due.ko})` : ''}.` +
      (refunds.length ? ` 이 세금을 한 번 더 결제하신 금액은 그대로 환불되며(${refundKo}) 이 세금의 납부로 바뀌지 않습니다.` : '') +
      seeOnPortal(a.link).ko,
    en:
      `The bank reversed the deposit that paid KRW ${formatKrw(a.amountKrw)} of taxes on ${a.cargoNo}, so the payment is undone and receipt ${a.receiptNo} is void. ` +
      (a.account && bank ? `Transfer again to the same account (${bank.en} ${a.account.accountNumber}) by ${until} (Korean time), or pay ` : 'Please pay again ') +
      `on the customs portal${due ? ` (due ${due.en})` : ''}.` +
      (refunds.length ? ` Your other payment of these taxes is still refunded to you (${refundEn}); it does not pay them.` : '') +
      seeOnPortal(a.link).en,
  };
}

/**
 * What the payer is told when the bank reverses a deposit that had been recorded for a refund (it
 * arrived after the taxes were paid another way): the money went back through the bank, so the
 * refund is withdrawn; the taxes stay paid. Nothing to do, unless the money did not come back.
 */
export function depositReversedRefundText(a: { amountKrw: number; refundNo: string; cargoNo: string; whileHeld?: boolean }): Bilingual {
  if (a.whileHeld) {
    // A deposit made while the parcel was held (deposit_while_held): it never paid the taxes, so they stay unpaid.
    return {
      ko:
        `화물관리번호 ${a.cargoNo}의 통관보류 중 입금하신 ${formatKrw(a.amountKrw)}원(환불번호 ${a.refundNo})이 은행에서 취소되어(입금 오류/취소) 보내신 계좌로 돌아갔습니다. ` +
        `그래서 돌려드릴 금액이 없어 이 환불은 하지 않고 환불 신청은 닫았습니다. 이 입금은 세금 납부가 아니었으므로 세금은 납부되지 않았습니다: ` +
        `보류가 해소되어 납부할 수 있게 되면 통관 포털의 세금 고지에서 새로 납부하세요. ` +
        `돈이 계좌로 돌아오지 않았다면 거래 은행에 확인한 뒤 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.`,
      en:
        `The bank reversed your deposit of KRW ${formatKrw(a.amountKrw)} made while ${a.cargoNo} was held (refund ${a.refundNo}): the money went back to the account it came from. ` +
        `So there is nothing to return: no refund will be made and refund ${a.refundNo} is closed. That deposit never paid the taxes. The taxes are not paid: ` +
        `once the hold is resolved and they can be paid, pay them anew from the tax notice on the portal. ` +
        `If the money did not come back to your account, check with your bank, then contact us through the portal's consultation (민원상담), quoting the refund number.`,
    };
  }
  return {
    ko:
      `화물관리번호 ${a.cargoNo}의 세금으로 입금하신 ${formatKrw(a.amountKrw)}원(환불번호 ${a.refundNo})이 은행에서 취소되어(입금 오류/취소) 보내신 계좌로 돌아갔습니다. ` +
      `그래서 이 환불은 하지 않고 환불 신청은 닫았습니다. 세금은 이미 납부된 그대로이니 하실 일은 없습니다. ` +
      `돈이 계좌로 돌아오지 않았다면 거래 은행에 확인한 뒤 환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.`,
    en:
      `The bank reversed your deposit of KRW ${formatKrw(a.amountKrw)} for the taxes on ${a.cargoNo} (refund ${a.refundNo}): the money went back to the account it came from. ` +
      `So no refund will be made and refund ${a.refundNo} is closed. The taxes stay paid; there is nothing for you to do. ` +
      `If the money did not come back to your account, check with your bank, then contact us through the portal's consultation (민원상담), quoting the refund number.`,
  };
}
