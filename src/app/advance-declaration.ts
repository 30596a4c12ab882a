// Applies a sequence of lifecycle events to one declaration in one transaction, as the
// system (demo data, imports from a customs system). All or nothing.
import type { LifecycleEventType } from '../domain/lifecycle.ts';
import { EVENT_DEFINITIONS } from '../domain/lifecycle.ts';
import { fail, type Result } from './errors.ts';
import { planEvents } from './plan-events.ts';
import type { DeclarationRecord, DeclarationStore } from './ports.ts';

export interface SystemEvent {
  type: LifecycleEventType;
  occurredAt: Date;
  reason?: string | null;
  detail?: Record<string, unknown> | null;
}

/** The declarant's events, and the platform's own (combined taxation decided again: src/app/redecide-combined-members.ts). */
function notAdvanceable(type: LifecycleEventType): boolean {
  const source = EVENT_DEFINITIONS[type].source;
  return source === 'declarant' || source === 'system';
}

export async function advanceDeclaration(
  deps: { declarations: DeclarationStore },
  declarationId: number,
  events: SystemEvent[],
): Promise<Result<{ status: string }>> {
  if (events.some((e) => notAdvanceable(e.type))) return fail('EVENT_NOT_ALLOWED_FOR_ROLE');
  const r = await deps.declarations.transition(declarationId, { kind: 'system', id: null }, (current) => {
    const plan = planEvents(
      current,
      events.map((e) => ({ event: { type: e.type } as never, occurredAt: e.occurredAt, reason: e.reason ?? null, detail: e.detail ?? null })),
    );
    return plan.ok ? { ok: true, value: { plan: plan.value, value: null } } : plan;
  });
  return r.ok ? { ok: true, value: { status: r.value.record.status } } : r;
}

/** Many declarations at once, in one transaction (demo data, bulk imports); each answers on its own. */
export async function advanceDeclarations(
  deps: { declarations: DeclarationStore },
  items: { declarationId: number; events: SystemEvent[] }[],
): Promise<Result<{ status: string }>[]> {
  const allowed = items.map((x) => !x.events.some((e) => notAdvanceable(e.type)));
  const results = await deps.declarations.transitionMany(
    items
      .filter((_, i) => allowed[i])
      .map((x) => ({
        declarationId: x.declarationId,
        actor: { kind: 'system' as const, id: null },
        decide: (current: DeclarationRecord) => {
          const plan = planEvents(
            current,
            x.events.map((e) => ({ event: { type: e.type } as never, occurredAt: e.occurredAt, reason: e.reason ?? null, detail: e.detail ?? null })),
          );
          return plan.ok ? { ok: true as const, value: { plan: plan.value, value: null } } : plan;
        },
      })),
  );
  let k = 0;
  return items.map((_, i): Result<{ status: string }> => {
    if (!allowed[i]) return fail('EVENT_NOT_ALLOWED_FOR_ROLE');
    const r = results[k++]!;
    return r.ok ? { ok: true, value: { status: r.value.record.status } } : r;
  });
}
