// Ports: what the use cases need from the outside world. src/adapters implements them;
// src/main.ts wires them. Records are plain data.
import type { PcccStatus } from '../domain/pccc-registry.ts';
import type { Assessment, HistoryEntry, Route } from '../domain/assessment.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import type { RefOwners } from '../domain/combined-refs-view.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import type { CorrectionRedecisionSummary } from '../domain/api-views.ts';
import type { ClearanceStage, CargoStage, DeclarationStatus, LifecycleEventType, LifecycleState } from '../domain/lifecycle.ts';
import type { AppError, Result } from './errors.ts';
import type { ApiKeyRecord, DeliveryRecord, WebhookRecord } from '../domain/api-views.ts';
export type { ApiKeyRecord, DeliveryRecord, WebhookRecord };

export interface Clock {
  now(): Date;
}

export interface Secrets {
  /** A high-entropy random token with a readable prefix, e.g. tgk_… */
  randomToken(prefix: string): string;
  /** A 6-digit one-time code. */
  otpCode(): string;
  sha256(text: string): string;
  hmacSha256Hex(secret: string, text: string): string;
  /**
   * Whether two secrets (codes, hashes of codes, callback secrets, matching numbers) are equal, in a
   * time that does not depend on where they differ or on their lengths: `===` stops at the first
   * differing character, which a caller timing many guesses can measure (CWE-208).
   */
  sameSecret(a: string, b: string): boolean;
  /** A random staff password (24 characters, 144 bits), shown once to whoever gets it. */
  randomPassword(): string;
  hashPassword(password: string): Promise<string>;
  verifyPassword(password: string, stored: string): Promise<boolean>;
}

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  recipient: string;
  subject: string;
  body: string;
}

export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}

export interface ReferenceSource {
  current(): Reference;
  /** Recompile from the files and the uploaded rows (after an upload). */
  reload(): Promise<void>;
  /** Reload when another process recorded an upload since this one compiled; true when it did. */
  reloadIfBehind(): Promise<boolean>;
}

export type OperatorRole = 'marketplace' | 'seller' | 'forwarder' | 'courier' | 'broker';
export type OfficerRole = 'officer' | 'admin';

export type Principal =
  | { kind: 'operator'; operatorId: number; operatorCode: string; role: OperatorRole; apiKeyId: number }
  | { kind: 'officer'; userId: number; username: string; role: OfficerRole }
  /**
   * A verified consumer: `pccc` is the session's code (the holder's live one: a reissue moves sessions on);
   * `pcccs` every code the registry records for the same holder, that one first, read once per request.
   * The holder's parcels are those declared under any of them: one declared before a reissue is still theirs to track and pay.
   */
  | { kind: 'consumer'; pccc: string; amr: string; pcccs: readonly string[] };

export type OperatorPrincipal = Extract<Principal, { kind: 'operator' }>;
export type OfficerPrincipal = Extract<Principal, { kind: 'officer' }>;
export type ConsumerPrincipal = Extract<Principal, { kind: 'consumer' }>;

export interface OperatorRecord {
  id: number;
  code: string;
  name: string;
  role: OperatorRole;
}

export interface AccessStore {
  /** null when an operator has that code already. */
  createOperator(o: { code: string; name: string; role: OperatorRole }): Promise<OperatorRecord | null>;
  findOperatorByCode(code: string): Promise<OperatorRecord | null>;
  listOperators(): Promise<OperatorRecord[]>;
  createApiKey(k: { operatorId: number; prefix: string; keyHash: string; label: string }): Promise<ApiKeyRecord>;
  findApiKeyByHash(keyHash: string): Promise<(ApiKeyRecord & { operator: OperatorRecord }) | null>;
  listApiKeys(operatorId: number): Promise<ApiKeyRecord[]>;
  /** Records that the key authenticated a request at `at` (kept only if later than the stored time). */
  touchApiKey(keyId: number, at: Date): Promise<void>;
  revokeApiKey(operatorId: number, keyId: number, at: Date): Promise<boolean>;
  createUser(u: { username: string; displayName: string; role: OfficerRole; passwordHash: string }): Promise<number>;
  findUserByUsername(username: string): Promise<StaffUser | null>;
  findUserById(id: number): Promise<StaffUser | null>;
  /** Every staff account, oldest first, disabled ones too; last sign-in from its sessions. */
  listStaffUsers(): Promise<StaffUserRecord[]>;
  /** A new account and its audit entry in one transaction; username_taken writes nothing. */
  createStaffUser(u: { username: string; displayName: string; role: OfficerRole; passwordHash: string }, audit: StaffAudit): Promise<{ ok: true; id: number } | { ok: false; reason: 'username_taken' }>;
  /**
   * A new password hash, the account's sessions ended (all, or all but `keepSession`, a token hash) and
   * the audit entry, in one transaction; false when no account has this id.
   */
  setStaffPassword(id: number, passwordHash: string, at: Date, o: { keepSession?: string; audit: StaffAudit }): Promise<boolean>;
  /**
   * Disables (ending its sessions) or enables an account, with the audit entry, in one transaction. The
   * last enabled administrator is not disabled (last_admin), checked under a lock on the enabled
   * administrators: two administrators disabling each other at once cannot both succeed.
   * changed: false when it was so already (nothing written).
   */
  setStaffDisabled(id: number, disabled: boolean, at: Date, audit: StaffAudit): Promise<{ ok: true; changed: boolean; user: StaffUser } | { ok: false; reason: 'not_found' | 'last_admin' }>;
  createSession(s: { tokenHash: string; kind: 'officer' | 'consumer'; userId: number | null; pccc: string | null; amr: string; expiresAt: Date }): Promise<void>;
  findSession(tokenHash: string, at: Date): Promise<{ kind: 'officer' | 'consumer'; userId: number | null; username: string | null; role: OfficerRole | null; pccc: string | null; amr: string } | null>;
  revokeSession(tokenHash: string, at: Date): Promise<void>;
  audit(entry: { actorKind: string; actorId: number | null; action: string; subject: string; detail?: unknown }): Promise<void>;
  /** The audit log, newest first, with the actor's name (an officer's username, an operator's code). */
  auditEntries(q: AuditQuery): Promise<AuditEntry[]>;
}

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: OfficerRole;
  passwordHash: string;
  disabledAt: string | null;
}

export interface StaffUserRecord {
  id: number;
  username: string;
  displayName: string;
  role: OfficerRole;
  createdAt: string;
  disabledAt: string | null;
  passwordChangedAt: string | null;
  lastSignInAt: string | null;
}

/** Who did it and what to record (audit_log: action, subject user:ID and detail). */
export interface StaffAudit {
  actorKind: string;
  actorId: number | null;
  action: string;
  detail?: unknown;
}

export interface AuditQuery {
  /** An action, or its prefix ending in '.' ('reference.'). */
  action?: string;
  /** An officer's username or an operator's code. */
  actor?: string;
  /** Exact subject ('operator:12', 'upload:3'). */
  subject?: string;
  /** Entries before this id (the next page). */
  beforeId?: number;
  limit: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorKind: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  subject: string;
  /** Who the subject is, where that is one lookup away: an operator's 'CODE, name', a staff member's 'username, display name'; else null. */
  subjectName: string | null;
  detail: unknown;
}

/** The columns derived from a declaration and its assessment when it is stored. */
export interface DeclarationRow {
  index: number;
  ref: string;
  contentHash: string;
  declaration: Declaration;
  assessment: Assessment;
  history: HistoryEntry;
  /** The seller as one party (sellerKeyOf: its code, else its name), for party histories and risk; combined taxation reads history's code and name. */
  sellerKey: string | null;
  pccc: string;
  mblNo: string | null;
  blYear: string | null;
  route: Route;
  state: LifecycleState;
  status: DeclarationStatus;
  holdReason: unknown;
  taxesTotalKrw: number | null;
  /** The weights of the assessment's signals, stored for the work queue (domain/queue-points.ts). */
  signalPoints: number;
  courierCode: string | null;
  forwarderCode: string | null;
  firstEvent: { type: LifecycleEventType; nameKo: string; detail: unknown };
}

export interface StoredRef {
  id: number;
  ref: string;
  cargoNo: string;
  contentHash: string;
  status: DeclarationStatus;
  /** null when this call inserted the row (the caller holds the assessment). */
  assessment: Assessment | null;
}

export interface DeclarationRecord {
  id: number;
  operatorId: number;
  ref: string;
  cargoNo: string;
  version: number;
  contentHash: string;
  declaredAt: string;
  pccc: string;
  hblNo: string | null;
  mblNo: string | null;
  blYear: string | null;
  route: Route;
  status: DeclarationStatus;
  clearanceStage: ClearanceStage;
  cargoStage: CargoStage;
  heldFrom: ClearanceStage | null;
  holdReason: unknown;
  taxesTotalKrw: number | null;
  courierCode: string | null;
  forwarderCode: string | null;
  declaration: Declaration;
  assessment: Assessment;
  createdAt: string;
  updatedAt: string;
}

export interface EventRecord {
  id: number;
  declarationId: number;
  seq: number;
  type: LifecycleEventType;
  nameKo: string;
  occurredAt: string;
  recordedAt: string;
  actorKind: 'operator' | 'officer' | 'system';
  actorId: number | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
  statusAfter: DeclarationStatus;
}

export interface RevisionRecord {
  version: number;
  declaration: Declaration;
  assessment: Assessment;
  replacedAt: string;
  reason: string;
}

export interface Actor {
  kind: 'operator' | 'officer' | 'system';
  id: number | null;
}

/** What a decision function returns to the store: the events to append and the new row values. */
export interface TransitionPlan {
  state: LifecycleState;
  status: DeclarationStatus;
  holdReason: unknown;
  events: { type: LifecycleEventType; nameKo: string; occurredAt: Date; reason: string | null; detail: unknown; statusAfter: DeclarationStatus }[];
  /** A correction replaces the document and its assessment (the old one goes to revisions). */
  replace?: {
    row: Omit<DeclarationRow, 'index' | 'firstEvent' | 'state' | 'status' | 'holdReason'>;
    reason: string;
  };
  /** Stored declarations the corrected one now joins, queued in the same transaction to be decided again (고시 제68조). */
  redecide?: number[];
}

/** Which stored declarations combined taxation may join with (see DeclarationStore.historyFor). */
export interface HistoryQuery {
  pcccs: string[];
  hblNos: string[];
  /** Purchase/arrival dates: narrows the consignee match. */
  dates?: string[];
  excludeIds?: number[];
  /**
   * The next read of a group traced through its members (src/app/combined-history.ts), given every
   * row read so far and every query asked (this one first); null: done. The store runs the reads in
   * the same transaction (the later ones without locks), leaving out the rows already read.
   */
  follow?: (loaded: readonly StoredHistoryEntry[], asked: readonly HistoryQuery[]) => HistoryQuery | null;
}

/** A history entry as stored: `id` and `version` tell whether two reads saw the same thing. */
export type StoredHistoryEntry = HistoryEntry & { id: number; version: number };

/**
 * Intake's guard against concurrent batches for the same consignees or B/Ls (합산과세 race):
 * the store takes transaction-scoped locks for the keys (hashed into a bounded set of lock
 * slots, taken in sorted order so two batches cannot deadlock), reads `history` again under
 * the locks and lets `recheck` return the rows to store, assessed against what is committed
 * now. Nothing another batch commits for these keys can be missed.
 */
export interface IntakeConsistency {
  /** `consignee:<PCCC>` and `bl:<house B/L>` for every row to store. */
  lockKeys: string[];
  history: HistoryQuery;
  recheck: (fresh: StoredHistoryEntry[]) => DeclarationRow[];
  /**
   * The ids of the stored declarations (entries of `fresh`, the history read under the locks) that
   * the rows to store were combined with: queued in the same transaction to be decided again after
   * the commit (고시 제68조; src/app/redecide-combined-members.ts). Empty: nothing is written.
   */
  joinedStored?: (rows: readonly DeclarationRow[], fresh: readonly StoredHistoryEntry[]) => number[];
}

/** A stored declaration queued to be decided again for combined taxation, as a worker claimed it. */
export interface CombinedRedecisionJob {
  declarationId: number;
  /** The round claimed: a later intake that queues it again bumps it, and the row then stays. */
  round: number;
  attempts: number;
}

/** The queue of combined_redecisions (migrations/071), claimed by a lease. */
export interface CombinedRedecisionQueue {
  claim(q: { limit: number; at: Date; leaseMs: number }): Promise<CombinedRedecisionJob[]>;
  /** Done with this round: the row goes, unless queued again meanwhile (then it is free to claim). */
  done(job: CombinedRedecisionJob): Promise<void>;
  /** Failed: kept, to be claimed again at `retryAt`. */
  failed(job: CombinedRedecisionJob, error: string, retryAt: Date): Promise<void>;
}

/** A declaration to decide again with a reference-data correction (reference_redecisions, migrations/092). */
export interface ReferenceRedecisionJob {
  declarationId: number;
  dataset: string;
  version: string;
  correctedBy: string;
  attempts: number;
}

export interface ReferenceRedecisionQueue {
  /**
   * Queues the declarations whose assessment recorded a superseded version, for each version not
   * looked for before (unless already queued or checked against the correction); returns, of those
   * looked for now, how many each queued. `again`: every version of the list, looked for before or
   * not (declarations stored since with superseded data: the demo seed's); its scan adds what it queued.
   */
  enqueueSuperseded(list: readonly { dataset: string; version: string; correctedBy: string }[], o?: { again?: boolean }): Promise<{ dataset: string; version: string; correctedBy: string; queued: number }[]>;
  /** How many declarations have a row still to decide. */
  pendingDeclarations(): Promise<number>;
  /** Each correction that found declarations on record, latest first: how many, and what became of them. */
  summary(): Promise<CorrectionRedecisionSummary[]>;
  claim(q: { limit: number; at: Date; leaseMs: number }): Promise<ReferenceRedecisionJob[]>;
  /**
   * Checked: kept with its outcome, so the next start does not queue it again; so are the
   * declaration's rows still to do of the other corrections its new decision read (`alsoFor`), with
   * the same outcome. A row done already (by such a decision) keeps its outcome.
   */
  done(job: ReferenceRedecisionJob, outcome: string, at: Date, alsoFor?: readonly { dataset: string; version: string; correctedBy: string }[]): Promise<void>;
  /** Failed: kept, to be claimed again at `retryAt`. */
  failed(job: ReferenceRedecisionJob, error: string, retryAt: Date): Promise<void>;
}

export type BatchStoreOutcome<R> =
  | {
      kind: 'stored';
      stored: Map<string, { id: number; cargoNo: string; inserted: boolean }>;
      response: R;
      /** Stored declarations queued to be decided again (IntakeConsistency.joinedStored); 0 almost always. */
      redecisionsQueued?: number;
      /** Rows of usage alerts committed with the batch (StoreBatchInput.usageAlerts); 0 when no holder of its codes is registered. */
      usageAlertsQueued?: number;
    }
  /** Another request with the same Idempotency-Key committed first. */
  | { kind: 'replayed'; requestHash: string; response: unknown };

/** What storeBatch stores, and how it answers (see DeclarationStore.storeBatch). */
export interface StoreBatchInput<R> {
  operatorId: number;
  rows: DeclarationRow[];
  allRefs: string[];
  idempotency: { key: string; requestHash: string } | null;
  actor: Actor;
  /** When the first event (신고접수) happened, for all rows or per row (by input index); defaults to now. */
  submittedAt?: Date | ((index: number) => Date);
  /** Lock, re-read the history and re-check the rows inside the transaction (replaces `rows`). */
  consistency?: IntakeConsistency;
  /**
   * The holders' usage alerts of the declarations this transaction inserts (none when absent): queued in it,
   * in one statement that keeps the codes whose holder is registered, so that a declaration committed is never
   * without its alert, and a retry that inserts nothing alerts nobody again.
   */
  usageAlerts?: (inserted: readonly InsertedDeclaration[]) => UsageAlerts;
  respond: (stored: Map<string, StoredRef & { inserted: boolean }>) => R;
}

/** A declaration the intake's transaction inserted: its row, id and cargo number. */
export interface InsertedDeclaration {
  row: DeclarationRow;
  id: number;
  cargoNo: string;
}

/**
 * The usage alerts of a batch ("a declaration was filed under your code; not you? tap Not me": the holder's
 * chance to stop a misuse before the release), one per code of the batch, queued for the codes whose holder
 * is registered (pccc_holders), one row per channel the holder has then (pccc_change_notices, kind
 * declaration_filed, migrations/114; HolderNotice). The texts are templates of PostgreSQL's format(), filled
 * per code in the statement that finds the holders: %1$s the platform, %2$s what was ordered, %3$s the cargo
 * number, %4$s `unverified` (else nothing). So a batch of codes nobody registered costs its facts, not a
 * rendered text each.
 */
export interface UsageAlerts {
  subject: string;
  text: { ko: string; en: string };
  /** The sentence put in %4$s when a declaration of the code carries no verified approval of the holder. */
  unverified: { ko: string; en: string };
  /** The page a Web Push opens. */
  url: string;
  at: Date;
  codes: UsageAlertFacts[];
}

/** What one code's alert says: its first declaration of the batch names it (ref declaration:<id>). */
export interface UsageAlertFacts {
  pccc: string;
  ref: string;
  platform: string;
  what: string;
  cargoNo: string;
  unverified: boolean;
}

/** A declaration an operator reads, and the refs of combined-group members that its assessments and events name. */
export interface NamedRefs {
  declarationId: number;
  refs: readonly string[];
}

export interface DeclarationStore {
  findByRefs(operatorId: number, refs: string[]): Promise<StoredRef[]>;
  /**
   * Per declaration read, per ref its combined group names (`named`): how many declarations of that ref,
   * linked to it by consignee or house B/L, are the operator's and how many another operator's. A ref is
   * unique per operator only: an operator reads other operators' members of a combined group by no ref,
   * decided by these declarations, not by the ref string (src/app/operator-refs-view.ts).
   */
  ownersOfNamedRefs(operatorId: number, named: readonly NamedRefs[]): Promise<Map<number, Map<string, RefOwners>>>;
  /** History that combined taxation can join with; `dates` (purchase/arrival dates) narrows by consignee. */
  historyFor(q: HistoryQuery): Promise<StoredHistoryEntry[]>;
  getIdempotent(operatorId: number, key: string): Promise<{ requestHash: string; response: unknown } | null>;
  /**
   * Stores the rows (new refs only; existing (operator, ref) pairs are left alone) in one
   * transaction with their first event and webhook outbox rows, then commits. With an
   * idempotency key the response built by `respond` is stored with it; a concurrent request
   * that committed the same key first wins and its response is returned.
   */
  storeBatch<R>(input: StoreBatchInput<R>): Promise<BatchStoreOutcome<R>>;
  findById(id: number): Promise<DeclarationRecord | null>;
  findByCargoNo(cargoNo: string): Promise<DeclarationRecord | null>;
  findByBl(q: { hblNo?: string; mblNo?: string; blYear: string }): Promise<DeclarationRecord[]>;
  /** The codes' declarations that collect taxes or were paid, newest first: their tax notices. */
  findTaxedByPcccs(pcccs: readonly string[], limit: number): Promise<DeclarationRecord[]>;
  /** Declarations naming any of the codes, newest first (by id), those before `beforeId` only when given, of `status` only when given. */
  pageByPcccs(pcccs: readonly string[], q: { limit: number; beforeId?: number; status?: string }): Promise<DeclarationRecord[]>;
  /** How many declarations name any of the codes, and how many of them are held. */
  countByPcccs(pcccs: readonly string[]): Promise<{ total: number; held: number }>;
  /** The cargo numbers of the codes' declarations that bear each of `refs` (a ref is unique per operator only: two operators' may share one). */
  cargoNosOfRefs(pcccs: readonly string[], refs: readonly string[]): Promise<Map<string, string[]>>;
  /** The public lookup answer as JSON text (read model declaration_lookup), or null. */
  lookupByCargoNo(cargoNo: string): Promise<string | null>;
  /** Lookup answers (JSON texts) by house or master B/L and B/L year, in declaration order (≤ 100). */
  /** At most `limit` answers, in declaration order. */
  lookupByBl(q: { hblNo?: string; mblNo?: string; blYear: string; limit: number }): Promise<string[]>;
  /** Writes the lookup read model of declarations that have none (older databases); returns how many. */
  fillMissingLookups(): Promise<number>;
  /**
   * The operator's own declarations with ids above `afterId` and below `beforeId` (each when given),
   * in id order (`descending`: newest first), at most `limit`.
   */
  listForOperator(
    operatorId: number,
    q: { status?: string; ref?: string; cargoNo?: string; blNo?: string; updatedSince?: string; limit: number; afterId?: number; beforeId?: number; descending?: boolean },
  ): Promise<DeclarationRecord[]>;
  /**
   * Own declarations whose assessment collects taxes (total above zero), any status, newest first;
   * `afterId` continues a listing (ids below it).
   */
  /** Taxed declarations of the operator: newest first older than `afterId`, or, with `beforeId`, the nearest newer ones first (ascending). */
  listTaxedForOperator(operatorId: number, q: { limit: number; afterId?: number; beforeId?: number }): Promise<DeclarationRecord[]>;
  listByStatus(q: { status: string; limit: number }): Promise<DeclarationRecord[]>;
  eventsOf(declarationId: number): Promise<EventRecord[]>;
  /** The events of several declarations in one read, by declaration id (each in seq order). */
  eventsOfMany(declarationIds: number[]): Promise<Map<number, EventRecord[]>>;
  revisionsOf(declarationId: number): Promise<RevisionRecord[]>;
  /**
   * Locks the row, lets `decide` plan the change from the locked record, and writes it in one
   * transaction. With `history`, the transaction first takes intake's combined-taxation locks for
   * `lockKeys` and reads that history under them, so `decide` assesses against what no
   * concurrent intake can change before the commit (corrections).
   */
  transition<T>(
    declarationId: number,
    actor: Actor,
    decide: (current: DeclarationRecord, history: StoredHistoryEntry[]) => Result<{ plan: TransitionPlan; value: T }>,
    history?: { lockKeys: string[]; query: HistoryQuery },
  ): Promise<Result<{ record: DeclarationRecord; value: T; eventIds: number[] }>>;
  /** Like `transition` for many declarations in one transaction; each item answers on its own. */
  transitionMany<T>(
    items: { declarationId: number; actor: Actor; decide: (current: DeclarationRecord) => Result<{ plan: TransitionPlan; value: T }> }[],
  ): Promise<Result<{ record: DeclarationRecord; value: T; eventIds: number[] }>[]>;
  countByStatus(operatorId: number | null): Promise<Record<string, number>>;
}

export interface WebhookStore {
  create(w: { operatorId: number; url: string; secret: string; eventTypes: string[] | null }): Promise<WebhookRecord>;
  list(operatorId: number): Promise<WebhookRecord[]>;
  deactivate(operatorId: number, webhookId: number): Promise<boolean>;
  /** Newest first; `before`: only deliveries (outbox ids) older than it; `status`: only those in that state. */
  deliveries(operatorId: number, webhookId: number, q: { limit: number; before?: number; status?: DeliveryRecord['status'] }): Promise<DeliveryRecord[] | null>;
  replay(operatorId: number, outboxId: number, at: Date): Promise<boolean>;
}

/** Webhook event types beside the declaration's lifecycle events (LIFECYCLE_EVENT_TYPES), to subscribe to by name. */
export const OPERATOR_EVENT_TYPES = ['tax.paid', 'tax.payment_reversed', 'tax.refund_due', 'tax.refund_due_cancelled', 'tax.refunded'] as const;
export type OperatorEventType = (typeof OPERATOR_EVENT_TYPES)[number];
/** Their names, as a lifecycle event's (EVENT_DEFINITIONS), for the delivery log. */
export const OPERATOR_EVENT_NAMES: Record<OperatorEventType, { nameKo: string; nameEn: string }> = {
  'tax.paid': { nameKo: '제세 납부', nameEn: 'Taxes paid' },
  'tax.payment_reversed': { nameKo: '제세 납부 취소(입금 취소)', nameEn: 'Tax payment reversed (deposit reversed)' },
  'tax.refund_due': { nameKo: '제세 환급(환불) 대상 등록', nameEn: 'Tax refund due recorded' },
  'tax.refund_due_cancelled': { nameKo: '제세 환급(환불) 대상 취소', nameEn: 'Tax refund due cancelled' },
  'tax.refunded': { nameKo: '제세 환급(환불) 완료', nameEn: 'Taxes refunded' },
};

export interface PcccHolder {
  pccc: string;
  name: string;
  phone: string;
  postcodes: string[];
  status: PcccStatus;
  issuedOn: string;
  expiresOn: string;
}

export interface ConsumerStore {
  findHolder(pccc: string): Promise<PcccHolder | null>;
  upsertHolders(holders: PcccHolder[]): Promise<void>;
  /** Stores the challenge unless the code already has `limit.max` unused ones of this method expiring after `limit.expiresAfter`; false: not stored. */
  createChallenge(c: { id: string; pccc: string; method: 'otp' | 'passkey'; secretHash: string; expiresAt: Date }, limit?: { max: number; expiresAfter: Date }): Promise<boolean>;
  /** Counts an attempt; returns the challenge when it is open (not consumed, not expired, attempts left). */
  openChallenge(id: string, at: Date, maxAttempts: number): Promise<{ pccc: string; method: 'otp' | 'passkey'; secretHash: string } | null>;
  consumeChallenge(id: string, at: Date): Promise<boolean>;
  notificationsFor(recipient: string | null, limit: number): Promise<{ id: number; channel: string; recipient: string; subject: string; body: string; createdAt: string }[]>;
}

export interface FxUploadRow {
  weekStart: string;
  currency: string;
  rate: number;
}
export interface TariffUploadRow {
  effectiveFrom: string;
  hs: string;
  basic: number;
  ko: string;
  en: string;
}

export interface ReferenceStore {
  recordFxUpload(u: { userId: number; sha256: string; rows: FxUploadRow[]; note: string }): Promise<number>;
  recordTariffUpload(u: { userId: number; sha256: string; rows: TariffUploadRow[]; note: string }): Promise<number>;
  /** The newest upload's id (0: none): a process whose reference was compiled up to an older one loads again. */
  latestUploadId(): Promise<number>;
  /** Latest uploaded value per (week, currency) and per (effective date, hs). */
  fxRows(): Promise<(FxUploadRow & { uploadId: number })[]>;
  tariffRows(): Promise<(TariffUploadRow & { uploadId: number })[]>;
  uploads(limit: number): Promise<{ id: number; kind: string; uploadedBy: number; uploadedByName: string; uploadedAt: string; rowCount: number; sha256: string }[]>;
  /** Declarations on record declared on or after `from` and before `to` (null: no end). */
  declarationsDeclaredBetween(from: string, to: string | null): Promise<number>;
}

export type AppFailure = AppError;
