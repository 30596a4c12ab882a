// Ports of consumer identity (issue 6): the PCCC registry (ours stands in for the national one;
// a client of the real registry implements the same interface), the platform's identity store
// (passkeys, ceremonies, consent requests, token uses, misuse cases, push subscriptions),
// consent-token signing, WebAuthn verification, QR rendering and holder notifications.
import type { ConsentStatus, OrderSummary } from '../../domain/consent.ts';
import type { RegistryEvent } from '../../domain/api-views.ts';
import type { IdentityRules, PcccChange, PcccChangeBy, RenewalReminderKind } from '../../domain/pccc-registry.ts';
import type { PcccMismatch } from '../check-pccc.ts';
import type { Result } from '../errors.ts';
import type { PcccHolder } from '../ports.ts';

export interface RegistryHolder extends PcccHolder {
  holderId: string;
  email: string | null;
  nameEn: string | null;
  replacedBy: string | null;
  statusReason: string | null;
}

export interface RegistryActor {
  kind: 'consumer' | 'officer' | 'system' | 'operator';
  id: string | null;
}

export interface PcccRegistry {
  issue(input: { name: string; phone: string; postcodes: string[]; email?: string | null; nameEn?: string | null }, actor: RegistryActor): Promise<Result<RegistryHolder>>;
  find(pccc: string): Promise<RegistryHolder | null>;
  /** The holders of several codes in one read (keyed by the code in upper case; unknown codes are absent). */
  findMany(pcccs: readonly string[]): Promise<Map<string, RegistryHolder>>;
  /** Every code the holder has had, the live one first. */
  codesOf(holderId: string): Promise<RegistryHolder[]>;
  /** Every code issued to the holder of this code (it among them), in one read; [] when the registry does not know it. */
  holderCodes(pccc: string): Promise<string[]>;
  /** API028: name + mobile (+ postcode from 2026-02-02). */
  check(q: { pccc: string; name: string; phone: string; postcode?: string | null }): Promise<{ matched: boolean; mismatches: PcccMismatch[]; holder: RegistryHolder | null }>;
  /**
   * Each change below with `tell` queues the holder's notice of it (pcccChangeText, by the holder or by an officer)
   * in the change's transaction, one row per channel (migrations/112), sent by the notices' worker
   * (src/app/send-pccc-change-notices.ts): a change rolled back leaves none, one committed loses none.
   */
  renew(pccc: string, actor: RegistryActor, o?: { tell?: 'holder' }): Promise<Result<RegistryHolder>>;
  /** A one-time code for a change of contact on the holder's code, within `limit` unused codes of the code (the sign-in's with it); false: over it. */
  createContactChallenge(ch: { id: string; pccc: string; secretHash: string; expiresAt: Date }, limit: { max: number; expiresAfter: Date }): Promise<boolean>;
  /**
   * The mobile number or e-mail address becomes `value` once the code sent to it is proven (the challenge's try
   * counted whatever the outcome, used up by the change); an event, and the holder told at the new address and the
   * old. The holder's other live consumer sessions end in the same transaction, but `o.keepSession` (a token hash:
   * the session that made the change); how many, to `o.ended` and in the event's detail (otherSessionsEnded).
   * CHALLENGE_INVALID for any bad proof (one answer); PCCC_NOT_ACTIVE for a cancelled code.
   */
  setContact(
    pccc: string,
    field: 'phone' | 'email',
    value: string,
    actor: RegistryActor,
    proof: { challengeId: string; secretHash: string; maxAttempts: number },
    o?: { keepSession?: string | undefined; ended?: (sessions: number) => void },
  ): Promise<Result<RegistryHolder>>;
  /**
   * The code is suspended and the holder's live consumer sessions end in the same transaction, but
   * `keepSession` (a session's token hash: the holder's own suspend, from that session). An officer's suspend
   * ends them all (src/app/ex-officio-pccc.ts tells the holder; src/app/manage-own-pccc.ts the holder's own).
   * `ended` is told how many sessions ended (the kept one not among them), before the transaction commits.
   */
  suspend(pccc: string, reason: string, actor: RegistryActor, o?: { keepSession?: string | undefined; ended?: (sessions: number) => void; tell?: PcccChangeBy }): Promise<Result<RegistryHolder>>;
  /** A suspended code is active again; a consumer cannot lift an officer's suspension, nor reissue the code while it holds (PCCC_NOT_ACTIVE, details.suspendedBy officer). */
  resume(pccc: string, actor: RegistryActor, o?: { tell?: PcccChangeBy }): Promise<Result<RegistryHolder>>;
  /** Who suspended the code, by the rule resume and reissue refuse a consumer by: 'officer' (only customs lifts it), 'holder' (any other suspend: the holder may lift it); null unless it is suspended. */
  suspendedBy(h: RegistryHolder): Promise<'holder' | 'officer' | null>;
  /**
   * The old code is cancelled at once; a new one is issued to the same holder. The holder's live consumer
   * sessions end in the same transaction, but `keepSession` (the holder's own reissue, from that session),
   * which moves to the new code: the others (a thief's among them) never read it.
   */
  reissue(pccc: string, actor: RegistryActor, o?: { keepSession?: string | undefined; tell?: PcccChangeBy }): Promise<Result<{ previous: RegistryHolder; current: RegistryHolder; reissuesLeft: number }>>;
  /** The code is cancelled and the holder's live consumer sessions end (an officer's ex officio cancel: src/app/ex-officio-pccc.ts tells the holder). */
  cancel(pccc: string, reason: string, actor: RegistryActor, o?: { tell?: 'officer' }): Promise<Result<RegistryHolder>>;
  setPostcodes(pccc: string, postcodes: string[], actor: RegistryActor): Promise<Result<RegistryHolder>>;
  history(holderId: string): Promise<RegistryEvent[]>;
  /** The holder's events newest first (by id), older than `before` when given: at most `limit`. */
  historyPage(holderId: string, page: { before?: number | undefined; limit: number }): Promise<(RegistryEvent & { id: number })[]>;
  rules(): IdentityRules;
}

export interface PasskeyRecord {
  credentialId: string;
  holderId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
  label: string;
  registeredVia: string;
  usableFrom: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export type CeremonyPurpose = 'register' | 'sign-in' | 'consent';

export type { ConsentStatus, RegistryEvent };

export interface ConsentRequestRecord {
  id: string;
  operatorId: number;
  operatorName: string;
  operatorCode: string;
  holderId: string;
  pccc: string;
  summary: OrderSummary;
  orderHash: string;
  nonce: string;
  matchingNumber: string;
  status: ConsentStatus;
  refusal: string | null;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  tokenId: string | null;
  returnUrl: string | null;
}

export interface MisuseCaseRecord {
  id: number;
  holderId: string;
  pccc: string;
  declarationId: number;
  cargoNo: string;
  operatorId: number;
  operatorName: string;
  held: boolean;
  consent: string;
  note: string;
  status: 'open' | 'closed';
  reportedAt: string;
}

/** Who closed a misuse case, when, and what the check found (null while open). */
export interface MisuseCaseClosing {
  /** null (and `by`, `note` too) only for a case closed before they were kept and not found in the audit log. */
  at: string | null;
  by: { userId: number; username: string; name: string } | null;
  note: string | null;
}

/** A misuse case as officers read it: with its closing. */
export interface OfficerMisuseCase extends MisuseCaseRecord {
  closed: MisuseCaseClosing | null;
}

export interface ConsentShare {
  operatorId: number;
  operatorCode: string;
  operatorName: string;
  declarations: number;
  verified: number;
  missing: number;
  mismatch: number;
  /** missing ÷ declarations checked, 0…1 (null when none was checked). */
  missingShare: number | null;
  mismatchShare: number | null;
}

export interface IdentityStore {
  /**
   * Adds a passkey whose label and first usable moment depend on the holder's other passkeys:
   * `terms` gets their number, counted with the holder's registrations taking turns (two at once
   * each see the other), and answers them. Returns what was stored.
   */
  addPasskey(
    p: Omit<PasskeyRecord, 'createdAt' | 'lastUsedAt' | 'label' | 'usableFrom'>,
    terms: (others: number) => { label: string; usableFrom: string },
    /** The holder's notice of the new passkey (by what was stored), queued in the same transaction (HolderNotice). */
    tell?: (stored: { label: string; usableFrom: string; others: number }) => HolderNotice,
  ): Promise<{ label: string; usableFrom: string; others: number }>;
  passkeysOf(holderId: string): Promise<PasskeyRecord[]>;
  findPasskey(credentialId: string): Promise<PasskeyRecord | null>;
  touchPasskey(credentialId: string, counter: number, at: Date): Promise<void>;
  /** `tell`: the holder's notice, queued in the same transaction when a passkey was removed (HolderNotice). */
  removePasskey(holderId: string, credentialId: string, at: Date, tell?: HolderNotice): Promise<boolean>;

  createCeremony(c: { id: string; purpose: CeremonyPurpose; holderId: string | null; challenge: string; detail: unknown; expiresAt: Date }): Promise<void>;
  /** Consumes the ceremony (once) when it is open; returns it. */
  takeCeremony(id: string, purpose: CeremonyPurpose, at: Date): Promise<{ holderId: string | null; challenge: string; detail: unknown } | null>;
  /** Why takeCeremony gave nothing, for the audit log: no such ceremony (of this purpose), used already, or expired. */
  ceremonyRefusal(id: string, purpose: CeremonyPurpose, at: Date): Promise<'unknown' | 'used' | 'expired'>;

  /**
   * Stores the request unless the PCCC already has `limit.max` requests created after
   * `limit.since` (false then). The count and the insert are serialised per PCCC: requests made
   * at once cannot each count the others out.
   */
  createConsentRequest(
    r: Omit<ConsentRequestRecord, 'operatorName' | 'operatorCode' | 'status' | 'refusal' | 'decidedAt' | 'tokenId' | 'createdAt'> & { createdAt: Date },
    limit: { since: Date; max: number },
  ): Promise<boolean>;
  consentRequest(id: string): Promise<ConsentRequestRecord | null>;
  recentConsentRequests(pccc: string, since: Date): Promise<number>;
  /** pending → next, only while pending and not expired; false when it was not. `tell`: the holder's notice, queued in the same transaction when it was decided (HolderNotice). */
  decideConsentRequest(
    id: string,
    next: { status: Exclude<ConsentStatus, 'pending'>; refusal?: string | null; credentialId?: string | null; tokenId?: string | null },
    at: Date,
    tell?: HolderNotice,
  ): Promise<boolean>;
  consentRequestsFor(pccc: string[], limit: number): Promise<ConsentRequestRecord[]>;

  /** Claims a token for (operator, ref) once; the same (operator, ref) claiming again is a retry. */
  claimToken(tokenId: string, operatorId: number, ref: string, at: Date): Promise<{ claimed: true } | { claimed: false; usedBy: string }>;

  /** `tell`: the holder's notice of the report (by the case as opened), queued in the same transaction (HolderNotice). */
  openMisuseCase(c: Omit<MisuseCaseRecord, 'id' | 'status' | 'reportedAt' | 'operatorName'>, tell?: (opened: MisuseCaseRecord) => HolderNotice): Promise<MisuseCaseRecord>;
  /** Newest reported first; with `afterId`, those after that case in this order only (paging). */
  misuseCases(q: { status?: 'open' | 'closed'; holderId?: string; declarationId?: number; limit: number; afterId?: number }): Promise<OfficerMisuseCase[]>;
  /** Closes the open case about this declaration, by this officer, at `at`, with the note; null when it has none open. */
  closeMisuseCase(declarationId: number, closing: { userId: number; note: string; at: Date }): Promise<OfficerMisuseCase | null>;
  /** The holder's "not me" cases about these declarations (one at most each). */
  misuseCasesOf(holderId: string, declarationIds: readonly number[]): Promise<(MisuseCaseRecord & { closedAt: string | null })[]>;

  savePushSubscription(s: { holderId: string; endpoint: string; p256dh: string; auth: string }): Promise<void>;
  pushSubscriptionsOf(holderId: string): Promise<{ endpoint: string; p256dh: string; auth: string }[]>;
  removePushSubscription(endpoint: string): Promise<void>;
  /** Every installed app of the holder unsubscribed (a lost phone among them); how many. */
  removePushSubscriptionsOf(holderId: string): Promise<number>;

  consentShare(operatorId: number | null): Promise<ConsentShare[]>;
  audit(e: { actorKind: string; actorId: number | null; action: string; subject: string; detail?: unknown }): Promise<void>;
}

export interface ConsentClaims {
  /** token id (jti) */
  tokenId: string;
  consentId: string;
  orderHash: string;
  pccc: string;
  operatorCode: string;
  /** how the approval was proven */
  amr: 'passkey';
  issuedAt: Date;
  expiresAt: Date;
}

export interface ConsentSigner {
  sign(claims: ConsentClaims): Promise<string>;
  verify(token: string, at: Date): Promise<{ ok: true; claims: ConsentClaims } | { ok: false; why: 'invalid' | 'expired' }>;
  /** The public keys (JWKS) a third party verifies tokens with. */
  jwks(): Promise<{ keys: Record<string, unknown>[] }>;
}

/** WebAuthn ceremonies (user verification always required). JSON shapes as the browser library sends them. */
export interface WebAuthn {
  registrationOptions(o: { holderId: string; userName: string; displayName: string; exclude: string[] }): Promise<{ challenge: string; options: unknown }>;
  verifyRegistration(o: { response: unknown; challenge: string }): Promise<
    { ok: true; credentialId: string; publicKey: Uint8Array; counter: number; transports: string[]; deviceType: string; backedUp: boolean } | { ok: false; why: string }
  >;
  authenticationOptions(o: { challenge?: string; allow: { id: string; transports: string[] }[] }): Promise<{ challenge: string; options: unknown }>;
  /** The credential id the response claims (to find its public key). */
  credentialIdOf(response: unknown): string | null;
  verifyAuthentication(o: { response: unknown; challenge: string; credential: { id: string; publicKey: Uint8Array; counter: number; transports: string[] } }): Promise<{ ok: true; newCounter: number } | { ok: false; why: string }>;
  /** base64url of SHA-256(text): a challenge derived from data. */
  challengeFrom(text: string): string;
}

export interface QrRenderer {
  render(text: string): Promise<{ png: string; svg: string }>;
}

export interface HolderMessage {
  subject: string;
  body: string;
  /** Link the push notification opens. */
  url?: string;
}

/** Renewal reminders sent (each code, expiry date and kind once). */
/** A reminder claimed for sending: `claimedAt` is the claim's lease start, as stored (it also tells this claim from a later one). */
export interface RenewalReminderClaim {
  pccc: string;
  expiresOn: string;
  kind: RenewalReminderKind;
  claimedAt: string;
}

/**
 * Renewal reminders sent at least once: a claim (a lease) before the send, the mark after it. A claim
 * never marked sent (the process stopped in between) is taken again once its lease ran out.
 */
export interface RenewalReminderStore {
  /**
   * Claims up to `limit` reminders due on `today` (Korean date) for active codes whose expiry lies within
   * `windowDays` of it, not sent for that expiry and kind, and not claimed in the last `lease.ms` before `lease.now`.
   */
  claimDue(today: string, windowDays: number, limit: number, lease: { now: Date; ms: number }): Promise<RenewalReminderClaim[]>;
  /** Starts the lease again just before the send; null when the claim is no longer this one (taken again, or sent). */
  renew(c: RenewalReminderClaim, now: Date): Promise<RenewalReminderClaim | null>;
  /** Records that the message went out: no pass takes it again. */
  markSent(c: RenewalReminderClaim, at: Date): Promise<void>;
  /** Gives a claim back (the message could not be sent, or is no longer due), so a later pass decides again. */
  release(c: RenewalReminderClaim): Promise<void>;
}

/** A holder's channels: SMS to the registered mobile, e-mail when registered, Web Push to each installed app. */
export type HolderChannel = 'sms' | 'email' | 'push';

/** Which notice to the holder an outbox row is (pccc_change_notices.kind, migrations/112 and 114). */
export type HolderNoticeKind = 'pccc_change' | 'passkey_added' | 'passkey_removed' | 'not_me_report' | 'consent_approved' | 'consent_cancelled' | 'declaration_filed';

/**
 * A security notice to the holder other than a change to their code, queued in the transaction of what it
 * tells (the identity store's `tell`), one row per channel the holder has then (migrations/114), and sent by
 * the worker of the notices of changes to the code: a crash or a channel down after the commit loses none.
 */
export interface HolderNotice {
  /** The usage alert (declaration_filed) is queued by the intake's store, a batch at a time (UsageAlerts in ports.ts). */
  kind: Exclude<HolderNoticeKind, 'pccc_change' | 'declaration_filed'>;
  /** Told through their code (the holder of it at the send); their e-mail and installed apps now decide the channels. */
  holder: RegistryHolder;
  /** What it is about, for the record: passkey:<credential id>, misuse_case:<id>, consent:<id>. */
  ref: string;
  subject: string;
  text: { ko: string; en: string };
  /** The page a Web Push opens (none: /me/security). */
  url?: string;
  /** When it is queued (the use case's clock): due at once. */
  at: Date;
}

/**
 * The holder's notices of changes to their code, queued in the change's transaction (one per channel,
 * migrations/112), and their other security notices (HolderNotice, migrations/114), as their worker claims
 * and settles them.
 */
export interface PcccChangeNoticeJob {
  id: number;
  kind: HolderNoticeKind;
  /** The code after the change (the new one after a reissue): its holder is told. */
  pccc: string;
  channel: HolderChannel;
  /** Sent to this address, not the holder's at the send: the old number or address told of a change of contact (migrations/113); else null. */
  recipient: string | null;
  /** The change (kind pccc_change); null for the other notices. */
  change: PcccChange | null;
  subject: string;
  text: { ko: string; en: string };
  url: string | null;
  /** Attempts that failed before this one. */
  attempts: number;
}

export interface PcccChangeNoticeOutbox {
  /** Up to `limit` notices due at `at`, each leased for `leaseMs` (no other pass takes it meanwhile; one left unsettled is taken again after). */
  claimDue(q: { limit: number; at: Date; leaseMs: number }): Promise<PcccChangeNoticeJob[]>;
  /** Sent; or nothing to send it to on its channel; or failed: tried again at `nextAttemptAt`, or given up (null: dead) with its error. */
  settle(id: number, o: { status: 'sent' | 'no_target' } | { status: 'retry'; nextAttemptAt: Date | null; error: string }, at: Date): Promise<void>;
}

/** A notice to the holder given up (dead: refused for good, or out of attempts), as the administrators' list reads it. */
export interface GivenUpHolderNotice {
  id: number;
  kind: HolderNoticeKind;
  /** The change's action for a pccc_change (suspend, resume, reissue, renew, cancel); null for the other kinds. */
  changeAction: PcccChange['action'] | null;
  channel: HolderChannel;
  /** The code the notice was sent to (its holder at the send). */
  pccc: string;
  /** The holder of that code now, as the registry has them (null: no such code in the registry any more); for a notice to a former address, that address on its channel. */
  holder: { name: string; phone: string; email: string | null } | null;
  /** Sent to the number or address the holder had before a change of contact (its recipient, migrations/113), not the one registered now. */
  toFormerContact: boolean;
  /** The number or address the row was queued to (the old one of a change of contact, migrations/113); null: the holder's at the send. */
  recipient: string | null;
  /** The holder changed their contact on this channel (a phone or email event of the registry) after the notice was given up. */
  contactReplacedSince: boolean;
  attempts: number;
  lastError: string | null;
  queuedAt: Date;
  givenUpAt: Date;
}

/** The notices given up, for the administrators (manage-holder-notices.ts): listed, counted, and queued again. */
export interface GivenUpHolderNotices {
  /** Given up, the newest notice first (by id), those before `beforeId` when given: a page of at most `limit`. */
  listGivenUp(q: { beforeId?: number | undefined; limit: number }): Promise<GivenUpHolderNotice[]>;
  countGivenUp(): Promise<number>;
  /** One notice given up, as the list reads it; null when it is not given up. */
  findGivenUp(id: number): Promise<GivenUpHolderNotice | null>;
  /**
   * Back to pending with a new round of attempts, due at `at`, its last error kept until the next attempt: the notice as it was given up;
   * null when it is not given up (unknown, or queued again already). `keepRecipient` false: to the holder's contact at the send (its recipient cleared).
   */
  requeueGivenUp(id: number, at: Date, o: { keepRecipient: boolean }): Promise<GivenUpHolderNotice | null>;
}

/** How many of a holder's channels took a message (SMS, e-mail, each Web Push subscription), how many failed, and how many of those for good. */
export interface NotifyOutcome {
  delivered: number;
  failed: number;
  /** Failures that say permanent (isPermanentFailure: the SMS gateway refused the number or the sender, the SMTP server answered 5xx): sent again, refused again. */
  permanent: number;
}

export interface HolderNotifier {
  /**
   * SMS (registered mobile), e-mail (when registered) and Web Push (installed apps). Never throws for a
   * channel that fails (each goes to the notifier's onError, the others still go out): the outcome says
   * whether any took it, for a sender that must try again (deliverToHolder).
   */
  notify(holder: RegistryHolder, m: HolderMessage): Promise<NotifyOutcome>;
  /**
   * The message on one channel only, for a sender that settles each channel apart (the notices of changes to
   * the code): 'sent' (Web Push: at least one installed app took it), 'none' (no address on it: no e-mail, no
   * app subscribed); throws when the channel failed (Web Push: every app's send failed), the channel's error as
   * it is: one that says `permanent: true` (isPermanentFailure: SMS refused for its number, sender or text) is
   * given up by the outbox at once instead of tried again.
   */
  notifyOn(channel: HolderChannel, holder: RegistryHolder, m: HolderMessage): Promise<'sent' | 'none'>;
  vapidPublicKey(): string | null;
}
