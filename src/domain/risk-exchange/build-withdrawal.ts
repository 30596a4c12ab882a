// The withdrawal of one of our risky-party notices (docs/risk-exchange.md), pure: a notice issued in
// error, or about a party cleared since (an appeal won, a wrong identification), is withdrawn so
// that partners stop acting on it. The withdrawal names the notice by its id, its issue time and
// the digest of the bytes its signature covered, all under the withdrawal's own signature; it goes
// to the notice's recipient. Withdrawals are numbered like notices (KR-TG-PW-<n>, no gaps: a partner
// reads a gap as a withdrawal it never got, and would go on acting on a notice we took back).
// Values from codes.ts, not message.ts: the portal imports this module, and message.ts brings the schema library.
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type WithdrawalGrounds } from './codes.ts';
import type { ExchangeMessage, UnsignedMessage } from './message.ts';

export const partyNoticeWithdrawalId = (senderCountry: string, sequence: number) => `${senderCountry}-TG-PW-${String(sequence).padStart(8, '0')}`;

export interface WithdrawalRequest {
  grounds: WithdrawalGrounds;
  /** The officer's reason: Korean required, English optional (as the portal's other officer reasons). */
  text: { ko: string; en?: string };
}

export interface WithdrawalInput {
  /** The notice withdrawn, as signed and stored. */
  notice: ExchangeMessage & { kind: 'risky_party_notice' };
  /** SHA-256 (hex) of the bytes the notice's signature covers (RFC 8785, without `signature`). */
  digest: string;
  request: WithdrawalRequest;
  sender: { code: string; country: string };
  /** A number no other withdrawal of ours has: the id derives from it. */
  sequence: number;
  issuedAt: string;
}

export function buildPartyNoticeWithdrawal(input: WithdrawalInput): UnsignedMessage & { kind: 'party_notice_withdrawal' } {
  const { notice, request: r } = input;
  const en = r.text.en?.trim();
  return {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    kind: 'party_notice_withdrawal',
    id: partyNoticeWithdrawalId(input.sender.country, input.sequence),
    from: input.sender.code,
    // To whom the notice went: a partner holding the notice is the one to tell.
    ...(notice.to ? { to: notice.to } : {}),
    issuedAt: input.issuedAt,
    body: {
      reportingCountry: input.sender.country,
      withdraws: { id: notice.id, issuedAt: notice.issuedAt, digest: input.digest },
      reason: { grounds: r.grounds, text: { ko: r.text.ko.trim(), ...(en ? { en } : {}) } },
    },
  };
}
