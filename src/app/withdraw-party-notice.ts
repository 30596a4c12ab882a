// Withdrawing one of our risky-party notices (docs/risk-exchange.md, "Withdrawing a notice"): a
// notice issued in error, or about a party cleared since (an appeal won, a wrong identification),
// is taken back with a signed withdrawal that partners act on. Officers withdraw, as they issue;
// the reason is the officer's, in Korean (English optional), as the portal's other officer reasons.
// Only a notice is withdrawn, once: a second withdrawal, or one of a seizure report, is refused.
import { buildPartyNoticeWithdrawal, type WithdrawalRequest } from '../domain/risk-exchange/build-withdrawal.ts';
import type { ExchangeMessage } from '../domain/risk-exchange/message.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { RiskExchangeDeps } from './risk-exchange-deps.ts';
import type { NoticeWithdrawn } from '../domain/risk-exchange/views.ts';
export type { NoticeWithdrawn };

export async function withdrawPartyNotice(
  deps: RiskExchangeDeps,
  officer: OfficerPrincipal,
  messageId: string,
  input: { grounds: WithdrawalRequest['grounds']; reason: string; reasonEn?: string },
): Promise<Result<NoticeWithdrawn>> {
  const ko = input.reason.trim();
  if (!ko) return invalidRequest(requestFieldError('body.reason', 'too_short', undefined, { ko: '철회 사유(한국어)를 입력하세요.', en: 'Give the reason for the withdrawal in Korean.' }));
  const en = input.reasonEn?.trim();
  const request: WithdrawalRequest = { grounds: input.grounds, text: { ko, ...(en ? { en } : {}) } };
  const issuedAt = `${deps.risk.clock.now().toISOString().slice(0, 19)}Z`;
  const r = await deps.store.withdrawNotice({
    messageId,
    make: (sequence, notice) => {
      const built = buildPartyNoticeWithdrawal({ notice, digest: deps.crypto.contentHash(notice), request, sender: deps.sender, sequence, issuedAt });
      const message = deps.crypto.sign(built);
      return {
        message,
        audit: { actor: officer.username, detail: { messageId: message.id, withdraws: notice.id, recipient: notice.to ?? null, grounds: request.grounds, reason: request.text } },
      };
    },
  });
  if (r.kind === 'not_found') return fail('EXCHANGE_NOTICE_NOT_FOUND', { messageId });
  if (r.kind === 'not_a_notice') return fail('EXCHANGE_NOT_WITHDRAWABLE', { messageId, kind: r.messageKind });
  if (r.kind === 'already_withdrawn')
    return fail('EXCHANGE_NOTICE_WITHDRAWN', { messageId, withdrawal: r.withdrawal.messageId, withdrawnAt: r.withdrawal.createdAt, withdrawnBy: r.withdrawal.createdBy });
  return ok({ message: r.withdrawal, withdraws: { messageId: r.notice.id, recipient: r.recipient }, signingKey: deps.crypto.ownKey });
}
