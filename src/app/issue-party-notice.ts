// Our risky-party notices to partner administrations (docs/risk-exchange.md): an officer, from a
// party's profile, tells partners that this seller / platform / forwarder / courier is risky, for a
// reason and until a day. Built from our records (the findings it rests on are counted, not typed),
// signed with our key, stored and audited; listed for the exchange page.
import { koreanDateOf } from '../domain/dates.ts';
import { buildPartyNotice, checkPartyNotice, type PartyNoticeRequest } from '../domain/risk-exchange/build-party-notice.ts';
import type { ExchangeMessage } from '../domain/risk-exchange/message.ts';
import type { ProfileRole } from '../domain/risk/platform-risk.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import { profileKey } from './get-party-profile.ts';
import type { OfficerPrincipal } from './ports.ts';
import type { OutgoingMessage } from './ports/risk-exchange-ports.ts';
import type { RiskExchangeDeps } from './risk-exchange-deps.ts';
import type { IssuedNotice } from '../domain/risk-exchange/views.ts';
export type { IssuedNotice };

const REFUSAL_TEXT = {
  role_not_exchanged: {
    ko: '통보할 수 있는 당사자는 플랫폼·판매자·배송대행지·운송사입니다. 수하인(소비자)과 관세사는 협력 세관에 통보하지 않습니다.',
    en: 'Only platforms, sellers, forwarders and couriers can be named to partners; a consignee (a consumer) or a customs broker never is.',
  },
  no_findings: {
    ko: '이 당사자에 대한 적발 기록이 없습니다. 통보는 검사 적발을 근거로만 보낼 수 있습니다.',
    en: 'Our inspections found nothing on this party: a notice can only rest on findings.',
  },
  valid_until_past: { ko: '유효기한은 오늘(한국 날짜) 이후여야 합니다.', en: 'The notice must be valid until today (Korean date) or later.' },
  valid_until_too_far: { ko: '유효기한이 너무 멉니다.', en: 'The notice would run too far ahead.' },
} as const;

export async function issuePartyNotice(
  deps: RiskExchangeDeps,
  officer: OfficerPrincipal,
  input: PartyNoticeRequest & { role: string; key: string; recipient?: string },
): Promise<Result<IssuedNotice>> {
  if (input.recipient !== undefined && !(await deps.store.getPartner(input.recipient))) return fail('EXCHANGE_PARTNER_NOT_FOUND', { path: 'body.recipient', code: input.recipient });
  const party = await deps.risk.risk.profile(input.role, profileKey(input.role as ProfileRole, input.key));
  if (!party) return fail('PARTY_NOT_FOUND', { path: 'body.key' }); // no profile under this key for the role given
  const now = deps.risk.clock.now().toISOString();
  const { recipient } = input;
  const notice = {
    party,
    request: input,
    sender: deps.sender,
    ...(recipient ? { recipient } : {}),
    issuedAt: `${now.slice(0, 19)}Z`,
    today: koreanDateOf(now),
    maxValidDays: deps.risk.policy.exchange.noticeMaxValidDays,
  };
  const refusal = checkPartyNotice(notice);
  if (refusal) {
    const text = REFUSAL_TEXT[refusal.reason];
    const max = refusal.reason === 'valid_until_too_far' ? refusal.max : undefined;
    const said = max ? { ko: `${text.ko} ${max}까지로 정하세요.`, en: `${text.en} Choose ${max} or earlier.` } : text;
    const error = requestFieldError(`body.${refusal.field}`, refusal.reason, max ? { latest: max } : undefined, said);
    return refusal.reason === 'no_findings' ? fail('EXCHANGE_NOTICE_WITHOUT_FINDINGS', [error], said) : invalidRequest(error);
  }
  // Every check passed: only now is a number drawn, in the transaction that stores the notice
  // (partners read a gap in our numbers as a lost notice).
  const signed = await deps.store.saveNumberedNotice((sequence) => {
    const built = buildPartyNotice({ ...notice, sequence });
    if (!built.ok) throw new Error(`party notice refused after its checks passed: ${built.reason}`);
    const message = deps.crypto.sign(built.message);
    return {
      message,
      recipient: recipient ?? '',
      audit: {
        actor: officer.username,
        recipient: recipient ?? null,
        detail: { messageId: message.id, role: party.role, key: party.key, evidenceCount: built.message.body.evidenceCount, validUntil: input.validUntil, recipient: recipient ?? null },
      },
    };
  });
  return ok({ message: signed, signingKey: deps.crypto.ownKey });
}

/**
 * Our notices, newest first, a page at a time (`next`: pass as `after` for older ones). Before, the
 * latest 100 and nothing said of the rest: an older notice could not be reached to withdraw it.
 */
export async function listPartyNotices(deps: RiskExchangeDeps, q: { limit: number; after?: number | undefined }): Promise<{ notices: OutgoingMessage[]; next: number | null }> {
  const scanned = await deps.store.listOutgoing({ kind: 'risky_party_notice', limit: q.limit + 1, ...(q.after !== undefined ? { beforeId: q.after } : {}) });
  const notices = scanned.slice(0, q.limit);
  return { notices, next: scanned.length > q.limit ? notices[notices.length - 1]!.id : null };
}
