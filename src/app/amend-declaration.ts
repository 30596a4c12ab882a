// Corrections (신고정정): the new document is re-assessed against the consignee's history
// (without the declaration itself); the old version is kept in declaration_revisions. The
// assessment that is stored is made under intake's combined-taxation locks, against the history
// read under them, so a correction and a concurrent intake for the same consignee or B/L
// cannot miss each other (고시 제68조).
import type { Assessment, FieldError, HistoryEntry } from '../domain/assessment.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import { assessBatch } from '../domain/assess.ts';
import { withConsentOutcome } from '../domain/consent.ts';
import { canChange } from './authorization.ts';
import { canonicalJsonOrNull, holdReasonOf, normalizeBlNo, rowOf, storedMembersJoined } from './declaration-rows.ts';
import { declarationTextError, TOO_DEEPLY_NESTED } from '../domain/unusable-text.ts';
import { isRealDate } from '../domain/dates.ts';
import { fail, failure, type Result } from './errors.ts';
import { planEvents } from './plan-events.ts';
import type { Clock, DeclarationRecord, DeclarationStore, OperatorPrincipal, ReferenceSource, Secrets, StoredHistoryEntry } from './ports.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import type { ConsentIntake } from './verify-declaration-consent.ts';
import { historyScope } from './redecide-stored.ts';
import { tracedScope } from './combined-history.ts';
import { combineKeysOfInput } from '../domain/combined-history.ts';
import { keptOnFiledImportDeclaration } from '../domain/combined-redecision.ts';

/**
 * The stored members of the group the stored version of a declaration is in: those the engine
 * combines it with against `history`, and those its assessment listed (a member withdrawn since is
 * not in the history, and a document the reference in force no longer accepts has no group).
 */
function membersLeft(current: DeclarationRecord, history: readonly StoredHistoryEntry[], reference: Reference): number[] {
  const [before] = assessBatch([current.declaration], reference, history);
  const refs = new Set([...current.assessment.combinedWith, ...(before?.combinedWith ?? [])]);
  return refs.size === 0 ? [] : history.filter((h) => refs.has(h.ref)).map((h) => h.id);
}

export async function amendDeclaration(
  deps: { declarations: DeclarationStore; reference: ReferenceSource; secrets: Secrets; clock: Clock; consentIntake?: ConsentIntake | null },
  operator: OperatorPrincipal,
  input: { declarationId: number; declaration: unknown; reason: string },
): Promise<Result<{ record: DeclarationRecord; assessment: Assessment; unchanged: boolean }>> {
  const existing = await deps.declarations.findById(input.declarationId);
  if (!existing || !canChange(operator, existing)) return fail('DECLARATION_NOT_FOUND');
  const d = input.declaration as Partial<Declaration> | null;
  // `path` names the field at fault, as the declaration's own errors do (`ref`, not `body.declaration.ref`).
  // with what to do: the ref on record, or a new declaration ("cannot change" alone left the sender guessing)
  if (d && typeof d === 'object' && d.ref !== undefined && d.ref !== existing.ref) {
    return fail('REF_IMMUTABLE', { path: 'ref', ref: existing.ref }, {
      ko: `참조번호(ref)는 변경할 수 없습니다: 기록된 참조번호 ${existing.ref}로 정정을 보내세요. 다른 참조번호의 물품은 새 신고입니다(POST /api/v1/declarations).`,
      en: `The ref of a declaration cannot change: send the correction with the ref on record, ${existing.ref}. Goods under another ref are a new declaration (POST /api/v1/declarations).`,
    });
  }
  const raw = d && typeof d === 'object' ? { ...d, ref: existing.ref } : d;
  const text = canonicalJsonOrNull(raw);
  // As intake refuses it (the same errors, naming the field).
  const unusable = declarationTextError(raw, text);
  if (unusable || text === null) return fail('DECLARATION_INVALID', { errors: [unusable ?? TOO_DEEPLY_NESTED] });
  // A correction identical to the current version (a retry of one that was applied) changes
  // nothing: no new version, no AMENDED event, no webhook (same content hash as intake's). The
  // check is made again under the row lock (below): two identical corrections in flight at once
  // make one version. A declaration that can no longer be corrected (withdrawn, rejected,
  // released) still answers 409.
  const contentHash = deps.secrets.sha256(text);
  const correctable = (record: DeclarationRecord) =>
    planEvents(record, [{ event: { type: 'AMENDED', route: record.route }, occurredAt: deps.clock.now(), reason: input.reason, detail: null }]).ok;
  if (contentHash === existing.contentHash && correctable(existing)) return { ok: true, value: { record: existing, assessment: existing.assessment, unchanged: true } };
  const pccc = typeof d?.consignee?.pccc === 'string' ? d.consignee.pccc.trim().toUpperCase() : null;
  const hbl = typeof d?.shipment?.hblNo === 'string' ? normalizeBlNo(d.shipment.hblNo) : null;
  const dates = [d?.order?.purchasedAt, d?.shipment?.arrivalDate].filter((x): x is string => typeof x === 'string' && isRealDate(x));
  // The history of the corrected document's keys and of the ones it leaves (the stored version's): a
  // correction that moves it to another B/L, consignee, seller or purchase date leaves its group, whose
  // members are decided again as after a withdrawal (below). Entries of the old keys only join the
  // corrected document where they share a key with it, so its own assessment is the same either way.
  const left = historyScope(existing).query;
  const historyQuery = {
    pcccs: [...new Set([...(pccc ? [pccc] : []), ...left.pcccs])],
    hblNos: [...new Set([...(hbl ? [hbl] : []), ...left.hblNos])],
    dates: [...new Set([...dates, ...left.dates])],
    excludeIds: [existing.id],
  };
  const reference = deps.reference.current();
  // Validation needs no history: a document that cannot be assessed is refused before any lock.
  const [checked] = assessBatch([raw], reference, []);
  if (!checked || checked.status === 'rejected') {
    return fail('DECLARATION_INVALID', { errors: (checked?.errors ?? []) as FieldError[], assessment: checked });
  }
  // The corrected document is checked against its consent token as at intake; the token's single
  // use belongs to (operator, ref), so the same declaration's correction is the same use.
  const consent = deps.consentIntake ? await deps.consentIntake.check(operator, [{ index: 0, declaration: raw }]) : null;
  const assessed = (history: readonly HistoryEntry[]): Assessment => {
    const engine = assessBatch([raw], reference, history)[0]!;
    return trace.mark(consent ? withConsentOutcome(engine, consent.get(0) ?? { kind: 'missing' }, reference.reasons) : engine);
  };
  // Locks for the corrected document's consignee and B/L, and for the ones it leaves.
  const lockKeys = [...new Set([
    ...(pccc ? [`consignee:${pccc}`] : []),
    ...(hbl ? [`bl:${hbl}`] : []),
    `consignee:${existing.pccc}`,
    ...(existing.hblNo ? [`bl:${existing.hblNo}`] : []),
  ])];
  // Traced through the groups of the corrected document and of the stored version (src/app/combined-history.ts).
  const { scope, trace } = await tracedScope(deps.declarations, reference, { lockKeys, query: historyQuery }, [
    combineKeysOfInput(raw),
    combineKeysOfInput(existing.declaration),
  ]);
  let assessment = checked;
  // The version found under the lock when it already holds this content (a copy of this request committed since the check above).
  let sameUnderLock: DeclarationRecord | null = null;
  const r = await deps.declarations.transition(existing.id, { kind: 'operator', id: operator.operatorId }, (current, history) => {
    if (!canChange(operator, current)) return { ok: false, error: failure('DECLARATION_NOT_FOUND') };
    if (current.contentHash === contentHash && correctable(current)) {
      sameUnderLock = current;
      return { ok: false, error: failure('CONCURRENT_UPDATE') }; // nothing to write: rolled back, answered below
    }
    // A filed import declaration stays what the parcel clears on: a correction the engine would list-clear keeps it general (lifecycle.ts).
    assessment = keptOnFiledImportDeclaration(assessed(history), { clearance: current.clearanceStage, heldFrom: current.heldFrom }, raw as Declaration, reference);
    const row = rowOf(0, raw as Declaration, assessment, contentHash, reference);
    const plan = planEvents(
      current,
      [
        {
          event: { type: 'AMENDED', route: assessment.route! },
          occurredAt: deps.clock.now(),
          reason: input.reason,
          detail: { fromVersion: current.version, toVersion: current.version + 1, route: assessment.route },
        },
      ],
      holdReasonOf(assessment),
    );
    if (!plan.ok) return plan;
    const { index: _i, firstEvent: _f, state: _s, status: _st, holdReason: _h, ...replaceRow } = row;
    // Stored declarations the corrected one is now combined with are decided again after the commit, as for
    // intake; so are those the stored version was combined with (it may have left their group: 고시 제68조,
    // the rest may be within the limit again). Its group as it stands now (the engine over the stored
    // version), and as its assessment listed it.
    const redecide = [...new Set([...storedMembersJoined([row], history), ...membersLeft(current, history, reference)])];
    return { ok: true, value: { plan: { ...plan.value, replace: { row: replaceRow, reason: input.reason }, ...(redecide.length ? { redecide } : {}) }, value: null } };
  }, scope);
  const same = sameUnderLock as DeclarationRecord | null; // assigned in the callback, which TypeScript does not follow
  if (same) return { ok: true, value: { record: same, assessment: same.assessment, unchanged: true } };
  if (!r.ok) return r;
  return { ok: true, value: { record: r.value.record, assessment, unchanged: false } };
}
