// Officers hold, release (lift a hold), reject, or clear (수리) a declaration, with a reason.
import type { LifecycleEventType } from '../domain/lifecycle.ts';
import { fail, type Result } from './errors.ts';
import { planEvents } from './plan-events.ts';
import type { Clock, DeclarationRecord, DeclarationStore, OfficerPrincipal } from './ports.ts';

export type OfficerAction = 'hold' | 'release' | 'reject' | 'clear';

function eventFor(action: OfficerAction, current: DeclarationRecord): LifecycleEventType {
  switch (action) {
    case 'hold':
      return 'HOLD';
    case 'release':
      return 'HOLD_RELEASED';
    case 'reject':
      return 'REJECTED';
    case 'clear':
      // 목록통관: 통관목록심사완료; 수입신고: 수입신고수리.
      return current.clearanceStage === 'list_submitted' ? 'LIST_CLEARED' : 'IMPORT_ACCEPTED';
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

export async function recordOfficerDecision(
  deps: { declarations: DeclarationStore; clock: Clock },
  officer: OfficerPrincipal,
  input: { declarationId: number; action: OfficerAction; reason: string; detail?: Record<string, unknown> },
): Promise<Result<DeclarationRecord>> {
  const r = await deps.declarations.transition(input.declarationId, { kind: 'officer', id: officer.userId }, (current) => {
    const plan = planEvents(current, [
      {
        event: { type: eventFor(input.action, current) } as never,
        occurredAt: deps.clock.now(),
        reason: input.reason,
        detail: { officer: officer.username, ...(input.detail ?? {}) },
      },
    ]);
    return plan.ok ? { ok: true, value: { plan: plan.value, value: null } } : plan;
  });
  if (!r.ok) return r.error.code === 'DECLARATION_NOT_FOUND' ? fail('DECLARATION_NOT_FOUND') : r;
  return { ok: true, value: r.value.record };
}
