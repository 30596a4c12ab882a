// Plans lifecycle events against a stored declaration with the pure state machine.
import { applyEvent, EVENT_DEFINITIONS, statusOf, type LifecycleEvent, type LifecycleState } from '../domain/lifecycle.ts';
import { fail, ok, type Result } from './errors.ts';
import type { DeclarationRecord, TransitionPlan } from './ports.ts';

export interface PlannedEvent {
  event: LifecycleEvent;
  occurredAt: Date;
  reason: string | null;
  detail: unknown;
}

export function stateOf(d: DeclarationRecord): LifecycleState {
  return { route: d.route, clearance: d.clearanceStage, cargo: d.cargoStage, heldFrom: d.heldFrom };
}

export function planEvents(current: DeclarationRecord, events: PlannedEvent[], holdReasonOnAmend: unknown = null): Result<TransitionPlan> {
  let state = stateOf(current);
  let holdReason = current.holdReason;
  const planned: TransitionPlan['events'] = [];
  for (const e of events) {
    const r = applyEvent(state, e.event);
    if (!r.ok) {
      return fail(
        'ILLEGAL_TRANSITION',
        { event: e.event.type, status: statusOf(state), clearance: state.clearance, cargo: state.cargo, route: state.route },
        { ko: r.refusal.ko, en: r.refusal.en },
      );
    }
    state = r.state;
    if (e.event.type === 'HOLD') {
      // The English text travels in the event's detail (officer decisions, "not me" reports); the lookups show it in English.
      const reasonEn = (e.detail as { reasonEn?: unknown } | null)?.reasonEn;
      holdReason = { source: 'officer', reason: e.reason, ...(typeof reasonEn === 'string' && reasonEn ? { reasonEn } : {}), at: e.occurredAt.toISOString() };
    }
    else if (state.clearance !== 'held') holdReason = null;
    else if (e.event.type === 'AMENDED' || e.event.type === 'COMBINED_REASSESSED') holdReason = holdReasonOnAmend ?? holdReason;
    planned.push({
      type: e.event.type,
      nameKo: EVENT_DEFINITIONS[e.event.type].nameKo,
      occurredAt: e.occurredAt,
      reason: e.reason,
      detail: e.detail ?? null,
      statusAfter: statusOf(state),
    });
  }
  return ok({ state, status: statusOf(state), holdReason, events: planned });
}
