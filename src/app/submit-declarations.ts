// Bulk intake: validate and assess each declaration with the engine (combined taxation
// against the consignee's stored history, not only the batch), store the accepted ones in
// one transaction, answer per declaration. Idempotent by (operator, ref) and Idempotency-Key.
import type { Assessment, FieldError } from '../domain/assessment.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import { assessBatch } from '../domain/assess.ts';
import { fail, ok, type Result } from './errors.ts';
import { canonicalJson, normalizeBlNo, rowOf } from './declaration-rows.ts';
import type { DeclarationRow, DeclarationStore, OperatorPrincipal, ReferenceSource, Secrets, StoredRef } from './ports.ts';

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

export interface SubmitDeclarationsDeps {
  declarations: DeclarationStore;
  reference: ReferenceSource;
  secrets: Secrets;
}

function fieldError(path: string, code: string, ko: string, en: string): FieldError {
  return { path, code, ko, en };
}

const REF_USED = (ref: string) =>
  fieldError(
    'ref',
    'ref_already_used',
    `참조번호 ${ref}는 다른 내용의 신고에 이미 사용되었습니다. 정정은 PATCH로 하세요.`,
    `ref ${ref} is already used by a declaration with different content; correct it with PATCH.`,
  );
const REF_TWICE = fieldError('ref', 'ref_duplicate_in_batch', '같은 묶음에 같은 참조번호가 두 번 있습니다.', 'The same ref appears twice in this batch.');
const NUL_CHAR = fieldError('', 'nul_character', '문자열에 NUL 문자(\\u0000)를 쓸 수 없습니다.', 'Strings may not contain the NUL character (\\u0000).');

function rejectedAssessment(ref: string | null, errors: FieldError[]): Assessment {
  return {
    ref: ref ?? '',
    status: 'rejected',
    errors,
    route: null,
    reasons: [],
    goodsValueUsd: null,
    deMinimis: { thresholdUsd: null, exempt: false },
    combinedWith: [],
    valuation: null,
    lines: [],
    taxes: null,
    taxesWithoutExemption: null,
    signals: [],
    dataVersions: {},
  };
}

export async function submitDeclarations(
  deps: SubmitDeclarationsDeps,
  input: { operator: OperatorPrincipal; declarations: unknown[]; idempotencyKey: string | null; submittedAt?: Date },
): Promise<Result<{ response: IntakeResponse; replayedKey: boolean }>> {
  const { operator } = input;
  const raw = input.declarations;
  const texts = raw.map((d) => canonicalJson(d));
  let requestHash: string | null = null;
  if (input.idempotencyKey) {
    requestHash = deps.secrets.sha256(texts.join('\n'));
    const prior = await deps.declarations.getIdempotent(operator.operatorId, input.idempotencyKey);
    if (prior) {
      if (prior.requestHash !== requestHash) return fail('IDEMPOTENCY_KEY_REUSED');
      return ok({ response: prior.response as IntakeResponse, replayedKey: true });
    }
  }

  const refs = raw.map((d) => {
    const ref = (d as { ref?: unknown } | null)?.ref;
    return typeof ref === 'string' && ref.length > 0 ? ref : null;
  });
  const hashes = texts.map((t) => deps.secrets.sha256(t));
  const existing = new Map<string, StoredRef>();
  for (const s of await deps.declarations.findByRefs(operator.operatorId, [...new Set(refs.filter((r): r is string => r !== null))])) existing.set(s.ref, s);

  // Which inputs go to the engine: new refs, first occurrence in the batch.
  const early = new Map<number, FieldError>();
  const seen = new Set<string>();
  const toAssess: number[] = [];
  raw.forEach((_, i) => {
    const ref = refs[i] ?? null;
    if (texts[i]!.includes('\\u0000')) return early.set(i, NUL_CHAR);
    if (ref !== null) {
      if (seen.has(ref)) return early.set(i, REF_TWICE);
      seen.add(ref);
      if (existing.has(ref)) return; // answered from the record
    }
    toAssess.push(i);
  });

  const pcccs = new Set<string>();
  const hbls = new Set<string>();
  const dates = new Set<string>();
  for (const i of toAssess) {
    const d = raw[i] as Partial<Declaration> | null;
    const pccc = d?.consignee?.pccc;
    if (typeof pccc === 'string') pcccs.add(pccc.trim().toUpperCase());
    const hbl = typeof d?.shipment?.hblNo === 'string' ? normalizeBlNo(d.shipment.hblNo) : null;
    if (hbl) hbls.add(hbl);
    for (const date of [d?.order?.purchasedAt, d?.shipment?.arrivalDate]) if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) dates.add(date);
  }
  const history = toAssess.length ? await deps.declarations.historyFor({ pcccs: [...pcccs], hblNos: [...hbls], dates: [...dates] }) : [];
  const reference = deps.reference.current();
  const assessed = assessBatch(
    toAssess.map((i) => raw[i]),
    reference,
    history,
  );
  const assessmentOf = new Map<number, Assessment>();
  const rows: DeclarationRow[] = [];
  toAssess.forEach((i, k) => {
    const a = assessed[k]!;
    assessmentOf.set(i, a);
    if (a.status === 'assessed') {
      const row = rowOf(i, raw[i] as Declaration, a, deps.secrets);
      row.contentHash = hashes[i]!;
      rows.push(row);
    }
  });
  const rowIndexOfRef = new Map(rows.map((r) => [r.ref, r.index]));

  const respond = (stored: Map<string, StoredRef & { inserted: boolean }>): IntakeResponse => {
    const results: IntakeResult[] = raw.map((_, i) => {
      const ref = refs[i] ?? null;
      const earlyError = early.get(i);
      if (earlyError) return rejectedResult(i, ref, [earlyError]);
      const a = assessmentOf.get(i);
      if (a && a.status === 'rejected') return rejectedResult(i, ref, a.errors, a);
      const s = ref !== null ? stored.get(ref) : undefined;
      if (!s) return rejectedResult(i, ref, [fieldError('ref', 'ref_missing', '참조번호가 없습니다.', 'The ref is missing.')]);
      // Same ref, different content: refuse rather than silently answer with the old one.
      if (!s.inserted && s.contentHash !== hashes[i]) return rejectedResult(i, ref, [REF_USED(ref!)]);
      if (s.inserted && rowIndexOfRef.get(ref!) !== i) return rejectedResult(i, ref, [REF_TWICE]);
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
    allRefs: [...seen],
    idempotency: input.idempotencyKey && requestHash ? { key: input.idempotencyKey, requestHash } : null,
    actor: { kind: 'operator', id: operator.operatorId },
    ...(input.submittedAt ? { submittedAt: input.submittedAt } : {}),
    respond,
  });
  if (outcome.kind === 'replayed') {
    if (outcome.requestHash !== requestHash) return fail('IDEMPOTENCY_KEY_REUSED');
    return ok({ response: outcome.response as IntakeResponse, replayedKey: true });
  }
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
