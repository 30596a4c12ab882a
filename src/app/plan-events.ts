// Plans lifecycle events against a stored declaration with the pure state machine.
import { applyEvent, EVENT_DEFINITIONS, NOT_ME_SOURCE, statusOf, type LifecycleEvent, type LifecycleState } from '../domain/lifecycle.ts';
import { withNotMeReport } from '../domain/not-me-hold.ts';
import { fail, ok, type Result } from './errors.ts';
import type { DeclarationRecord, TransitionPlan } from './ports.ts';

export interface PlannedEvent {
  event: LifecycleEvent;
  occurredAt: Date;
  reason: string | null;
  detail: unknown;
}

/** A hold reason written by the engine at intake or on a new assessment (holdReasonOf), not by an officer or a "not me" report. */
export function isEngineHold(holdReason: unknown): boolean {
  return (holdReason as { source?: unknown } | null)?.source === 'engine';
}

export function stateOf(d: DeclarationRecord): LifecycleState {
  return { route: d.route, clearance: d.clearanceStage, cargo: d.cargoStage, heldFrom: d.heldFrom };
}

export function planEvents(current: DeclarationRecord, events: PlannedEvent[], holdReasonOnAmend: unknown = null): Result<TransitionPlan> {
  let state = stateOf(current);
  let holdReason = current.holdReason;
  const planned: TransitionPlan['events'] = [];
  for (const e of events) {
    // Whose hold it is, the engine's or an officer's, is known from the hold reason, not the state.
    const event: LifecycleEvent = e.event.type === 'AMENDED' || e.event.type === 'REFERENCE_REASSESSED' ? { ...e.event, engineHold: isEngineHold(holdReason) } : e.event;
    const r = applyEvent(state, event);
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
      // A consignee's "not me" report holds too (report-not-me.ts, NOT_ME_SOURCE): its hold reason said
      // 'officer' while its event said 'consumer-report', so the API told operators an officer had held it.
      const source = (e.detail as { source?: unknown } | null)?.source === NOT_ME_SOURCE ? NOT_ME_SOURCE : 'officer';
      holdReason = { source, reason: e.reason, ...(typeof reasonEn === 'string' && reasonEn ? { reasonEn } : {}), at: e.occurredAt.toISOString() };
    }
    else if (state.clearance !== 'held') holdReason = null;
    // Still held after a new assessment: the engine's reasons replace its own earlier ones, never an officer's.
    else if ((e.event.type === 'AMENDED' || e.event.type === 'COMBINED_REASSESSED' || e.event.type === 'REFERENCE_REASSESSED') && (holdReason === null || isEngineHold(holdReason))) {
      // A "not me" report recorded on the engine's hold stays on the hold that replaces it (not-me-hold.ts withNotMeReport).
      const notMe = (holdReason as { notMe?: { at: string } } | null)?.notMe;
      holdReason = holdReasonOnAmend ?? holdReason;
      if (notMe && state.clearance === 'held') holdReason = withNotMeReport(holdReason, notMe.at);
    }
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
