// Ports of risk management on the platform (issue 5): the active model and rule sets, the
// scoring worker's claim of unscored declarations, party profiles, order data, inspection
// results and their weekly performance. Implemented in src/adapters/db/risk-repository.ts.
import type { PcccIdentity } from '../../domain/risk/pccc-identities.ts';
import type { SplitParcel } from '../../domain/risk/score-batch.ts';
import type { Assessment } from '../../domain/assessment.ts';
import type { Declaration } from '../../domain/declaration-schema.ts';
import type { PartyBook, RiskAssessment } from '../../domain/risk/features.ts';
import type { InspectionOutcome, InspectionSelection, OrderData, PlatformRuleHit } from '../../domain/risk/platform-risk.ts';
import type { BatchInput, BatchResult, DetectorFacts, ProfileDelta } from '../../domain/risk/score-batch.ts';
import type { SelectionCounts, WeeklyPerformance } from '../../domain/api-views.ts';
export type { SelectionCounts, WeeklyPerformance };

export interface StoredRuleSet {
  version: string;
  rules: unknown;
  publishedBy: string;
  publishedAt: string;
  note: string;
}

/**
 * A party's declarations waiting for their first scoring: how many, the party's name as the newest
 * of them declares it, the first and last of their declaration days (null: none waiting).
 */
export interface UnscoredParcels {
  count: number;
  name: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
}

/** Published: with how many open declarations were queued for rescoring in the publishing transaction. */
/** Published: the set as stored (not the newest, which a concurrent publication may be) and how many open parcels it queued. */
/** `unchanged`: the rules are those of the set in force (its version given): nothing published, nothing queued. */
export type PublishOutcome = { published: StoredRuleSet; queuedForRescoring: number } | { unchanged: string } | 'draft_published' | 'draft_changed' | 'version_exists';

/** The versions a scoring batch is computed with: refused (null) when they are no longer the current ones. */
export interface ScoringVersions {
  /** The active model's version. */
  model: string;
  /** The rule set the batch applies, recorded with each score (null: none). */
  ruleSet: string | null;
  /** The newest published rule set the worker saw (null: none); the same as `ruleSet` unless that one could not be read. */
  newestRuleSet: string | null;
}

export interface RuleDraft {
  id: number;
  basedOn: string | null;
  rules: unknown;
  note: string;
  createdBy: string;
  updatedAt: string;
  publishedAs: string | null;
}

export interface StoredScore {
  declarationId: number;
  modelVersion: string;
  ruleSetVersion: string | null;
  score: number;
  expectedRevenueKrw: number | null;
  ruleScore: number;
  priority: number;
  factors: unknown[];
  ruleHits: PlatformRuleHit[];
  features: Record<string, number | string | null>;
  scoredAt: string;
}

/** One declaration of a party, as its profile lists them (GET /api/v1/officer/parties/:role/:key/declarations). */
export interface PartyDeclaration {
  id: number;
  cargoNo: string;
  /** The declaration's date (YYYY-MM-DD). */
  declaredAt: string;
  route: 'list' | 'general' | 'hold';
  status: string;
  /** null: not scored yet. */
  score: { score: number; modelVersion: string; ruleSetVersion: string | null } | null;
  /** The latest result (null: never inspected). */
  inspection: { outcome: string; inspectedAt: string } | null;
}

/** A page of a party's declarations, and how many of all of them are not scored yet (beyond the profile's `parcels`). */
export interface PartyDeclarations {
  rows: PartyDeclaration[];
  unscored: number;
}

/** A party's profile as stored: what a scoring batch adds (ProfileDelta), and what inspections taught. */
export interface ProfileRow extends ProfileDelta {
  inspected: number;
  found: number;
  undervalued: number;
  revenueFoundKrw: number;
  outcomes: Record<string, number>;
  inspectedDecayed: number;
  foundDecayed: number;
  decayedOn: string | null;
  held: number;
  rejected: number;
}

export interface InspectionRecord {
  id: number;
  declarationId: number;
  officerId: number | null;
  inspectedAt: string;
  outcome: InspectionOutcome;
  correctedValueKrw: number | null;
  correctedHs: string | null;
  revenueKrw: number;
  note: string;
  modelVersion: string | null;
  score: number | null;
  /** Why the parcel was inspected (null: not said, results before migration 081). */
  selectedBy: InspectionSelection | null;
}


export interface StoredOrder extends OrderData {
  id: number;
  operatorId: number;
  receivedAt: string;
}

/** A stored model without its file: what the model list shows. */
export interface StoredModel {
  version: string;
  kind: string;
  active: boolean;
  training: unknown;
  /** The evaluation JSON given with the file (e.g. the output of `tonggwan risk eval`), if any. */
  metrics: unknown;
  /** Who stored or last activated it, and when. */
  activatedBy: string;
  activatedAt: string;
  bytes: number;
}

/** One claimed batch: inputs in id order, the parties' history, detector facts; `record` = first scoring. */
export interface ScoringBatch {
  inputs: BatchInput[];
  book: PartyBook;
  facts: DetectorFacts;
  /** true: declarations never scored (their parties are recorded); false: rescoring (nothing is recorded). */
  record: boolean;
}

/**
 * What intake already holds of a declaration it just committed (the worker keeps these briefly):
 * a first scoring of that same version then reads neither the document nor its assessment back.
 */
export interface KnownDeclaration {
  version: number;
  declaration: Declaration;
  assessment: RiskAssessment;
}

/** Intake hands the declarations it committed to the scoring worker (in the same process) through this. */
export interface ScoringHandoff {
  accepted(declarations: readonly ({ id: number } & KnownDeclaration)[]): void;
}

export interface RiskStore {
  /**
   * Stores a model file (once per version; `metrics` fills in missing metrics). With `activate`, it
   * becomes the active model and the open declarations are queued for rescoring, in one transaction.
   */
  saveModel(m: { version: string; kind: string; modelJson: string; training: unknown; activatedBy: string; activate: boolean; metrics?: unknown }): Promise<{ created: boolean }>;
  /** Makes a stored model the active one and queues the open declarations for rescoring (null: no such model). */
  activateModel(version: string, actor: string): Promise<{ previous: string | null; queued: number } | null>;
  listModels(): Promise<StoredModel[]>;
  /** Appends to the platform's audit log (audit_log). */
  auditLog(a: { actorKind: string; actorId: number | null; action: string; subject: string; detail: unknown }): Promise<void>;
  activeModelVersion(): Promise<string | null>;
  /** The active model's version and the newest rule set's version, in one read (the scoring worker asks before each batch). */
  activeVersions(): Promise<{ model: string | null; ruleSet: string | null }>;
  modelJson(version: string): Promise<string | null>;
  latestRuleSet(): Promise<StoredRuleSet | null>;
  /**
   * Stores a rule set (immutable) and, from a draft, marks the draft published, in one transaction.
   * The draft is locked first and must still be unpublished and hold what the caller read
   * (`draft.rules`, `draft.note`): 'draft_published' when it was published (or is gone),
   * 'draft_changed' when it was edited since. 'version_exists' when the version is taken.
   * Published, the open declarations are queued for rescoring in the same transaction (as at a
   * model's activation), and the audit entry says how many.
   */
  publishRuleSet(r: { version: string; rules: unknown; publishedBy: string; note: string; draft: { id: number; rules: unknown; note: string } | null }): Promise<PublishOutcome>;
  createDraft(d: { basedOn: string | null; rules: unknown; note: string; createdBy: string }): Promise<RuleDraft>;
  /** `note` null keeps the draft's note. */
  updateDraft(id: number, d: { rules: unknown; note: string | null; actor: string }): Promise<RuleDraft | null>;
  getDraft(id: number): Promise<RuleDraft | null>;
  listRules(): Promise<{ published: StoredRuleSet[]; drafts: RuleDraft[]; audit: { at: string; actor: string; action: string; draftId: number | null; version: string | null; detail: unknown }[] }>;
  audit(a: { actor: string; action: string; draftId: number | null; version: string | null; detail: unknown }): Promise<void>;
  /** Past declarations with their inspection outcome (latest), newest first, for dry runs. */
  pastDeclarations(limit: number): Promise<{ id: number; declaration: Declaration; assessment: Assessment; found: boolean | null }[]>;

  /**
   * In one transaction: claims up to `limit` queued declarations (risk_pending, FOR UPDATE SKIP
   * LOCKED; first scorings before rescorings, each in id order), loads their history into a book
   * and the detector facts, calls compute, writes the scores (and, for first scorings, the parties'
   * declarations, profiles, new identities and price statistics) and removes them from the queue.
   * Returns the ids taken off the queue, or null when `versions.model` is no longer the active model
   * or `versions.newestRuleSet` no longer the newest rule set (read them again).
   * `known` gives what intake handed over in memory; the rest is read from the declarations.
   */
  scoreNext(
    versions: ScoringVersions,
    limit: number,
    compute: (batch: ScoringBatch) => BatchResult,
    known?: (id: number) => KnownDeclaration | undefined,
  ): Promise<number[] | null>;

  scoreOf(declarationId: number, modelVersion: string | null): Promise<StoredScore | null>;
  profile(role: string, key: string): Promise<ProfileRow | null>;
  /** A party's declarations still waiting for their first scoring (not in its profile's counts yet). */
  unscoredOf(role: string, key: string): Promise<UnscoredParcels>;
  /**
   * A party's declarations, newest first (by id), up to `limit` below `beforeId`; null when no
   * profile has this role and key and no declaration waiting for its first scoring names it. A consignee's scored ones are found by PCCC in risk_parcels, the
   * other roles' in party_declarations (both written at a declaration's first scoring, as the
   * profile's counts); those still waiting for their first scoring are among them (score null), and
   * `unscored` counts them all. With each, the score of `activeModelVersion` (else the latest) and
   * the latest inspection result (it supersedes the earlier ones).
   */
  partyDeclarations(role: string, key: string, q: { limit: number; beforeId?: number; activeModelVersion: string | null }): Promise<PartyDeclarations | null>;
  recordInspection(r: {
    declarationId: number;
    officerId: number | null;
    outcome: InspectionOutcome;
    correctedValueKrw: number | null;
    correctedHs: string | null;
    revenueKrw: number;
    note: string;
    selectedBy: InspectionSelection | null;
    /** null: now. */
    inspectedAt: Date | null;
    parties: { role: string; key: string; name: string | null }[];
    today: string;
    halfLifeDays: number;
  }): Promise<InspectionRecord>;
  inspectionsOf(declarationId: number): Promise<InspectionRecord[]>;
  /** The names, phones and postcodes declared with a PCCC (pccc_identities), for the officer's view of a PCCC-misuse hit. */
  identitiesOf(pccc: string): Promise<PcccIdentity[]>;
  /** A consignee's scored parcels declared between two days (risk_parcels), with their cargo numbers, for the officer's view of a split-shipment hit. */
  parcelsOfConsignee(pccc: string, from: string, to: string): Promise<(SplitParcel & { cargoNo: string })[]>;
  performance(weeks: number): Promise<WeeklyPerformance[]>;

  /** Stores an order (idempotent by operator + order no.); a new one queues the declarations carrying it (order no. + PCCC) for rescoring. */
  /** `bodyHash` is stored with a new order; an order on record is the same when its stored hash is `bodyHash` or one of `sameIfStored` (earlier hashings of the same body). */
  saveOrder(operatorId: number, o: OrderData, bodyHash: string, sameIfStored?: readonly string[]): Promise<{ order: StoredOrder; replayed: boolean; conflict: boolean }>;
  ordersFor(orderNo: string, pccc: string): Promise<StoredOrder[]>;
  ordersWithoutDeclaration(olderThan: string, limit: number): Promise<StoredOrder[]>;
  /** Rows for retraining: features as scored, joined to the latest inspection outcome. */
  exportTraining(modelVersion: string | null): Promise<{ features: Record<string, unknown>; illicit: boolean; revenueKrw: number }[]>;
}
