// What an officer is told when a rule hit rests on a notice the partner has withdrawn
// (docs/risk-exchange.md, "Withdrawing a notice"): the rule set is not changed by the withdrawal
// (officers own it), so the hit still counts, and the officer must see that its ground is gone.
import type { Bilingual } from '../bilingual.ts';
import { koreanClockOf } from '../dates.ts';
import { WITHDRAWAL_GROUNDS_TEXT } from './codes.ts';
import type { IncomingWithdrawal } from './views.ts';

/** The warning on a hit of watch-list entry `code`, drafted from `partner`'s notice `messageId`, which `w` withdrew. */
export function withdrawnSourceWarning(code: string, source: { partner: string; messageId: string }, w: IncomingWithdrawal): Bilingual {
  const at = koreanClockOf(w.receivedAt).replace('T', ' ');
  const grounds = WITHDRAWAL_GROUNDS_TEXT[w.reason.grounds];
  // The partner's own words, as written (either language may be missing).
  const ko = w.reason.text.ko ?? w.reason.text.en ?? '';
  const en = w.reason.text.en ?? w.reason.text.ko ?? '';
  return {
    ko: `감시 대상 ${code}의 근거인 ${source.partner} 통보 ${source.messageId}은(는) ${at}(한국시간)에 철회되었습니다 · ${grounds.ko}: “${ko}”. 이 적중을 더 이상 근거로 삼지 마세요(규칙은 자동으로 바뀌지 않습니다).`,
    en: `Watch-list entry ${code} rests on notice ${source.messageId} of ${source.partner}, withdrawn ${at} (KST) · ${grounds.en}: “${en}”. Stop relying on this hit (the rules do not change by themselves).`,
  };
}
