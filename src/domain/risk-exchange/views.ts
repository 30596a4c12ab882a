// The risk exchange's read models as the API returns them: the server builds them (src/app) and
// the portal reads them (web/pages/Exchange.tsx), one definition for both.
import type { ExchangeMessage, InboxKind, PartyNoticeWithdrawalBody } from './message.ts';
import type { EXCHANGE_FORMAT } from './codes.ts';

export interface PartnerKey {
  /** RFC 7638 thumbprint of the key: what a message's signature names. */
  keyId: string;
  /** Ed25519 public key, base64url of the 32 raw bytes (RFC 8037 "x"). */
  publicKey: string;
  addedBy: string;
  addedAt: string;
  /** active: messages may be signed with it; revoked: messages signed with it are refused (401). */
  state: 'active' | 'revoked';
  revokedAt: string | null;
  revokedBy: string | null;
  revokedReason: string | null;
  /** The revocation says the key was compromised from then (messages received since may be forged); null: not said (retired). */
  compromisedSince: string | null;
}

export interface ExchangePartner {
  code: string;
  name: string;
  country: string;
  registeredBy: string;
  registeredAt: string;
  /** Every key the partner has had, oldest first, revoked ones included. */
  keys: PartnerKey[];
}

/** A message we signed and stored (our seizure reports, our risky-party notices), with who made it and for whom (null: no one in particular). */
export interface OutgoingMessage<M extends ExchangeMessage = ExchangeMessage> {
  id: number;
  messageId: string;
  recipient: string | null;
  createdBy: string;
  createdAt: string;
  message: M;
  /** Our withdrawal of it (a notice only; seizure reports are not withdrawn), as signed, with who withdrew it and when; null while it stands. */
  withdrawal: OutgoingWithdrawal | null;
}

export interface OutgoingWithdrawal {
  messageId: string;
  createdBy: string;
  createdAt: string;
  message: ExchangeMessage & { kind: 'party_notice_withdrawal' };
}

/** A partner's withdrawal of a notice it sent us: stop acting on the notice. */
export interface IncomingWithdrawal {
  /** The withdrawal message's own id and our row id. */
  messageId: string;
  id: number;
  issuedAt: string;
  receivedAt: string;
  reason: PartyNoticeWithdrawalBody['reason'];
}

export type IncomingState = 'verified' | 'in_draft' | 'applied';

export interface IncomingMessage {
  id: number;
  partner: string;
  messageId: string;
  kind: InboxKind;
  message: ExchangeMessage;
  receivedAt: string;
  /**
   * The key whose signature it carried and, once revoked, its revocation: `suspect` when the key was
   * compromised at or before we received the message (it may be forged: no rule is drafted from it,
   * EXCHANGE_MESSAGE_KEY_REVOKED; ask the partner to resend), else it stands (a routine rotation, or a
   * compromise that came later) and may be drafted from. `note` says which, in Korean and English
   * (src/domain/risk-exchange/revoked-key-source.ts); null while the key is active.
   */
  signedWith: { keyId: string; revokedAt: string | null; revokedReason: string | null; compromisedSince: string | null; suspect: boolean; note: { ko: string; en: string } | null };
  /** verified: stored after its signature and content checked; in_draft: in a rule draft not yet published; applied: in a published rule set. */
  state: IncomingState;
  /** The rule drafts made from it, each with the watch-list entry's code and the version it was published as (null: not yet). */
  drafts: { draftId: number; publishedAs: string | null; ruleCode: string | null }[];
  /**
   * Withdrawn by the partner that sent it (a notice only): no new draft is made from it, drafts not
   * yet published are flagged, and a published entry stays until an officer removes it (officers own
   * the rule set), shown with this warning.
   */
  withdrawal: IncomingWithdrawal | null;
}

/**
 * The partner message a watch-list entry was drafted from, as a rule hit of a declaration's risk
 * view carries it (GET /api/v1/officer/declarations/:id/risk, `score.ruleHits[].sourceMessage`): an
 * officer holding a parcel on that hit sees what it rests on, and that the partner withdrew it.
 */
export interface RuleSourceMessage {
  /** Our inbox row (GET /api/v1/officer/risk-exchange/messages). */
  id: number;
  partner: string;
  messageId: string;
  kind: InboxKind;
  /** null while the message stands (a seizure report is never withdrawn). */
  withdrawal: (IncomingWithdrawal & { warning: { ko: string; en: string } }) | null;
  /** When we received it: what a compromise of its key is compared with. */
  receivedAt: string;
  /**
   * The key its signature named and, once the partner has had it revoked, the revocation:
   * `suspect` when the key was compromised at or before we received the message (it may be
   * forged), else the message stands; `warning` says which, in Korean and English
   * (src/domain/risk-exchange/revoked-key-source.ts).
   */
  signedWith: {
    keyId: string;
    revocation: { revokedAt: string; reason: string; compromisedSince: string | null; suspect: boolean; warning: { ko: string; en: string } } | null;
  };
}

/** Our public signing key, as partners register it and as every signed answer names it. */
export interface OwnSigningKey {
  alg: 'Ed25519';
  keyId: string;
  publicKey: string;
}

/** Who we are to partners: the sender code and country our messages carry. */
export interface ExchangeSender {
  code: string;
  country: string;
}

/** GET /api/v1/officer/risk-exchange/partners: our identity and key, the partners, and how far ahead our notices may run (policy.exchange). */
export interface ExchangePartners {
  sender: ExchangeSender;
  signingKey: OwnSigningKey;
  partners: ExchangePartner[];
  noticeMaxValidDays: number;
}

/** The signed seizure reports of a period (POST /api/v1/officer/risk-exchange/seizure-reports/export). */
export interface SeizureExport {
  format: typeof EXCHANGE_FORMAT;
  version: string;
  sender: ExchangeSender;
  signingKey: OwnSigningKey;
  period: { from: string; to: string };
  recipient: string | null;
  messages: ExchangeMessage[];
  /** Findings that could not be reported (a line without a 6-digit HS code), with why. */
  skipped: { inspectionId: number; declarationId: number; reason: string; itemIndex: number }[];
  /** More findings in the period than `limit`: narrow the period. */
  truncated: boolean;
}

/** A risky-party notice we signed (POST /api/v1/officer/risk-exchange/party-notices). */
export interface IssuedNotice {
  message: ExchangeMessage;
  signingKey: OwnSigningKey;
}

/** Our withdrawal of a notice we sent, signed (POST …/party-notices/{id}/withdraw). */
export interface NoticeWithdrawn {
  /** The signed withdrawal, to hand to the notice's recipient as the notice was. */
  message: ExchangeMessage & { kind: 'party_notice_withdrawal' };
  withdraws: { messageId: string; recipient: string | null };
  signingKey: OwnSigningKey;
}
