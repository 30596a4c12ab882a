// Withdrawal (신고취하) with a reason; the declaration and its history stay on record.
import { canChange } from './authorization.ts';
import { failure, type Result } from './errors.ts';
import { planEvents } from './plan-events.ts';
import type { Clock, DeclarationRecord, DeclarationStore, OperatorPrincipal } from './ports.ts';

export async function withdrawDeclaration(
  deps: { declarations: DeclarationStore; clock: Clock },
  operator: OperatorPrincipal,
  input: { declarationId: number; reason: string },
): Promise<Result<DeclarationRecord>> {
  const r = await deps.declarations.transition(input.declarationId, { kind: 'operator', id: operator.operatorId }, (current) => {
    if (!canChange(operator, current)) return { ok: false, error: failure('DECLARATION_NOT_FOUND') };
    const plan = planEvents(current, [{ event: { type: 'WITHDRAWN' }, occurredAt: deps.clock.now(), reason: input.reason, detail: null }]);
    return plan.ok ? { ok: true, value: { plan: plan.value, value: null } } : plan;
  });
  return r.ok ? { ok: true, value: r.value.record } : r;
}
