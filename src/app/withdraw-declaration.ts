// Withdrawal (신고취하) with a reason; the declaration and its history stay on record.
import { canChange } from './authorization.ts';
import { failure, type Result } from './errors.ts';
import { planEvents } from './plan-events.ts';
import { historyScope } from './redecide-stored.ts';
import { tracedScope } from './combined-history.ts';
import { combineKeysOfInput } from '../domain/combined-history.ts';
import type { Clock, DeclarationRecord, DeclarationStore, OperatorPrincipal, ReferenceSource } from './ports.ts';

export interface Withdrawal {
  record: DeclarationRecord;
  /** True when this request repeats the withdrawal on record (a retry after a lost answer): nothing new was recorded or sent. */
  replayed: boolean;
}

/**
 * The declaration, when it is the operator's and already withdrawn for this same reason: a retry,
 * answered like a retried correction or cargo event (docs/api.md, "Retries are safe") rather than 409.
 */
async function withdrawnAlready(deps: { declarations: DeclarationStore }, operator: OperatorPrincipal, input: { declarationId: number; reason: string }): Promise<DeclarationRecord | null> {
  const d = await deps.declarations.findById(input.declarationId);
  if (!d || !canChange(operator, d) || d.status !== 'withdrawn') return null;
  const last = (await deps.declarations.eventsOf(d.id)).findLast((e) => e.type === 'WITHDRAWN');
  return last && (last.reason ?? null) === input.reason ? d : null;
}

export async function withdrawDeclaration(
  deps: { declarations: DeclarationStore; clock: Clock; reference: ReferenceSource },
  operator: OperatorPrincipal,
  input: { declarationId: number; reason: string },
): Promise<Result<Withdrawal>> {
  // A withdrawn member leaves its combined-taxation group (고시 제68조): the stored members it was
  // combined with are decided again after the commit, under intake's locks (the rest may be within
  // the limit again). Only a declaration in a group reads the group.
  const before = await deps.declarations.findById(input.declarationId);
  const grouped = before && canChange(operator, before) && before.assessment.combinedWith.length > 0 ? before : null;
  const r = await deps.declarations.transition(
    input.declarationId,
    { kind: 'operator', id: operator.operatorId },
    (current, history) => {
      if (!canChange(operator, current)) return { ok: false, error: failure('DECLARATION_NOT_FOUND') };
      const plan = planEvents(current, [{ event: { type: 'WITHDRAWN' }, occurredAt: deps.clock.now(), reason: input.reason, detail: null }]);
      if (!plan.ok) return plan;
      const members = new Set(current.assessment.combinedWith);
      const redecide = grouped && history ? history.filter((h) => members.has(h.ref)).map((h) => h.id) : [];
      return { ok: true, value: { plan: { ...plan.value, ...(redecide.length ? { redecide } : {}) }, value: null } };
    },
    // The group as it chains through its members (src/app/combined-history.ts).
    grouped ? (await tracedScope(deps.declarations, deps.reference.current(), historyScope(grouped), [combineKeysOfInput(grouped.declaration)])).scope : undefined,
  );
  if (r.ok) return { ok: true, value: { record: r.value.record, replayed: false } };
  // Refused as illegal: a copy of this request may have withdrawn it (earlier, or at the same moment).
  if (r.error.code === 'ILLEGAL_TRANSITION') {
    const done = await withdrawnAlready(deps, operator, input);
    if (done) return { ok: true, value: { record: done, replayed: true } };
  }
  return r;
}
