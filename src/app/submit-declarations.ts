// Bulk intake: validate and assess each declaration with the engine (combined taxation
// against the consignee's stored history, not only the batch), store the accepted ones in
// one transaction, answer per declaration. Idempotent by (operator, ref) and Idempotency-Key.
import type { Assessment, FieldError, HistoryEntry } from '../domain/assessment.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import { assessBatch, rejectedAssessment } from '../domain/assess.ts';
import { declarationTextError, isStorableText } from '../domain/unusable-text.ts';
import { validateDeclaration } from '../domain/validate-declaration.ts';
import { addDays, isRealDate, koreanDateOf } from '../domain/dates.ts';
import { fail, ok, type Result } from './errors.ts';
import { canonicalJsonOrNull, normalizeBlNo, rowOf, storedMembersJoined } from './declaration-rows.ts';
import { withConsentOutcome } from '../domain/consent.ts';
import type { ConsentIntake } from './verify-declaration-consent.ts';
import { combineKeysOfInput } from '../domain/combined-history.ts';
import { GroupTrace, traced } from './combined-history.ts';
import type {
  DeclarationRow,
  DeclarationStore,
  HistoryQuery,
  InsertedDeclaration,
  IntakeConsistency,
  OperatorPrincipal,
  ReferenceSource,
  Clock,
  Secrets,
  StoredHistoryEntry,
  StoredRef,
} from './ports.ts';
import type { ScoringHandoff } from './ports/risk-store.ts';

/** The field a reused Idempotency-Key names (docs/api.md, "Bad requests": a refusal one field caused names it). */
const IDEMPOTENCY_KEY_FIELD = { path: 'headers.idempotency-key' } as const;

export interface IntakeResult {
  index: number;
  ref: string | null;
  status: 'accepted' | 'rejected';
  declarationId: number | null;
  cargoNo: string | null;
  lifecycleStatus: string | null;
  /** true when the declaration was already on record (a retry); nothing new was stored. */
  replayed: boolean;
  errors: FieldError[];
  assessment: Assessment | null;
}

export interface IntakeResponse {
  summary: { received: number; accepted: number; rejected: number; replayed: number };
  results: IntakeResult[];
}

/** One result of `Prefer: return=minimal`: the outcome without the assessment document. */
export interface MinimalIntakeResult extends Omit<IntakeResult, 'assessment'> {
  route: Assessment['route'];
  /** Taxes to pay (0 when exempt or not collected); null when rejected. */
  taxesDueKrw: number | null;
}

export function minimalIntakeResponse(r: IntakeResponse): { summary: IntakeResponse['summary']; results: MinimalIntakeResult[] } {
  return {
    summary: r.summary,
    results: r.results.map((x) => {
      const t = x.status === 'accepted' ? x.assessment?.taxes : null;
      return {
        index: x.index,
        ref: x.ref,
        status: x.status,
        declarationId: x.declarationId,
        cargoNo: x.cargoNo,
        lifecycleStatus: x.lifecycleStatus,
        replayed: x.replayed,
        errors: x.errors,
        route: x.status === 'accepted' ? (x.assessment?.route ?? null) : null,
        taxesDueKrw: x.status !== 'accepted' ? null : t ? (t.collected ? t.totalKrw : 0) : 0,
      };
    }),
  };
}

export interface SubmitDeclarationsDeps {
  declarations: DeclarationStore;
  reference: ReferenceSource;
  secrets: Secrets;
  clock: Clock;
  /** Consumer consent (issue 6): token checks and usage alerts; absent, nothing is checked. */
  consentIntake?: ConsentIntake | null;
  /** The risk-scoring worker of this process, given what was committed so it need not read it back. */
  scoringHandoff?: ScoringHandoff | null;
  /** The worker that decides again the stored declarations a batch was combined with, woken when some were queued. */
  combinedRedecisions?: { nudge(): void } | null;
}

function fieldError(path: string, code: string, ko: string, en: string): FieldError {
  return { path, code, ko, en };
}

const REF_USED = (ref: string) =>
  fieldError(
    'ref',
    'ref_already_used',
    `참조번호(${ref})는 다른 내용의 신고에 이미 사용되었습니다. 정정은 PATCH로 하세요.`,
    `ref ${ref} is already used by a declaration with different content; correct it with PATCH.`,
  );
/**
 * A declaration dated after tomorrow in Korea: a typed year (2062 for 2026) would otherwise be
 * assessed at a placeholder rate, or refused for want of one, as if the date were right. A day of
 * grace for operators east of Korea, whose today may be Korea's tomorrow.
 */
const DECLARED_IN_FUTURE = (value: string, today: string) =>
  fieldError('declaredAt', 'date_in_future', `신고일 ${value}은 미래 날짜입니다(오늘 ${today}, 한국 시간). 날짜를 확인하세요.`, `The declaration date ${value} is in the future (today in Korea: ${today}). Check the date.`);

/**
 * A declaration dated in the future is refused for its date, with its other faults named too, so
 * that one correction fixes it: the checks that need the date's reference data (the rates of that
 * week, thresholds) are left out, as the date they would use is wrong.
 */
function futureDeclarationErrors(input: unknown, declaredAt: string, today: string, reference: Reference): FieldError[] {
  const dated = new Set(['reference_data_missing', 'exchange_rate_missing']);
  const others = validateDeclaration(input, reference).filter((e) => e.path !== 'declaredAt' && !dated.has(e.code));
  return [DECLARED_IN_FUTURE(declaredAt, today), ...others];
}

/** A ref seen earlier in the batch: that declaration is refused and left out of the engine's batch (the CLI does the same). */
export const REF_TWICE = fieldError('ref', 'ref_duplicate_in_batch', '같은 묶음에 같은 참조번호가 두 번 있습니다.', 'The same ref appears twice in this batch.');

/**
 * Each declaration's content hash (SHA-256 of its canonical JSON), why it cannot be taken (text
 * that cannot be stored, too deep; null when it can), and the request's hash for Idempotency-Key. The canonical texts stay in here: the
 * batch lives through the consignees' locks, and kept texts would be copied by every young
 * generation collection meanwhile.
 */
function fingerprints(
  secrets: SubmitDeclarationsDeps['secrets'],
  raw: unknown[],
  withRequestHash: boolean,
): { requestHash: string | null; hashes: string[]; unusable: (FieldError | null)[] } {
  // A declaration nested too deep has no text: it is refused on its own (too_deeply_nested), hashed as a placeholder.
  const canonical = raw.map((d) => canonicalJsonOrNull(d));
  const texts = canonical.map((t) => t ?? '"(too deeply nested)"');
  return {
    requestHash: withRequestHash ? secrets.sha256(texts.join('\n')) : null,
    hashes: texts.map((t) => secrets.sha256(t)),
    // The check the CLI makes too (domain/unusable-text.ts): NUL, unpaired surrogate or depth, with the field's path.
    unusable: raw.map((d, i) => declarationTextError(d, canonical[i])),
  };
}

export async function submitDeclarations(
  deps: SubmitDeclarationsDeps,
  input: {
    operator: OperatorPrincipal;
    declarations: unknown[];
    idempotencyKey: string | null;
    /** When each declaration was submitted (one time, or per input index); defaults to now. */
    submittedAt?: Date | ((index: number) => Date);
  },
): Promise<Result<{ response: IntakeResponse; replayedKey: boolean }>> {
  const { operator } = input;
  const raw = input.declarations;
  const { requestHash, hashes, unusable } = fingerprints(deps.secrets, raw, input.idempotencyKey !== null);
  if (input.idempotencyKey) {
    const prior = await deps.declarations.getIdempotent(operator.operatorId, input.idempotencyKey);
    if (prior) {
      if (prior.requestHash !== requestHash) return fail('IDEMPOTENCY_KEY_REUSED', IDEMPOTENCY_KEY_FIELD);
      return ok({ response: prior.response as IntakeResponse, replayedKey: true });
    }
  }

  // A declaration refused for its text (NUL, unpaired surrogate) or depth gives nothing to the queries
  // below: as a query parameter, such text failed the whole batch (500).
  const queryable = raw.map((_, i) => !unusable[i]);
  const refs = raw.map((d, i) => {
    if (!queryable[i]) return null;
    const ref = (d as { ref?: unknown } | null)?.ref;
    return typeof ref === 'string' && ref.length > 0 ? ref : null;
  });
  // The ref a result is answered under: a declaration refused for another field's text (or depth) is
  // still its own ref's (an integrator matches results by ref); a ref that is itself unstorable, null.
  const answeredRef = (i: number): string | null => {
    if (refs[i] !== null) return refs[i]!;
    const ref = (raw[i] as { ref?: unknown } | null)?.ref;
    return typeof ref === 'string' && ref.length > 0 && isStorableText(ref) ? ref : null;
  };

  // The history combined taxation needs, asked for every consignee and B/L in the batch (a
  // superset of what the declarations to assess need), in parallel with the stored refs.
  const pcccs = new Set<string>();
  const hbls = new Set<string>();
  const dates = new Set<string>();
  for (const [i, x] of raw.entries()) {
    if (!queryable[i]) continue;
    const d = x as Partial<Declaration> | null;
    const pccc = d?.consignee?.pccc;
    if (typeof pccc === 'string') pcccs.add(pccc.trim().toUpperCase());
    const hbl = typeof d?.shipment?.hblNo === 'string' ? normalizeBlNo(d.shipment.hblNo) : null;
    if (hbl) hbls.add(hbl);
    // Real dates only: the engine refuses "8126-19-39" per declaration, but as a query parameter it failed the whole batch (500).
    for (const date of [d?.order?.purchasedAt, d?.shipment?.arrivalDate]) if (typeof date === 'string' && isRealDate(date)) dates.add(date);
  }
  const historyQuery: HistoryQuery = { pcccs: [...pcccs], hblNos: [...hbls], dates: [...dates] };
  // Traced through the groups (a member on record linked further by its own B/L, or its supplier and
  // date, is read too: src/app/combined-history.ts); the read under the locks traces again.
  const reference = deps.reference.current();
  const seeds = raw.map((d, i) => (queryable[i] ? combineKeysOfInput(d) : null));
  const firstTrace = new GroupTrace(seeds, reference);
  const lockedTrace = new GroupTrace(seeds, reference);
  const [stored, history] = await Promise.all([
    deps.declarations.findByRefs(operator.operatorId, [...new Set(refs.filter((r): r is string => r !== null))]),
    deps.declarations.historyFor(traced(historyQuery, firstTrace)),
  ]);
  const existing = new Map<string, StoredRef>();
  for (const s of stored) existing.set(s.ref, s);

  // Which inputs go to the engine: new refs, first occurrence in the batch.
  const early = new Map<number, FieldError[]>();
  const today = koreanDateOf(deps.clock.now().toISOString());
  const latestDay = addDays(today, 1);
  const seen = new Set<string>();
  const toAssess: number[] = [];
  raw.forEach((_, i) => {
    const ref = refs[i] ?? null;
    const textError = unusable[i];
    if (textError) return early.set(i, [textError]);
    const declaredAt = (raw[i] as { declaredAt?: unknown } | null)?.declaredAt;
    if (typeof declaredAt === 'string' && isRealDate(declaredAt) && declaredAt > latestDay) return early.set(i, futureDeclarationErrors(raw[i], declaredAt, today, reference));
    if (ref !== null) {
      if (seen.has(ref)) return early.set(i, [REF_TWICE]);
      seen.add(ref);
      if (existing.has(ref)) return; // answered from the record
    }
    toAssess.push(i);
  });

  const assessmentOf = new Map<number, Assessment>();
  const rowOfIndex = new Map<number, DeclarationRow>();
  // Consent tokens are checked (and claimed once) before the engine runs; each assessment then
  // carries VERIFIED_CONSUMER, CONSENT_MISSING or CONSENT_MISMATCH with its reason.
  const consent = deps.consentIntake ? await deps.consentIntake.check(operator, toAssess.map((i) => ({ index: i, declaration: raw[i] }))) : null;
  const assess = (indices: number[], with_: readonly HistoryEntry[], trace: GroupTrace) => {
    const assessed = assessBatch(
      indices.map((i) => raw[i]),
      reference,
      with_,
    );
    indices.forEach((i, k) => {
      const engine = assessed[k]!;
      const outcome = consent && engine.status === 'assessed' ? (consent.get(i) ?? { kind: 'missing' as const }) : null;
      const a = trace.mark(outcome ? withConsentOutcome(engine, outcome, reference.reasons) : engine);
      assessmentOf.set(i, a);
      if (a.status === 'assessed') rowOfIndex.set(i, rowOf(i, raw[i] as Declaration, a, hashes[i]!, reference));
    });
  };
  assess(toAssess, history, firstTrace);
  const rowsInOrder = () => toAssess.filter((i) => rowOfIndex.has(i)).map((i) => rowOfIndex.get(i)!);
  const rows = rowsInOrder();

  // Under the consignees' and B/Ls' locks the store reads the history again; declarations that
  // another batch committed meanwhile (or withdrew) are joined here: only the declarations
  // connected to a changed entry are assessed again.
  const consistency: IntakeConsistency = {
    // With the consignees and B/Ls the first read reached through the groups: a concurrent batch
    // joining a member further along the group waits too.
    lockKeys: [...rows.flatMap((r) => (r.history.hblNo ? [`consignee:${r.pccc}`, `bl:${r.history.hblNo}`] : [`consignee:${r.pccc}`])), ...firstTrace.lockKeys()],
    history: traced(historyQuery, lockedTrace),
    recheck: (fresh) => {
      const changed = changedEntries(history, fresh);
      if (changed.length === 0) return rows;
      const again = connectedRows(rows, changed, fresh);
      if (again.length === 0) return rows;
      assess(again, fresh, lockedTrace);
      return rowsInOrder();
    },
    joinedStored: storedMembersJoined,
  };
  const rowIndexOfRef = () => new Map(rowsInOrder().map((r) => [r.ref, r.index]));

  const respond = (stored: Map<string, StoredRef & { inserted: boolean }>): IntakeResponse => {
    const indexOfRef = rowIndexOfRef();
    const results: IntakeResult[] = raw.map((_, i) => {
      const ref = refs[i] ?? null;
      const earlyErrors = early.get(i);
      if (earlyErrors) return rejectedResult(i, answeredRef(i), earlyErrors);
      const a = assessmentOf.get(i);
      if (a && a.status === 'rejected') return rejectedResult(i, ref, a.errors, a);
      const s = ref !== null ? stored.get(ref) : undefined;
      if (!s) return rejectedResult(i, ref, [fieldError('ref', 'ref_missing', '참조번호가 없습니다.', 'The ref is missing.')]);
      // Same ref, different content: refuse rather than silently answer with the old one.
      if (!s.inserted && s.contentHash !== hashes[i]) return rejectedResult(i, ref, [REF_USED(ref!)]);
      if (s.inserted && indexOfRef.get(ref!) !== i) return rejectedResult(i, ref, [REF_TWICE]);
      return {
        index: i,
        ref,
        status: 'accepted',
        declarationId: s.id,
        cargoNo: s.cargoNo,
        lifecycleStatus: s.status,
        replayed: !s.inserted,
        errors: [],
        assessment: s.inserted ? a! : s.assessment,
      };
    });
    let accepted = 0;
    let replayed = 0;
    for (const r of results) {
      if (r.status === 'accepted') accepted++;
      if (r.replayed) replayed++;
    }
    return { summary: { received: raw.length, accepted, rejected: raw.length - accepted, replayed }, results };
  };

  const outcome = await deps.declarations.storeBatch({
    operatorId: operator.operatorId,
    rows,
    consistency,
    allRefs: [...seen],
    idempotency: input.idempotencyKey && requestHash ? { key: input.idempotencyKey, requestHash } : null,
    actor: { kind: 'operator', id: operator.operatorId },
    ...(input.submittedAt ? { submittedAt: input.submittedAt } : {}),
    // In the batch's transaction: a declaration committed is never without its holder's alert.
    ...(deps.consentIntake ? { usageAlerts: (inserted: readonly InsertedDeclaration[]) => deps.consentIntake!.usageAlerts(inserted) } : {}),
    respond,
  });
  if (outcome.kind === 'replayed') {
    if (outcome.requestHash !== requestHash) return fail('IDEMPOTENCY_KEY_REUSED', IDEMPOTENCY_KEY_FIELD);
    return ok({ response: outcome.response as IntakeResponse, replayedKey: true });
  }
  if ((outcome.redecisionsQueued ?? 0) > 0) deps.combinedRedecisions?.nudge();
  if ((outcome.usageAlertsQueued ?? 0) > 0) deps.consentIntake?.queued();
  const committed = outcome.response.results.filter((x) => x.status === 'accepted' && !x.replayed && x.declarationId !== null && x.cargoNo !== null);
  // New rows are version 1 (migrations/001); the stored declaration is the input as given.
  deps.scoringHandoff?.accepted(committed.map((x) => ({ id: x.declarationId!, version: 1, declaration: raw[x.index] as Declaration, assessment: x.assessment! })));
  return ok({ response: outcome.response, replayedKey: false });
}

function rejectedResult(index: number, ref: string | null, errors: FieldError[], assessment?: Assessment): IntakeResult {
  return {
    index,
    ref,
    status: 'rejected',
    declarationId: null,
    cargoNo: null,
    lifecycleStatus: null,
    replayed: false,
    errors,
    assessment: assessment ?? rejectedAssessment(ref, errors),
  };
}

/** History entries in one read and not the other, or changed between them (by id and version). */
export function changedEntries(before: readonly StoredHistoryEntry[], after: readonly StoredHistoryEntry[]): StoredHistoryEntry[] {
  const key = (h: StoredHistoryEntry) => `${h.id}:${h.version}`;
  const a = new Set(before.map(key));
  const b = new Set(after.map(key));
  return [...after.filter((h) => !a.has(key(h))), ...before.filter((h) => !b.has(key(h)))];
}

/**
 * Input indices of the rows whose combined-taxation group can include a changed entry: those
 * sharing its consignee or B/L, closed over the batch and over the entries of `bridge` (the history
 * read: a group chains through members on record), since every ground of 고시 제68조 keys on the
 * B/L or on the consignee, no other row can be affected.
 */
export function connectedRows(rows: readonly DeclarationRow[], changed: readonly StoredHistoryEntry[], bridge: readonly HistoryEntry[] = []): number[] {
  const byConsignee = new Map<string, DeclarationRow[]>();
  const byBl = new Map<string, DeclarationRow[]>();
  for (const r of rows) {
    const c = r.history.consigneeKey;
    byConsignee.set(c, [...(byConsignee.get(c) ?? []), r]);
    const bl = r.history.hblNo;
    if (bl) byBl.set(bl, [...(byBl.get(bl) ?? []), r]);
  }
  const bridgeByConsignee = new Map<string, HistoryEntry[]>();
  const bridgeByBl = new Map<string, HistoryEntry[]>();
  const push = (m: Map<string, HistoryEntry[]>, k: string, h: HistoryEntry) => {
    const list = m.get(k);
    if (list) list.push(h);
    else m.set(k, [h]);
  };
  for (const h of bridge) {
    push(bridgeByConsignee, h.consigneeKey, h);
    if (h.hblNo) push(bridgeByBl, h.hblNo, h);
  }
  const consignees = new Set<string>();
  const bls = new Set<string>();
  const picked = new Set<DeclarationRow>();
  const queue: { consigneeKey: string; hblNo: string | null }[] = [];
  const visit = (consignee: string | null, bl: string | null) => {
    if (consignee !== null && !consignees.has(consignee)) {
      consignees.add(consignee);
      for (const r of byConsignee.get(consignee) ?? []) if (!picked.has(r)) picked.add(r), queue.push(r.history);
      for (const h of bridgeByConsignee.get(consignee) ?? []) queue.push(h);
    }
    if (bl !== null && !bls.has(bl)) {
      bls.add(bl);
      for (const r of byBl.get(bl) ?? []) if (!picked.has(r)) picked.add(r), queue.push(r.history);
      for (const h of bridgeByBl.get(bl) ?? []) queue.push(h);
    }
  };
  for (const h of changed) visit(h.consigneeKey, h.hblNo);
  while (queue.length > 0) {
    const k = queue.pop()!;
    visit(k.consigneeKey, k.hblNo);
  }
  return [...picked].map((r) => r.index).sort((x, y) => x - y);
}
