// The read models the API returns, as types: the server builds them (src/app) and the portal
// reads them (web/). One definition here keeps the two from drifting apart.
import type { Bilingual } from './bilingual.ts';
import type { DeclarationStatus } from './lifecycle.ts';
import type { TaxNotice } from './tax-notice.ts';
import type { VirtualAccountStatus } from './virtual-account.ts';
import type { WithdrawalGrounds } from './risk-exchange/codes.ts';
import type { ConsentStatus, OrderSummary } from './consent.ts';
import type { PcccStatus } from './pccc-registry.ts';
import type { RefundDueAlert, RefundDueCancelRetries, RefundDueRecord } from './refund-due.ts';
import type { FieldError } from './assessment.ts';
import type { MisuseOutcome } from './not-me-hold.ts';
import type { StatisticsCell, StatisticsDisclosure } from './statistics-disclosure.ts';

export interface TimelineEntry {
  type: string;
  nameKo: string;
  nameEn: string;
  occurredAt: string;
  reason: string | null;
  detail: Record<string, unknown> | null;
  statusAfter: string;
}

/** Public lookup (cargo number, B/L): status, timeline, hold reason, next action, taxes due; no personal data. */
export interface LookupView {
  cargoNo: string;
  status: DeclarationStatus;
  statusText: Bilingual;
  route: string;
  hblNo: string | null;
  mblNo: string | null;
  blYear: string | null;
  declaredAt: string;
  goods: { description: string; itemCount: number };
  hold: Bilingual & { codes: string[]; since: string | null } | null;
  nextAction: Bilingual;
  taxes: { dueKrw: number; collected: boolean; dutyKrw: number; vatKrw: number; exciseKrw: number; educationKrw: number; liquorKrw: number } | null;
  timeline: TimelineEntry[];
}

/** One parcel of the officer work queue. */
export interface QueueRow {
  id: number;
  cargoNo: string;
  ref: string;
  status: string;
  route: string;
  holdReason: unknown;
  /** Why it is held, as the officer reads it on the row (queue-why.ts holdTextOf); null when not held. */
  hold: Bilingual | null;
  goodsValueUsd: number;
  taxesTotalKrw: number | null;
  signals: string[];
  riskScore: number;
  operatorName: string;
  description: string;
  shipFrom: string;
  /** The date the operator declared the parcel (the declaration's declaredAt, YYYY-MM-DD). */
  declaredAt: string;
  /** When the declaration last changed (a status, a hold, an amendment). */
  updatedAt: string;
  /** The active risk model's score (absent until the scoring worker has scored the parcel). */
  risk?: {
    modelVersion: string;
    score: number;
    expectedRevenueKrw: number | null;
    ruleScore: number;
    priority: number;
    /** The strongest reasons of the score, the side that carries it first: rules or the model's factors (queue-why.ts scoreReasons). */
    reasons: Bilingual[];
  };
}

export interface WebhookRecord {
  id: number;
  operatorId: number;
  url: string;
  eventTypes: string[] | null;
  active: boolean;
  createdAt: string;
}

export interface DeliveryRecord {
  outboxId: number;
  /** The declaration event delivered; null for a tax event (tax.paid, tax.payment_reversed, tax.refund_due, tax.refund_due_cancelled, tax.refunded), named by `payloadId`. */
  eventId: number | null;
  /** The delivered body's id (Tonggwan-Event-Id): `evt_<eventId>`, or a tax event's. */
  payloadId: string;
  /**
   * What happened, by the name one subscribes to: a lifecycle event type (SUBMITTED, HELD, …: the
   * body's `eventType`) or a tax event's (tax.paid, tax.payment_reversed, tax.refund_due, tax.refund_due_cancelled, tax.refunded: the body's `type`).
   */
  eventType: string;
  /** Its name in Korean and English (as the delivered body names a lifecycle event); null for a type without one. */
  nameKo: string | null;
  nameEn: string | null;
  /** The parcel it is about: its cargo number and the operator's ref (a tax event: the body's declaration); null when the body names none. */
  cargoNo: string | null;
  ref: string | null;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  /** When the next attempt is due; null once delivered or given up (dead). */
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  log: { attempt: number; requestedAt: string; durationMs: number; responseStatus: number | null; error: string | null }[];
}

/** What the payer of a virtual account (가상계좌) is given: where to deposit, how much, by when (src/app/virtual-account-view.ts). */
export interface VirtualAccountView {
  bankCode: string;
  bank: Bilingual;
  accountNumber: string;
  holderName: string;
  amountKrw: number;
  dueAt: string;
  status: VirtualAccountStatus;
  /** Issued by the payment emulator: no bank takes deposits into it; the portal offers a demo deposit. */
  demo: boolean;
  text: Bilingual;
}

/** A notice as listed: with the virtual account waiting for its deposit (null when none waits). */
export type ListedTaxNotice = TaxNotice & { virtualAccount: VirtualAccountView | null };

/** A notice on the operator's list: whose parcel it is, by the consignee's name as the operator declared it. */
export type OperatorListedTaxNotice = ListedTaxNotice & { consigneeName: string };

/** A payment by transfer (202 of the payment routes): the virtual account to deposit into; the payment is recorded when the deposit is confirmed. */
export type TransferOutcome = { notice: TaxNotice; virtualAccount: VirtualAccountView };

/**
 * A watch-list entry of a rule set drafted from a partner's notice that the partner has withdrawn
 * since (docs/risk-exchange.md, "What reacts"): rules never change by themselves, so the rules page
 * names it on each draft and version holding it (GET /api/v1/officer/risk/rules).
 */
export interface WithdrawnEntry {
  code: string;
  /** The notice: our inbox row, its sender and its id. */
  sourceId: number;
  partner: string;
  messageId: string;
  /** When the withdrawal reached us, and its grounds. */
  withdrawnAt: string;
  grounds: WithdrawalGrounds;
}

/**
 * A watch-list entry of a rule set drafted from a partner's message whose signing key was revoked
 * since: it stands (a routine rotation, a compromise that came later) or may be forged (`suspect`),
 * judged as on a declaration's hit (risk-exchange/revoked-key-source.ts), with the same warning.
 */
export interface RevokedKeyEntry {
  code: string;
  sourceId: number;
  partner: string;
  messageId: string;
  revokedAt: string;
  compromisedSince: string | null;
  suspect: boolean;
  warning: Bilingual;
}

/** GET /api/v1/admin/event-stream: the relay's position and lag; `enabled` alone without NATS_URL (docs/event-stream.md). */
export interface EventStreamStatus {
  enabled: boolean;
  stream?: string;
  subjectPrefix?: string;
  /** The relay's last contact with NATS succeeded. */
  connected?: boolean;
  lastError?: string | null;
  /** The relay's position (event_stream_cursor): events published in all, the last one, when. */
  published?: number;
  lastEventId?: number | null;
  lastPublishedAt?: string | null;
  startedAt?: string | null;
  /** Committed events not yet published, and when the oldest of them was recorded (the lag). */
  pendingEvents?: number;
  oldestPendingAt?: string | null;
}

/** A holder's passkey as listed and as registered (GET/POST /api/v1/consumer/passkeys). */
export interface PasskeyView {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** A passkey added by SMS proof while others exist approves orders only from then (SIM swap). */
  usableFrom: string;
  backedUp: boolean;
  registeredVia: string;
}

/** An order-approval request as the phone shows it (GET /api/v1/consent/{id}): the request id is the capability. */
export interface ConsentView {
  id: string;
  status: ConsentStatus;
  refusal: string | null;
  expiresAt: string;
  operator: { name: string; code: string };
  /** The order, its PCCC and postcode masked: whoever holds the link reads this. */
  order: Omit<OrderSummary, 'pccc' | 'postcode'> & { postcodeMasked: string; pcccMasked: string };
  orderHash: string;
  /** Three numbers; the consumer picks the one the shop shows. */
  choices: string[];
  returnUrl: string | null;
}

/** One declaration of the holder's usage ledger (GET /api/v1/consumer/ledger → declarations). */
export interface LedgerEntry extends LookupView {
  pccc: string;
  platform: string | null;
  seller: string | null;
  courier: string | null;
  orderNo: string | null;
  consigneeName: string;
  currency: string;
  items: { description: string; quantity: number; unit: string | null; price: number }[];
  consent: 'verified' | 'missing' | 'mismatch' | 'unknown';
  /**
   * The holder's "not me" report: open, or closed by an officer (when; `outcome`: what became of the parcel,
   * misuseOutcomeOf; null while open). The officer's closing note is not here: it is the officer's record.
   */
  reported: { caseId: number; held: boolean; reportedAt: string; status: 'open' | 'closed'; closedAt: string | null; outcome: MisuseOutcome | null } | null;
  /** "Not me" can still hold the parcel (or keep it held). */
  holdable: boolean;
}

/** A recent order-approval request under the holder's codes (GET /api/v1/consumer/ledger → approvals). */
export interface LedgerApproval {
  id: string;
  /** As at the read: a request nobody opened after its deadline is expired (consentRequestStatusAt). */
  status: ConsentStatus;
  platform: string;
  orderNo: string;
  /** Hundredths of `currency`. */
  total: number;
  currency: string;
  operator: string;
  createdAt: string;
  decidedAt: string | null;
}

/** One event of the registry's history of a holder's codes. */
export interface RegistryEvent {
  at: string;
  pccc: string;
  action: string;
  actorKind: string;
  detail: unknown;
}

/** The holder's own code (GET /api/v1/consumer/pccc), with every code they have had and the registry's events. */
export interface OwnCodeView {
  pccc: string;
  status: PcccStatus;
  statusReason: string | null;
  /** Suspended by customs ex officio ('officer': only customs lifts it) or otherwise ('holder'); null unless suspended. */
  suspendedBy: 'holder' | 'officer' | null;
  issuedOn: string;
  expiresOn: string;
  name: string;
  /** Masked. */
  phone: string;
  postcodes: string[];
  email: string | null;
  previous: { pccc: string; status: PcccStatus; replacedBy: string | null; issuedOn: string }[];
  events: RegistryEvent[];
  /** The renewal window around expiry (opensOn … closesOn), whether today is in it and past the expiry, and the expiry a renewal gives. */
  renewal: { opensOn: string; closesOn: string; open: boolean; expired: boolean; renewsUntil: string };
  rules: { reissuesPerYear: number; reissuesPerYearUncertain: boolean; maxPostcodes: number };
}

/** One rule of a draft's dry run: what it would have flagged among past declarations, and what inspections found of those. */
export interface DryRunRule {
  code: string;
  ko: string;
  en: string;
  /** Parcels the rule hits (selected or not). */
  hit: number;
  /** Of those, parcels the draft selects (rule score ≥ the threshold). */
  flagged: number;
  /** Of the flagged, inspected / found bad by their latest inspection. */
  inspected: number;
  foundBad: number;
  /** Parcels this rule of the draft hits that the published one did not (new or edited rule). */
  newlyFlagged: number;
}

/** A rule draft applied to past declarations (POST /api/v1/officer/risk/rules/drafts/{id}/dry-run). */
export interface DryRun {
  draftId: number;
  against: string | null;
  declarations: number;
  /** policy.selection.ruleScoreThreshold: a parcel is flagged when its rule score reaches it. */
  threshold: number;
  /** Parcels the draft selects; flaggedBefore: those the published set selects. */
  flagged: number;
  flaggedBefore: number;
  /** Of the flagged, inspected / found bad by their latest inspection. */
  inspected: number;
  foundBad: number;
  /** The parcels hit by the rules the draft adds, edits or removes (inspected and foundBad of those hit). */
  changed: { rules: string[]; parcels: number; flagged: number; inspected: number; foundBad: number };
  rules: DryRunRule[];
}

/**
 * A refund due as administrators list and resolve it (GET /api/v1/officer/tax-refunds-due), with the number the payer was given and its
 * declaration's cargo number (화물관리번호). `alert`: a record that is not a refund to make (refunded_then_reversed: a deposit paid back
 * twice), what the administrators read of it (refundDueAlertOf, ko/en); absent on the others.
 */
export type RefundDueView = RefundDueRecord & { refundNo: string; cargoNo: string; alert?: RefundDueAlert; cancelRetries?: RefundDueCancelRetries | null };

/** An operator's API key as listed (never the key itself, which is shown once). */
export interface ApiKeyRecord {
  id: number;
  operatorId: number;
  prefix: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One intake batch of an operator, with its rejections (GET /api/v1/submissions). */
export interface SubmissionRecord {
  id: number;
  receivedAt: string;
  received: number;
  accepted: number;
  rejected: number;
  replayed: number;
  rejections: { index: number; ref: string | null; errors: FieldError[] }[];
}

export type PartyRole = 'platform' | 'seller' | 'forwarder' | 'courier' | 'consignee';

/** What the platform has seen of one party: how many declarations, held or refused, the value, the most recent ones. */
export interface PartyStats {
  total: number;
  held: number;
  rejected: number;
  released: number;
  valueUsd: number;
  firstSeen: string | null;
  recent: { id: number; cargoNo: string; status: string; route: string; declaredAt: string; goodsValueUsd: number }[];
}

/** A party of a declaration with its history, for the officer's supply-chain view (GET /api/v1/officer/declarations/{id}/parties). */
export interface PartyHistory extends PartyStats {
  role: PartyRole;
  name: string | null;
  key: string | null;
}

export type StatisticsDimension = 'origin' | 'category' | 'route';

/** One published cell of the monthly statistics: a month and a key of the dimension. */
export type StatisticsRow = { month: string; key: string } & StatisticsCell; // month: YYYY-MM

/** The public monthly statistics (GET /api/v1/statistics/monthly): cells that would reveal a few people's purchases withheld. */
export interface StatisticsView {
  dimension: StatisticsDimension;
  from: string; // YYYY-MM
  to: string; // YYYY-MM (inclusive)
  rows: StatisticsRow[];
  totals: ({ month: string } & StatisticsCell)[]; // month: YYYY-MM
  /** The whole period. */
  period: StatisticsCell;
  labels: Record<string, Bilingual>;
  /** Declarations in the period (period.count). */
  declarations: number | null;
  disclosure: StatisticsDisclosure;
  queryMs: number;
}

/** Inspections and finds of one kind of selection. */
export interface SelectionCounts {
  inspected: number;
  found: number;
  /** found / inspected; null without inspections. */
  findRate: number | null;
}

/** The risk performance page's week (GET /api/v1/officer/risk/performance). */
export interface WeeklyPerformance {
  week: string;
  modelVersion: string | null;
  inspected: number;
  found: number;
  /** found / inspected over every inspection (the find rate of all inspections, samples included). */
  precision: number;
  revenueKrw: number;
  /** Selected from the work queue: their find rate is the selection's precision. */
  queue: SelectionCounts;
  /** Random samples: their find rate estimates what selection leaves unfound. */
  random: SelectionCounts;
}

/** What deciding again with a reference-data correction came to (GET /api/v1/admin/reference/corrections; reference_correction_scans, reference_redecisions). */
export interface CorrectionRedecisionSummary {
  dataset: string;
  version: string;
  correctedBy: string;
  scannedAt: string;
  /** Declarations on record that recorded the superseded version when it was looked for. */
  queued: number;
  pending: number;
  /** A new version (before 수리). */
  reassessed: number;
  /** A note for post-clearance review (after 수리). */
  noted: number;
  /** Decided the same, or decided again already by another correction's row. */
  unchanged: number;
  gone: number;
}

/** A reference CSV load as the administrator's answer gives it (src/app/upload-reference-data.ts). */
export interface UploadResult {
  uploadId: number;
  rows: number;
  sha256: string;
  /** The version assessments record from now on (dataVersions.exchangeRates or dataVersions.tariff of a date it covers). */
  version: string;
  /** Exchange rates: the weeks loaded; tariff: the effective dates. */
  dates: string[];
  /**
   * Exchange rates: weeks whose placeholder rates the upload replaced after declarations of the week were
   * decided with them; those keep their decision (their dataVersions name the placeholder version).
   */
  decidedWithPlaceholder?: { weekStart: string; declarations: number }[];
}
