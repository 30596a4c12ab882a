// The risk exchange's read models as the API returns them: the server builds them (src/app) and
// the portal reads them (web/pages/Exchange.tsx), one definition for both.
import type { ExchangeMessage, MessageKind } from './message.ts';

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
}

export type IncomingState = 'verified' | 'in_draft' | 'applied';

export interface IncomingMessage {
  id: number;
  partner: string;
  messageId: string;
  kind: MessageKind;
  message: ExchangeMessage;
  receivedAt: string;
  /**
   * The key whose signature it carried. Revoked since (retired or compromised): what it says may
   * be forged, so no rule is drafted from it (EXCHANGE_MESSAGE_KEY_REVOKED); ask the partner to resend.
   */
  signedWith: { keyId: string; revokedAt: string | null; revokedReason: string | null };
  /** verified: stored after its signature and content checked; in_draft: in a rule draft not yet published; applied: in a published rule set. */
  state: IncomingState;
  drafts: { draftId: number; publishedAs: string | null }[];
}
