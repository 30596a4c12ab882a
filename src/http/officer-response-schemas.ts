// Response schemas of the officer, administrator and operator-console routes (workbench, access,
// reference uploads, risk management, the operator's scorecard), published in /api/openapi.json
// (documentation only: the routes serialise with JSON.stringify). Closed objects: a field the
// document does not name fails test/integration/openapi-contract.test.ts.
import { Type, type TSchema } from '@sinclair/typebox';
import { WITHDRAWAL_GROUNDS } from '../domain/risk-exchange/codes.ts';
import { INSPECTION_OUTCOMES, INSPECTION_SELECTIONS, PARTY_ROLES } from '../domain/risk/platform-risk.ts';
import { Closed, DateTime, Nullable, OrderResponse, Won } from './response-schemas.ts';
import { TaxNotice } from './public-response-schemas.ts';

const Day = Type.String({ format: 'date' });
const Share = (description: string) => Type.Number({ minimum: 0, maximum: 1, description });
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Bilingual = Closed({ ko: Type.String(), en: Type.String() });
/** A reason with its source (a law article, `risk-rules:<version>`, `order:<no>` …). */
const Reason = Closed({ code: Type.String(), ko: Type.String(), en: Type.String(), ref: Type.String() });
const RuleFields = { code: Type.String(), ko: Type.String(), en: Type.String(), ref: Type.String(), weight: Type.Number({ description: 'the rule’s weight, 0…1' }) };
const RuleHit = Closed(RuleFields);
/** The partner message a rule drafted from the risk exchange rests on, and its withdrawal (src/domain/risk-exchange/withdrawn-source.ts). */
const SourceMessage = Closed({
  id: Type.Integer({ description: 'our inbox id' }),
  partner: Type.String(),
  messageId: Type.String({ description: 'the sender’s id of the message' }),
  kind: Literals(['seizure_report', 'risky_party_notice']),
  withdrawal: Nullable(
    Closed({
      id: Type.Integer(),
      messageId: Type.String(),
      issuedAt: Type.String(),
      receivedAt: DateTime,
      reason: Closed({ grounds: Literals(WITHDRAWAL_GROUNDS), text: Closed({ ko: Type.Optional(Type.String()), en: Type.Optional(Type.String()) }) }),
      warning: Bilingual,
    }),
  ),
  receivedAt: DateTime,
  signedWith: Closed(
    {
      keyId: Type.String({ description: 'the partner key that verified it' }),
      revocation: Nullable(
        Closed(
          {
            revokedAt: DateTime,
            reason: Type.String(),
            compromisedSince: Nullable(Type.String({ format: 'date-time', description: 'the revocation says the key was compromised from then; null: not said' })),
            suspect: Type.Boolean({ description: 'true: compromised at or before we received the message, which may be forged; false: received while the key was valid, it stands' }),
            warning: Bilingual,
          },
          { description: 'null while the key is active' },
        ),
      ),
    },
    { description: 'src/domain/risk-exchange/revoked-key-source.ts' },
  ),
});
/** A score's rule hit: one drafted from a partner's message names it (and its withdrawal, if any). */
const ScoreRuleHit = Closed({
  ...RuleFields,
  sourceMessage: Type.Optional(SourceMessage),
  detail: Type.Optional(
    Closed(
      { ko: Type.String(), en: Type.String() },
      { description: 'what the hit counted, as it stands when read: the names, phones or postcodes declared with the PCCC (PCCC_MANY_*); the cargo numbers of the parcels a split is with (SPLIT_ACROSS_CHANNELS)' },
    ),
  ),
});
const Route = Literals(['list', 'general', 'hold']);
const HoldReason = Type.Unknown({ description: 'null unless held: the officer’s reason ({source: "officer", reason, reasonEn?, at}), a consignee’s "not me" report ({source: "consumer-report", …}) or the engine’s' });
const Counts = Type.Record(Type.String(), Type.Integer(), { description: 'declarations by status, all operators' });
const OperatorRole = Literals(['marketplace', 'seller', 'forwarder', 'courier', 'broker']);

// ---- system ----
export const Health = Closed({ ok: Type.Literal(true), reference: Closed({ fx: Type.String({ description: 'the version of the customs exchange rates in force' }) }) });

// ---- officer decisions (officer.ts) ----
export const OfficerQueue = Closed({
  counts: Counts,
  declarations: Type.Array(
    Closed({
      id: Type.Integer(),
      cargoNo: Type.String(),
      ref: Type.String(),
      status: Type.String(),
      route: Route,
      holdReason: HoldReason,
      goodsValueUsd: Nullable(Type.Number()),
      signals: Type.Array(Type.String()),
      updatedAt: DateTime,
    }),
    { description: 'oldest first' },
  ),
});
export const OfficerDecision = Closed({ id: Type.Integer(), cargoNo: Type.String(), status: Type.String({ description: 'the status after the decision' }), holdReason: HoldReason });

// ---- access (access.ts) ----
export const Me = Type.Union([
  Closed({ kind: Type.Literal('operator'), operatorId: Type.Integer(), operatorCode: Type.String(), operatorName: Type.String({ description: 'the operator’s name, as registered' }), role: OperatorRole, apiKeyId: Type.Integer({ description: 'the key this request came with' }) }),
  Closed({ kind: Type.Literal('officer'), userId: Type.Integer(), username: Type.String(), role: Literals(['officer', 'admin']) }),
  Closed({ kind: Type.Literal('consumer'), pccc: Type.String() }),
]);
const apiKeyFields = {
  id: Type.Integer(),
  operatorId: Type.Integer(),
  prefix: Type.String({ description: 'the first characters of the key, to tell keys apart' }),
  label: Type.String(),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
};
export const ApiKeyList = Closed({ apiKeys: Type.Array(Closed(apiKeyFields)) });
export const ApiKeyCreated = Closed({ ...apiKeyFields, key: Type.String({ description: 'the key (tgk_…), shown only here' }) });
const Operator = Closed({ id: Type.Integer(), code: Type.String(), name: Type.String(), role: OperatorRole });
export const OperatorList = Closed({ operators: Type.Array(Operator) });
export const OperatorCreated = Closed({ operator: Operator, apiKey: Type.String({ description: 'its first API key (tgk_…), shown only here' }) });
export const OperatorKeyList = Closed({ operator: Operator, apiKeys: Type.Array(Closed(apiKeyFields), { description: 'oldest first, revoked ones too; the prefix only, never the key' }) });
export const AuditLog = Closed({
  entries: Type.Array(
    Closed({
      id: Type.Integer(),
      at: DateTime,
      actorKind: Type.String({ description: 'officer, operator, consumer, system, or anonymous (a failed sign-in)' }),
      actorKindText: Bilingual,
      actorId: Nullable(Type.Integer()),
      actorName: Nullable(Type.String({ description: "an officer's username or an operator's code" })),
      action: Type.String({ description: 'the stable action code, e.g. api-key.revoke' }),
      actionText: Bilingual,
      subject: Type.String({ description: 'what it was done to, e.g. operator:12, upload:3' }),
      subjectName: Nullable(Type.String({ description: "who the subject is, for an operator ('ALIEXPRESS, AliExpress Korea') or a staff member ('admin1, Kim Admin'); null for other subjects" })),
      detail: Type.Unknown(),
    }),
    { description: 'newest first' },
  ),
  nextBefore: Nullable(Type.Integer({ description: 'pass as `before` for the next (older) page; null: no more' })),
});

// ---- reference uploads (reference-admin.ts) ----
export const UploadStored = Closed({
  uploadId: Type.Integer(),
  rows: Type.Integer({ description: 'rows stored; later assessments use them' }),
  sha256: Type.String({ description: 'of the CSV as uploaded (also in the audit log)' }),
  version: Type.String({ description: 'the version later assessments record in dataVersions (exchangeRates or tariff)' }),
  dates: Type.Array(Type.String(), { description: 'the weeks (exchange rates) or effective dates (tariff) loaded' }),
  decidedWithPlaceholder: Type.Optional(
    Type.Array(Closed({ weekStart: Type.String(), declarations: Type.Integer() }), {
      description: 'exchange rates: weeks whose placeholder rates were replaced after declarations of the week were decided with them; those keep their decision (their dataVersions name the placeholder version)',
    }),
  ),
});
const VersionRow = Closed({ version: Type.String(), effectiveFrom: Type.String(), corrects: Nullable(Type.String()), source: Type.String(), records: Nullable(Type.Integer()), inForce: Type.Boolean() });
export const ReferenceVersions = Closed({
  date: Type.String(),
  dataVersions: Nullable(Type.Record(Type.String(), Type.String(), { description: 'what an assessment declared on the date records' })),
  exchangeRates: Closed({
    version: Type.String(),
    weekStart: Type.String(),
    week: Nullable(
      Closed({
        rates: Type.Record(Type.String(), Type.Number()),
        units: Type.Record(Type.String(), Type.Number()),
        placeholder: Type.Boolean(),
        placeholderCurrencies: Type.Array(Type.String(), {
          description: 'the currencies whose rate this week is still an approximation (all of them in a placeholder week; those a load did not give in a week loaded in part), as the engine decides FX_PLACEHOLDER; empty: none',
        }),
        source: Type.String(),
      }),
    ),
    weeks: Type.Integer(),
    firstWeek: Nullable(Type.String()),
    lastWeek: Nullable(Type.String()),
  }),
  datasets: Type.Array(Closed({ dataset: Type.String(), inForce: Nullable(Type.String()), versions: Type.Array(VersionRow) })),
});
export const CorrectionRedecisions = Closed({
  corrections: Type.Array(
    Closed({
      dataset: Type.String(),
      version: Type.String({ description: 'the superseded version the declarations recorded' }),
      correctedBy: Type.String({ description: 'the correction in force for its dates' }),
      scannedAt: DateTime,
      queued: Type.Integer({ description: 'declarations on record that recorded the superseded version (withdrawn and refused ones aside)' }),
      pending: Type.Integer({ description: 'still to decide' }),
      reassessed: Type.Integer({ description: 'a new version (before 수리): the decision or its explanation changed (REFERENCE_REASSESSED)' }),
      noted: Type.Integer({ description: 'after 수리: route or money would differ, noted for review (REFERENCE_CORRECTED_AFTER_CLEARANCE)' }),
      unchanged: Type.Integer({ description: 'decided the same (no version), or decided again already for another correction' }),
      gone: Type.Integer(),
    }),
    { description: 'each correction that found declarations on record, latest first' },
  ),
});
export const UploadList = Closed({
  uploads: Type.Array(
    Closed({
      id: Type.Integer(),
      kind: Literals(['exchange-rates', 'tariff']),
      uploadedBy: Type.Integer({ description: 'the administrator’s user id' }),
      uploadedByName: Type.String({ description: 'the administrator’s username' }),
      uploadedAt: DateTime,
      rowCount: Type.Integer(),
      sha256: Type.String({ description: 'of the CSV as uploaded' }),
    }),
    { description: 'newest first, up to 100' },
  ),
});

// ---- workbench (workbench.ts) ----
export const WorkQueue = Closed({
  counts: Counts,
  total: Type.Integer({ description: 'declarations in the queue (the filtered status, else every open one)' }),
  offset: Type.Integer(),
  limit: Type.Integer(),
  weights: Closed({ held: Type.Number(), signals: Type.Record(Type.String(), Type.Number()) }, { description: 'the rule-based weights of the ordering without a model' }),
  modelVersion: Nullable(Type.String({ description: 'the active risk model, null: none' })),
  declarations: Type.Array(
    Closed({
      id: Type.Integer(),
      cargoNo: Type.String(),
      ref: Type.String(),
      status: Type.String(),
      route: Route,
      holdReason: HoldReason,
      hold: Type.Union([Bilingual, Type.Null()], { description: 'why it is held, as the officer reads it; null when not held' }),
      goodsValueUsd: Type.Number(),
      taxesTotalKrw: Nullable(Won),
      signals: Type.Array(Type.String()),
      riskScore: Type.Number({ description: 'the ranking’s points (risk points with a model: 100 if held + 99 × priority / (priority + the safety value per find))' }),
      operatorName: Type.String(),
      description: Type.String({ description: 'the first item’s description' }),
      shipFrom: Type.String(),
      declaredAt: Type.String({ description: 'the date the operator declared the parcel (the declaration’s declaredAt, YYYY-MM-DD)' }),
      updatedAt: DateTime,
      risk: Type.Optional(
        Closed(
          {
            modelVersion: Type.String(),
            score: Type.Number({ description: 'P(illicit)' }),
            expectedRevenueKrw: Nullable(Type.Number()),
            ruleScore: Type.Number(),
            priority: Type.Number({ description: 'the expected value of an inspection, KRW' }),
            reasons: Type.Array(Bilingual, { description: 'the strongest reasons (3 at most): rule and detector hits by weight and the model factors that raised the score, the rules first when the rule score is at least the model’s P(illicit), else the factors' }),
          },
          { description: 'absent until the scoring worker has scored the parcel with the active model' },
        ),
      ),
    }),
  ),
});
const PartyRecent = Closed({ id: Type.Integer(), cargoNo: Type.String(), status: Type.String(), route: Type.String(), declaredAt: Type.String(), goodsValueUsd: Type.Number() });
export const DeclarationParties = Closed({
  parties: Type.Array(
    Closed({
      role: Literals(['platform', 'seller', 'forwarder', 'courier', 'consignee']),
      name: Nullable(Type.String()),
      key: Nullable(Type.String({ description: 'what the party is matched by (seller key, operator code, PCCC …); null: not named' })),
      total: Type.Integer({ description: 'declarations of this party, this one included' }),
      held: Type.Integer(),
      rejected: Type.Integer(),
      released: Type.Integer(),
      valueUsd: Type.Number(),
      firstSeen: Nullable(Type.String({ format: 'date', description: 'the declaration date of its first declaration (YYYY-MM-DD)' })),
      recent: Type.Array(PartyRecent, { description: 'the 5 most recent' }),
    }),
    { description: 'platform, seller, forwarder, courier, consignee, in that order' },
  ),
});
/** GET /api/v1/officer/declarations?cargoNo= (none or one) or ?hblNo=|mblNo=&blYear= (those of the B/L): in any status. */
export const OfficerFound = Closed({
  declarations: Type.Array(Closed({ id: Type.Integer(), cargoNo: Type.String(), ref: Type.String(), status: Type.String(), route: Route })),
  truncated: Type.Boolean({ description: 'a B/L with more declarations than listed (a consolidated master B/L): search by house B/L or cargo number' }),
});

export const SubmissionList = Closed({
  submissions: Type.Array(
    Closed({
      id: Type.Integer(),
      receivedAt: DateTime,
      received: Type.Integer(),
      accepted: Type.Integer(),
      rejected: Type.Integer(),
      replayed: Type.Integer(),
      rejections: Type.Array(Closed({ index: Type.Integer({ description: 'position in the request' }), ref: Nullable(Type.String()), errors: Type.Array(Type.Ref('FieldError')) })),
    }),
    { description: 'newest first' },
  ),
  next: Nullable(Type.Integer({ description: 'the `after` of the next (older) page; null on the last' })),
});

// ---- consumer identity, the officers' and operators' views (identity.ts) ----
const MisuseCase = Closed({
      id: Type.Integer(),
      holderId: Type.String(),
      pccc: Type.String(),
      declarationId: Type.Integer(),
      cargoNo: Type.String(),
      operatorId: Type.Integer(),
      operatorName: Type.String(),
      held: Type.Boolean({ description: 'the declaration was put on hold by the report' }),
      consent: Type.String({ description: 'the consent state of the declaration when reported' }),
      note: Type.String(),
      status: Literals(['open', 'closed']),
      reportedAt: DateTime,
      closed: Nullable(
        Closed({
          at: Nullable(DateTime),
          by: Nullable(
            Closed({
              userId: Type.Integer(),
              username: Type.String({ description: 'the officer’s sign-in name' }),
              name: Type.String({ description: 'the officer’s display name' }),
            }),
          ),
          note: Nullable(Type.String({ description: 'what the check found, as the officer wrote it' })),
        }, { description: 'who closed the case, when, and why; null while open (its fields null only for a case closed before they were kept and missing from the audit log)' }),
      ),
    });
/** A misuse case closed by an officer (POST …/misuse-case/close). */
export const MisuseCaseClosed = Closed({ case: MisuseCase });
export const MisuseCases = Closed({
  cases: Type.Array(MisuseCase,
    { description: 'newest first (by when reported), one page of `limit`' },
  ),
  next: Nullable(Type.Integer({ description: 'pass as `after` for the older reports; null: none older' })),
});
export const ConsentShares = Closed({
  operators: Type.Array(
    Closed({
      operatorId: Type.Integer(),
      operatorCode: Type.String(),
      operatorName: Type.String(),
      declarations: Type.Integer(),
      verified: Type.Integer({ description: 'with a verified consumer consent (VERIFIED_CONSUMER)' }),
      missing: Type.Integer({ description: 'CONSENT_MISSING' }),
      mismatch: Type.Integer({ description: 'CONSENT_MISMATCH' }),
      missingShare: Nullable(Share('missing ÷ declarations checked; null: none checked')),
      mismatchShare: Nullable(Share('mismatch ÷ declarations checked; null: none checked')),
    }),
  ),
});

// ---- risk models (risk-models.ts) ----
export const StoredModel = Closed({
  version: Type.String(),
  kind: Type.String(),
  active: Type.Boolean(),
  training: Type.Unknown({ description: 'what the model file says of its training' }),
  metrics: Type.Unknown({ description: 'validation of the learner, columns read, revenue booster, evaluation given at upload' }),
  activatedBy: Type.String({ description: 'who stored or last activated it' }),
  activatedAt: DateTime,
  bytes: Type.Integer(),
});
export const ModelList = Closed({ activeModelVersion: Nullable(Type.String()), models: Type.Array(StoredModel, { description: 'the active one first' }) });
export const ModelUploaded = Closed({ model: StoredModel, created: Type.Boolean({ description: 'false: this version was stored already' }), activated: Type.Boolean() });
export const ModelActivated = Closed({
  version: Type.String(),
  previous: Nullable(Type.String({ description: 'the model active before' })),
  queuedForRescoring: Type.Integer({ description: 'open declarations queued to be scored with it' }),
});

// ---- risk management (risk.ts) ----
/**
 * A party's profile as an officer reads it (src/app/get-party-profile.ts): counts, and the rates and
 * decisions derived from them. The running sums the profile tables keep (order-data and quality
 * sums, decayed inspection counts and the day they were decayed to) are internal and not returned:
 * orderDataShare, dataQuality and compliance say what they mean.
 */
export const PartyProfile = Closed(
  {
    role: Literals(PARTY_ROLES),
    key: Type.String({ description: 'the profile key (code, else name, upper case; a consignee’s PCCC)' }),
    name: Nullable(Type.String({ description: 'the name last declared' })),
    parcels: Type.Integer({ description: 'declarations naming this party' }),
    valueUsd: Type.Number({ description: 'their declared goods value, USD' }),
    firstSeen: Day,
    lastSeen: Day,
    inspected: Type.Integer(),
    found: Type.Integer({ description: 'inspections with an outcome other than clean' }),
    undervalued: Type.Integer({ description: 'inspections that found undervaluation' }),
    revenueFoundKrw: Type.Number({ description: 'revenue recovered by those inspections, KRW' }),
    outcomes: Type.Record(Type.String(), Type.Integer(), { description: 'inspections by outcome' }),
    held: Type.Integer({ description: 'parcels put on hold' }),
    rejected: Type.Integer({ description: 'parcels refused clearance' }),
    holdRate: Share('held / parcels'),
    rejectionRate: Share('rejected / parcels'),
    findRate: Nullable(Share('found / inspected; null: no inspection')),
    dataQuality: Share('mean per-parcel data quality'),
    orderDataShare: Share('share of parcels whose operator sent order data'),
    compliance: Share('share of recent inspections clean, decayed with time, smoothed towards 0.9'),
    fastLane: Type.Boolean({ description: 'every criterion met (never for a consignee)' }),
    reasons: Type.Array(Closed({ code: Type.String(), ko: Type.String(), en: Type.String(), ref: Type.String(), met: Type.Boolean() }), { description: 'the FL_* criteria of the fast lane' }),
    unscored: Type.Integer({ description: 'declarations naming this party still waiting for their first scoring: `parcels` and the rates do not count them yet' }),
    unscoredNote: Nullable(Closed({ ko: Type.String(), en: Type.String() }, { description: 'says so when `unscored` > 0 (a party all of whose parcels wait has every count 0, seen on their declaration days); null: none waiting' })),
  },
  { description: 'the running sums behind the rates (order-data and quality sums, decayed inspection counts) stay internal; a party named only by parcels not scored yet has a profile too (404 only for a key no parcel names)' },
);
/** GET /api/v1/officer/parties/:role/:key/declarations: the parcels behind a profile's counts. */
export const PartyDeclarations = Closed({
  declarations: Type.Array(
    Closed({
      id: Type.Integer({ description: 'the officer’s view of the parcel: /officer/declarations/{id}' }),
      cargoNo: Type.String(),
      declaredAt: Day,
      route: Route,
      status: Type.String({ description: 'the status now' }),
      score: Nullable(
        Closed(
          {
            score: Type.Number({ description: 'the model’s P(illicit), 0–1' }),
            modelVersion: Type.String(),
            ruleSetVersion: Nullable(Type.String()),
          },
          { description: 'the score of the active model, else the latest one; null: not scored yet' },
        ),
      ),
      inspection: Nullable(Closed({ outcome: Literals(INSPECTION_OUTCOMES), inspectedAt: DateTime }, { description: 'the latest inspection result (it supersedes the earlier ones); null: never inspected' })),
    }),
    { description: 'newest first (by id: the order the platform received them): those the profile counts (recorded with the party at their first scoring) and those still waiting for their first scoring (score null)' },
  ),
  next: Nullable(Type.Integer({ description: 'pass as `after` for the next (older) page; null: the last page' })),
  unscored: Type.Integer({ description: 'how many of the party’s declarations are not scored yet (all pages): the profile’s `parcels` does not count them yet' }),
});
export const Inspection = Closed({
  id: Type.Integer(),
  declarationId: Type.Integer(),
  officerId: Nullable(Type.Integer()),
  inspectedAt: DateTime,
  outcome: Literals(INSPECTION_OUTCOMES),
  correctedValueKrw: Nullable(Type.Number()),
  correctedHs: Nullable(Type.String()),
  revenueKrw: Type.Number(),
  note: Type.String(),
  modelVersion: Nullable(Type.String({ description: 'the model the parcel was selected with' })),
  score: Nullable(Type.Number()),
  selectedBy: Nullable(Literals(INSPECTION_SELECTIONS)),
});
/** An order as POST /api/v1/orders answers it. */
const orderFields = OrderResponse.properties.order.properties;
export const DeclarationRisk = Closed({
  activeModelVersion: Nullable(Type.String()),
  score: Nullable(
    Closed(
      {
        declarationId: Type.Integer(),
        modelVersion: Type.String(),
        ruleSetVersion: Nullable(Type.String()),
        score: Type.Number({ description: 'P(illicit)' }),
        expectedRevenueKrw: Nullable(Type.Number({ description: 'P(illicit) × the revenue an inspection recovers if it finds something (the revenue model’s estimate, at most revenueCeilingKrw), KRW' })),
        revenueIfFoundKrw: Nullable(
          Type.Number({ description: 'the revenue an inspection is expected to recover if it finds something, KRW: expectedRevenueKrw ÷ score, rounded, never above revenueCeilingKrw; null: no expected revenue, or a score of 0' }),
        ),
        revenueCeilingKrw: Nullable(
          Type.Number({ description: 'the most an inspection of this parcel can recover: duty + VAT on its declared taxable value ÷ 0.15 (undervaluation; policy.revenueCeiling) or, when not exempt, at the tariff’s highest basic rate (misclassification), less the taxes already collected, 0 when that total is under the minimum collection (관세법 제40조: KRW 10,000); rates and minimum of the reference data in force on the declaration’s date; null: no bound' }),
        ),
        ruleScore: Type.Number(),
        priority: Type.Number({ description: 'the expected value of an inspection, KRW: expectedRevenueKrw + safetyValuePerFindKrw × P(find by the model or the rules)' }),
        safetyValuePerFindKrw: Type.Number({ description: 'the policy’s KRW value of one find (seizures recover no revenue)' }),
        factors: Type.Array(
          Closed({
            feature: Type.String({ description: 'source column, or "a × b" for an interaction' }),
            ko: Type.String(),
            en: Type.String(),
            value: Type.String(),
            contribution: Type.Number({ description: 'change in log-odds (rules: the rule’s weight)' }),
            direction: Literals(['raises', 'lowers']),
          }),
        ),
        ruleHits: Type.Array(ScoreRuleHit),
        scoredAt: DateTime,
      },
      { description: 'by the active model (else the latest); null: not scored yet' },
    ),
  ),
  orders: Type.Array(Closed({ ...orderFields, findings: Type.Array(RuleHit, { description: 'the order reconciled with the declaration (undervaluation, substituted items)' }) })),
  orderMissing: Type.Boolean({ description: 'no operator sent the order this declaration names' }),
  inspections: Type.Array(Inspection),
  parties: Type.Array(Closed({ role: Type.String(), key: Type.String(), name: Nullable(Type.String()) }), { description: 'profile keys: GET /api/v1/officer/parties/{role}/{key}' }),
});
const SelectionCounts = (description: string) =>
  Closed({ inspected: Type.Integer(), found: Type.Integer(), findRate: Nullable(Share('found / inspected; null without inspections')) }, { description: `${description} (results recorded without selectedBy count in neither)` });
export const RiskPerformance = Closed({
  activeModelVersion: Nullable(Type.String()),
  weeks: Type.Array(
    Closed({
      week: Day,
      modelVersion: Nullable(Type.String({ description: 'the model that scored the parcel when it was inspected' })),
      inspected: Type.Integer(),
      found: Type.Integer(),
      precision: Share('found / inspected over every inspection of the week: parcels selected from the queue and samples alike, so not the selection’s precision (queue.findRate)'),
      revenueKrw: Type.Number(),
      queue: SelectionCounts('inspections of parcels selected from the work queue (selectedBy queue): their find rate is the selection’s precision'),
      random: SelectionCounts('inspections of a random sample (selectedBy random): their find rate estimates what selection leaves unfound'),
    }),
    { description: 'newest week first (weeks start on Monday)' },
  ),
  totals: Closed({
    inspected: Type.Integer(),
    found: Type.Integer(),
    precision: Share('found / inspected over every inspection, samples included (0 without inspections)'),
    revenueKrw: Type.Number(),
    queue: SelectionCounts('the work queue’s inspections'),
    random: SelectionCounts('the random sample’s inspections'),
  }),
});
export const RuleSet = Closed({ version: Type.String(), rules: Type.Unknown({ description: 'the rule set (docs/risk-rules.md)' }), publishedBy: Type.String(), publishedAt: DateTime, note: Type.String() });
export const RulesPublished = Closed({
  ...RuleSet.properties,
  queuedForRescoring: Type.Integer({ description: 'open declarations (not cleared, released, rejected or withdrawn) queued in the publishing transaction to be scored again with these rules' }),
});
export const RuleDraft = Closed({
  id: Type.Integer(),
  basedOn: Nullable(Type.String({ description: 'the published version it started from' })),
  rules: Type.Unknown(),
  note: Type.String(),
  createdBy: Type.String(),
  updatedAt: DateTime,
  publishedAs: Nullable(Type.String()),
});
/** A watch-list entry resting on a partner's notice withdrawn since (src/app/manage-risk-rules.ts). */
const WithdrawnEntries = Type.Array(
  Closed({
    code: Type.String({ description: 'the watch-list entry (RX_…)' }),
    sourceId: Type.Integer({ description: 'the notice’s inbox id (GET /api/v1/officer/risk-exchange/messages)' }),
    partner: Type.String(),
    messageId: Type.String({ description: 'the sender’s id of the notice' }),
    withdrawnAt: DateTime,
    grounds: Literals(WITHDRAWAL_GROUNDS),
  }),
  { description: 'its watch-list entries drafted from notices the partner has withdrawn since: the rules do not change by themselves' },
);
/** A watch-list entry resting on a partner's message whose signing key was revoked since (src/app/manage-risk-rules.ts). */
const RevokedKeyEntries = Type.Array(
  Closed({
    code: Type.String({ description: 'the watch-list entry (RX_…)' }),
    sourceId: Type.Integer({ description: 'the message’s inbox id' }),
    partner: Type.String(),
    messageId: Type.String(),
    revokedAt: DateTime,
    compromisedSince: Nullable(Type.String({ format: 'date-time', description: 'the key is held compromised from then; null: not said' })),
    suspect: Type.Boolean({ description: 'true: the key was compromised at or before we received the message, which may be forged; false: it stands' }),
    warning: Bilingual,
  }),
  { description: 'its watch-list entries drafted from messages whose signing key was revoked since, each standing or suspect (src/domain/risk-exchange/revoked-key-source.ts)' },
);
export const RiskRules = Closed({
  published: Type.Array(Closed({ ...RuleSet.properties, withdrawnEntries: WithdrawnEntries, revokedKeyEntries: RevokedKeyEntries }), { description: 'newest first, up to 50' }),
  drafts: Type.Array(Closed({ ...RuleDraft.properties, withdrawnEntries: WithdrawnEntries, revokedKeyEntries: RevokedKeyEntries }), { description: 'newest first, up to 50' }),
  audit: Type.Array(
    Closed({ at: DateTime, actor: Type.String(), action: Type.String(), draftId: Nullable(Type.Integer()), version: Nullable(Type.String()), detail: Type.Unknown({ description: "what the step recorded; a publication: its note and queuedForRescoring, the open declarations it queued to be scored again (publications before this was recorded: the note only)" }) }),
    { description: 'newest first, up to 100' },
  ),
});
const dryRunCounts = {
  flagged: Type.Integer({ description: 'parcels selected: rule score (1 − Π(1 − weight)) ≥ threshold' }),
  inspected: Type.Integer({ description: 'of those flagged, inspected' }),
  foundBad: Type.Integer({ description: 'of those flagged, found bad by the latest inspection' }),
};
export const DryRun = Closed({
  draftId: Type.Integer(),
  against: Nullable(Type.String({ description: 'the published version compared with' })),
  declarations: Type.Integer({ description: 'past declarations the draft was applied to' }),
  threshold: Type.Number({ description: 'the policy selection threshold on the rule score (data/risk-rules.json policy.selection.ruleScoreThreshold)' }),
  ...dryRunCounts,
  flaggedBefore: Type.Integer({ description: 'parcels the published set selects' }),
  changed: Closed({
    rules: Type.Array(Type.String(), { description: 'codes the draft adds, edits or removes' }),
    parcels: Type.Integer({ description: 'parcels those rules hit' }),
    flagged: Type.Integer({ description: 'of those, selected by the draft' }),
    inspected: Type.Integer({ description: 'of those hit, inspected' }),
    foundBad: Type.Integer({ description: 'of those hit, found bad by the latest inspection' }),
  }),
  rules: Type.Array(
    Closed({ code: Type.String(), ko: Type.String(), en: Type.String(), hit: Type.Integer({ description: 'parcels the rule hits, selected or not' }), ...dryRunCounts, newlyFlagged: Type.Integer({ description: 'parcels the rule hits that the published set\'s rule did not (new or edited rule)' }) }),
  ),
});
export const OrdersWithoutDeclaration = Closed({ orders: Type.Array(OrderResponse.properties.order, { description: 'newest first' }) });

// ---- the operator's scorecard (operator-scorecard.ts) ----
const Rate = (description: string) => Nullable(Type.Number({ minimum: 0, description }));
export const Scorecard = Closed({
  operator: Closed({ code: Type.String(), role: OperatorRole }),
  window: Closed({ days: Type.Integer(), from: Day, to: Type.String({ format: 'date', description: 'today (Korean calendar)' }), basis: Reason }),
  volumes: Closed({
    declarations: Type.Integer({ description: 'declarations this operator submitted with a declaration date in the window' }),
    held: Type.Integer({ description: 'on hold now, or ever put on hold' }),
    holdRate: Share('held / declarations'),
    officerRejected: Type.Integer({ description: 'refused clearance by an officer (통관불허)' }),
    officerRejectionRate: Share('officerRejected / declarations'),
  }),
  intake: Closed({
    received: Type.Integer({ description: 'declarations received at intake in the window (replays of stored ones aside)' }),
    rejected: Type.Integer({ description: 'refused at intake (field errors; see GET /api/v1/submissions)' }),
    rejectionRate: Rate('rejected / received; null: nothing received'),
  }),
  inspections: Closed({
    inspected: Type.Integer(),
    found: Type.Integer({ description: 'inspections with an outcome other than clean' }),
    findRate: Rate('found / inspected; null: no inspection'),
    outcomes: Closed(Object.fromEntries(INSPECTION_OUTCOMES.map((o) => [o, Type.Integer()])) as Record<string, TSchema>),
    undervalued: Type.Integer(),
    revenueFoundKrw: Type.Integer(),
  }),
  dataQuality: Closed({
    score: Share('mean per-declaration quality: ¼ each for an informative description, every item with a 6+ digit HS code, order number and amount paid, a consent token'),
    orderDataShare: Share('share with order.orderNo and order.amountPaid'),
    descriptionShare: Share('share whose descriptions are informative'),
    hsCode6Share: Share('share whose every item has a 6+ digit HS code'),
    consentShare: Share('share with a consumer consent token'),
  }),
  compliance: Share('share of inspections clean, decayed with time, smoothed towards 0.9 (as in the party profiles)'),
  complianceBasis: Closed(
    { code: Type.Literal('SCORECARD_COMPLIANCE'), ko: Type.String(), en: Type.String(), ref: Type.String() },
    { description: 'how compliance was worked out from these inspections, in words with its numbers: (weighted clean + 0.9 × 5) ÷ (weighted inspections + 5), each inspection weighted by its age; the raw share clean; why smoothed' },
  ),
  fastLane: Closed({
    eligible: Type.Boolean(),
    criteria: Type.Array(Closed({ code: Type.String(), met: Type.Boolean(), ko: Type.String(), en: Type.String(), ref: Type.String() }), { description: 'FL_* criteria of policy.fastLane, each met or not' }),
  }),
  nextSteps: Type.Array(Reason, { description: 'what to do about each criterion not met' }),
  weeks: Type.Array(
    Closed({
      week: Type.String({ format: 'date', description: 'Monday' }),
      declarations: Type.Integer(),
      dataQuality: Rate('null: no declaration that week'),
      orderDataShare: Rate('null: no declaration that week'),
      held: Type.Integer(),
      officerRejected: Type.Integer(),
      intakeReceived: Type.Integer(),
      intakeRejected: Type.Integer(),
      intakeRejectionRate: Rate('null: nothing received that week'),
    }),
  ),
});

/** A staff account as administrators see it (never its password or hash). */
export const StaffUser = Closed({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Literals(['officer', 'admin']),
  createdAt: DateTime,
  disabledAt: Nullable(DateTime),
  passwordChangedAt: Nullable(Type.String({ format: 'date-time', description: 'when it was last reset or changed; null: as created' })),
  lastSignInAt: Nullable(Type.String({ format: 'date-time', description: 'its latest sign-in; null: never' })),
});
export const StaffUserList = Closed({ users: Type.Array(StaffUser, { description: 'oldest first, disabled ones too' }) });
export const StaffUserCreated = Closed({ user: StaffUser, password: Type.String({ description: 'a random password, shown only here' }) });
export const StaffPasswordReset = Closed({ password: Type.String({ description: 'the new random password, shown only here; the account’s sessions have ended' }) });

/** A declaration's tax notice as officers read it (GET /api/v1/officer/declarations/{id}/tax-notice): read-only, no payment secret. */
export const OfficerTaxNotice = Closed({
  notice: Type.Union([TaxNotice, Type.Null()], {
    description: 'the notice as the payer (consumer or operator) reads it: status, amount, due date, payments with receipt numbers, the refund recorded for an overpayment, refunds made, and its reason in Korean and English; null when nothing is owed and nothing was paid',
  }),
  waitingTransfer: Nullable(
    Closed(
      {
        bank: Bilingual,
        accountNumberLast4: Type.String({ pattern: '^\\d{0,4}$', description: 'the last four digits of the account number only (the payer has the whole number)' }),
        amountKrw: Won,
        dueAt: DateTime,
        demo: Type.Boolean({ description: 'issued by the payment emulator (no bank takes deposits into it)' }),
      },
      { description: 'a virtual account (가상계좌) issued for a transfer, waiting for its deposit (입금 대기); null when none waits, past its deadline, or once paid' },
    ),
  ),
  refundsDue: Type.Array(
    Closed({
      refundNo: Type.String({ pattern: '^RF-\\d{8,}$' }),
      amountKrw: Won,
      payerKind: Literals(['consumer', 'operator']),
      reason: Type.String({ description: 'reassessed_lower (an overpayment, 관세법 제46조), duplicate_charge_not_voided, charge_outcome_unknown, deposit_after_paid, deposit_while_held (a deposit into an account closed while nothing was payable: held on a "not me" report or by the engine; not a payment), charge_while_held (a card charge that came back after such a hold, not cancelled; not a payment) or refunded_then_reversed (not a refund to make: a deposit refunded by hand that the bank then reversed, paid back twice; to recover)' }),
      refundBy: Day,
      createdAt: DateTime,
    }),
    { description: 'the open refunds due of the declaration (not yet resolved by an administrator), oldest first; the refunds made are on the notice (refundsMade)' },
  ),
});

// ---- the holder's security notices given up (holder-notices-admin.ts) ----

export const GivenUpHolderNotice = Closed({
  id: Type.Integer(),
  kind: Literals(['pccc_change', 'passkey_added', 'passkey_removed', 'not_me_report', 'consent_approved', 'consent_cancelled', 'declaration_filed']),
  changeAction: Type.Union([...['suspend', 'resume', 'reissue', 'renew', 'cancel', 'phone', 'email'].map((v) => Type.Literal(v)), Type.Null()], { description: "a pccc_change's action; null for the other kinds" }),
  kindText: Bilingual,
  channel: Literals(['sms', 'email', 'push']),
  pccc: Type.String({ description: 'the code the notice was sent to' }),
  holderName: Nullable(Type.String({ description: "the code's holder as the registry has them now; null: the code is not in the registry" })),
  recipient: Nullable(
    Type.String({ description: "the holder's contact on the channel now, masked (010-****-5432, h***@example.com), or the former one it was sent to (formerContact); null: none registered, Web Push, or the code unknown" }),
  ),
  formerContact: Type.Boolean({ description: 'true: sent to the number or address the holder had before a change of contact (told of the change there), not the one registered now' }),
  requeueTo: Type.Union([Type.Literal('former'), Type.Literal('same'), Type.Literal('current')], {
    description:
      "where it goes if sent again: former, the notice of a change of contact to the old number or address, there again (telling it is its point); same, the holder's contact on its channel now, the one it was given up on (Web Push: the apps subscribed now); current, the holder's contact now, which replaced the one it was given up on (a change of contact since)",
  }),
  attempts: Type.Integer({ minimum: 0, description: 'attempts made before it was given up' }),
  why: Literals(['refused', 'out_of_attempts']),
  whyText: Bilingual,
  lastError: Nullable(Type.String({ description: "the channel's last error as its adapter said it (English; the address or number masked)" })),
  queuedAt: DateTime,
  givenUpAt: DateTime,
});
export const GivenUpHolderNoticeList = Closed({
  notices: Type.Array(GivenUpHolderNotice, { description: 'given up (dead), the newest notice first' }),
  total: Type.Integer({ minimum: 0, description: 'how many notices are given up in all' }),
  maxAttempts: Type.Integer({ description: 'attempts in a round before a notice is given up' }),
  nextBefore: Nullable(Type.Integer({ description: 'pass as `before` for the next (older) page; null: no more' })),
});
export const HolderNoticeRequeued = Closed({
  notice: GivenUpHolderNotice,
  dueAt: Type.String({ format: 'date-time', description: 'queued again for a new round of attempts, due now: the worker sends it at once' }),
});
