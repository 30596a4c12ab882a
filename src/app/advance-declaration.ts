// Applies a sequence of lifecycle events to one declaration in one transaction, as the
// system (demo data, imports from a customs system). All or nothing.
import type { LifecycleEventType } from '../domain/lifecycle.ts';
import { EVENT_DEFINITIONS } from '../domain/lifecycle.ts';
import { fail, type Result } from './errors.ts';
import { planEvents } from './plan-events.ts';
import type { DeclarationStore } from './ports.ts';

export interface SystemEvent {
  type: LifecycleEventType;
  occurredAt: Date;
  reason?: string | null;
  detail?: Record<string, unknown> | null;
}

export async function advanceDeclaration(
  deps: { declarations: DeclarationStore },
  declarationId: number,
  events: SystemEvent[],
): Promise<Result<{ status: string }>> {
  if (events.some((e) => EVENT_DEFINITIONS[e.type].source === 'declarant')) return fail('EVENT_NOT_ALLOWED_FOR_ROLE');
  const r = await deps.declarations.transition(declarationId, { kind: 'system', id: null }, (current) => {
    const plan = planEvents(
      current,
      events.map((e) => ({ event: { type: e.type } as never, occurredAt: e.occurredAt, reason: e.reason ?? null, detail: e.detail ?? null })),
    );
    return plan.ok ? { ok: true, value: { plan: plan.value, value: null } } : plan;
  });
  return r.ok ? { ok: true, value: { status: r.value.record.status } } : r;
}
