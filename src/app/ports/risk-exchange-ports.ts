// Ports of the risk-information exchange with partner customs administrations
// (docs/risk-exchange.md): partners and their keys, the messages sent and received with their
// audit trail (src/adapters/db/risk-exchange-repository.ts), and the signing key
// (src/adapters/crypto/risk-exchange-keys.ts).
import type { Assessment } from '../../domain/assessment.ts';
import type { Declaration } from '../../domain/declaration-schema.ts';
import type { FindingForReport } from '../../domain/risk-exchange/build-seizure-report.ts';
import type { ExchangeMessage, MessageKind, UnsignedMessage } from '../../domain/risk-exchange/message.ts';
import type { WatchlistProposal } from '../../domain/risk-exchange/propose-watchlist.ts';
import type { RuleDraft } from './risk-store.ts';
import type { KeyRevocation } from '../../domain/risk-exchange/revoked-key-source.ts';


export type { ExchangePartner, IncomingMessage, IncomingState, IncomingWithdrawal, OutgoingMessage, OutgoingWithdrawal, PartnerKey, RuleSourceMessage } from '../../domain/risk-exchange/views.ts';
import type { ExchangePartner, IncomingMessage, IncomingState, IncomingWithdrawal, OutgoingMessage, OutgoingWithdrawal, OwnSigningKey, PartnerKey } from '../../domain/risk-exchange/views.ts';
import type { InboxKind } from '../../domain/risk-exchange/message.ts';

export type AddKeyOutcome = { kind: 'added'; key: PartnerKey } | { kind: 'no_partner' } | { kind: 'exists' };
type Notice = ExchangeMessage & { kind: 'risky_party_notice' };
type Withdrawal = ExchangeMessage & { kind: 'party_notice_withdrawal' };

export type WithdrawNoticeOutcome =
  | { kind: 'withdrawn'; withdrawal: Withdrawal; notice: Notice; recipient: string | null }
  | { kind: 'not_found' }
  /** A seizure report, or a withdrawal: only a notice is withdrawn. */
  | { kind: 'not_a_notice'; messageKind: string }
  | { kind: 'already_withdrawn'; withdrawal: OutgoingWithdrawal };

/** A received message as the inbound route acknowledges it. */
export interface ReceivedRef {
  id: number;
  messageId: string;
  kind: MessageKind;
  receivedAt: string;
}

export type ReceiveWithdrawalOutcome =
  | { kind: 'stored'; received: ReceivedRef; notice: { id: number; messageId: string } }
  | { kind: 'replayed'; received: ReceivedRef; notice: { id: number; messageId: string } }
  | { kind: 'conflict' }
  /** No message of that id from this partner; `other_partner`: but another partner sent one of that id (never told to the sender). */
  | { kind: 'unknown_original' | 'other_partner' }
  | { kind: 'not_a_notice'; messageKind: string }
  /** The digest is not that of the notice we hold under that id. */
  | { kind: 'digest_mismatch' }
  | { kind: 'already_withdrawn'; by: string };

/** A received message a watch-list entry was drafted from (GET /api/v1/officer/declarations/:id/risk). */
export interface RuleSource {
  id: number;
  partner: string;
  messageId: string;
  kind: InboxKind;
  withdrawal: IncomingWithdrawal | null;
  receivedAt: string;
  /** The key that verified it, and its revocation since, if any. */
  signedWith: { keyId: string; revocation: KeyRevocation | null };
}

/** A received message as stored: its key's revocation as recorded, judged by the use case (revoked-key-source.ts). */
export type StoredIncomingMessage = Omit<IncomingMessage, 'signedWith'> & { signedWith: { keyId: string; revocation: KeyRevocation | null } };

/** A compromise stated after the revocation: `stated` once; `already_stated` when one was (with the revocation or since). */
export type StateCompromiseOutcome =
  | { kind: 'stated'; key: PartnerKey }
  | { kind: 'no_partner' }
  | { kind: 'not_found' }
  | { kind: 'not_revoked' }
  | { kind: 'already_stated'; compromisedSince: string }
  | { kind: 'after_revocation'; revokedAt: string };

export type RevokeKeyOutcome = { kind: 'revoked'; key: PartnerKey } | { kind: 'no_partner' } | { kind: 'not_found' } | { kind: 'already_revoked' } | { kind: 'last_key' };

/** Signs with our key and verifies partners' signatures (Ed25519 over RFC 8785 canonical JSON). */
export interface ExchangeCrypto {
  /** Our public key, as partners register it. */
  readonly ownKey: OwnSigningKey;
  sign(message: UnsignedMessage): ExchangeMessage;
  /** Whether `message.signature.value` is a signature of the message by the holder of `publicKey`. */
  verify(message: object, publicKey: string): boolean;
  /** The RFC 7638 thumbprint of a public key, or null when it is not an Ed25519 public key. */
  keyIdOf(publicKey: string): string | null;
  /** SHA-256 (hex) of the bytes a signature covers: the same content has the same hash. */
  contentHash(message: object): string;
}

/** An inspection that found something, with its declaration, for a seizure report. */
export interface FindingRow extends FindingForReport {
  declarationId: number;
  declaration: Declaration;
  assessment: Pick<Assessment, 'lines' | 'valuation'>;
}


export interface RiskExchangeStore {
  /** In one transaction: the partner, its first key and the partner_registered event. null when a partner with that code exists. */
  registerPartner(p: { code: string; name: string; country: string; publicKey: string; keyId: string; registeredBy: string }): Promise<ExchangePartner | null>;
  /** In one transaction: the key and the key_added event. `exists` when the partner has (or had: revoked) that key. */
  addPartnerKey(k: { partner: string; publicKey: string; keyId: string; actor: string }): Promise<AddKeyOutcome>;
  /** In one transaction, the partner locked: the revocation and the key_revoked event. `last_key` when it is the partner's last active key and `lastKey` is not set. */
  revokePartnerKey(k: { partner: string; keyId: string; actor: string; reason: string; lastKey: boolean; compromisedSince: string | null }): Promise<RevokeKeyOutcome>;
  /**
   * In one transaction, the partner locked: a compromise stated on a key revoked without one (not
   * after its revocation: `after_revocation`) and the key_compromise_stated event; once per key.
   * The key's compromisedSince reads it from then on, wherever keys and sources are read.
   */
  stateKeyCompromise(k: { partner: string; keyId: string; actor: string; compromisedSince: string; reason: string }): Promise<StateCompromiseOutcome>;
  getPartner(code: string): Promise<ExchangePartner | null>;
  listPartners(): Promise<ExchangePartner[]>;
  /** Inspections that found something (outcome ≠ clean) between two days (UTC, inclusive), in id order. */
  findings(q: { from: string; to: string; limit: number }): Promise<FindingRow[]>;
  /** The messages already signed for these ids and this recipient ('' = none). */
  outgoing(messageIds: string[], recipient: string): Promise<Map<string, ExchangeMessage>>;
  /** Stores signed messages (a message already stored for the same id and recipient is kept, not replaced), then records the export (exported). */
  saveOutgoing(rows: { message: ExchangeMessage; recipient: string; inspectionId: number | null }[], audit: { actor: string; recipient: string | null; detail: unknown }): Promise<void>;
  /**
   * In one transaction: the next risky-party notice number, the notice `make` signs with it (its id
   * derives from the number), stored for its recipient, and the notice_issued event. The numbers have
   * no gaps: one is drawn only here, a failure rolls it back with the notice, and a concurrent call
   * waits for this one to commit, then takes the next. Answers the stored notice.
   */
  saveNumberedNotice(make: (sequence: number) => { message: ExchangeMessage; recipient: string; audit: { actor: string; recipient: string | null; detail: unknown } }): Promise<ExchangeMessage>;
  /**
   * In one transaction, the notice's row locked: checks it is one of our notices and not withdrawn
   * yet, draws the next withdrawal number, stores the withdrawal `make` signs with it (addressed as
   * the notice was) and the notice_withdrawn event. Two withdrawals at once: the second finds the
   * first (already_withdrawn) and takes no number.
   */
  withdrawNotice(w: { messageId: string; make: (sequence: number, notice: Notice) => { message: ExchangeMessage; audit: { actor: string; detail: unknown } } }): Promise<WithdrawNoticeOutcome>;
  /** Messages we signed, of one kind, newest first, each with our withdrawal of it, if any. */
  /** Newest first; with `beforeId`, those stored before that one only (paging). */
  listOutgoing(q: { kind: MessageKind; limit: number; beforeId?: number }): Promise<OutgoingMessage[]>;
  /** Stores a verified message; the same id again gives the stored one (replayed) or, with other content, a conflict. */
  receive(r: { partner: string; message: ExchangeMessage; contentHash: string; keyId: string }): Promise<{ kind: 'stored' | 'replayed'; received: ReceivedRef } | { kind: 'conflict' }>;
  /**
   * A verified withdrawal: the same id again is a replay (or a conflict) before anything else; then,
   * the notice's row locked, the notice must be this partner's, a notice, of that digest and not
   * withdrawn yet; stored pointing at the notice, with the received event.
   */
  receiveWithdrawal(r: { partner: string; message: Withdrawal; contentHash: string; keyId: string }): Promise<ReceiveWithdrawalOutcome>;
  /** A message refused from a registered partner: reason and claimed id only, no body. */
  recordRefusal(r: { partner: string; messageId: string | null; reason: string; detail?: unknown }): Promise<void>;
  /** Seizure reports and notices (withdrawals show on their notice), newest first; `withdrawn` keeps only those withdrawn (true) or not (false). */
  /** Newest first; with `beforeId`, those received before that one only (paging). */
  listIncoming(q: { kind?: InboxKind; state?: IncomingState; partner?: string; withdrawn?: boolean; limit: number; beforeId?: number }): Promise<StoredIncomingMessage[]>;
  getIncoming(id: number): Promise<StoredIncomingMessage | null>;
  /** In one transaction: a rule draft with the proposal, the rule audit's draft_created, and the message's draft_created event. */
  createDraftFromMessage(d: { incomingId: number; basedOn: string | null; rules: unknown; note: string; actor: string; proposal: WatchlistProposal }): Promise<RuleDraft>;
  /**
   * The received message each of these watch-list codes was drafted from, with its withdrawal, if
   * any. A code drafted more than once (the same message again, or ids that read alike) answers the
   * draft whose entry `ruleSetVersion` holds: the one published last at or before that version.
   */
  ruleSources(codes: string[], ruleSetVersion: string | null): Promise<Map<string, RuleSource>>;
  /** Appends to the exchange's audit trail. */
  event(e: { actor: string; action: string; partner: string | null; detail: unknown }): Promise<void>;
}
