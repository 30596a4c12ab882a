// Turns an accepted declaration and its assessment into the stored row (history columns,
// lifecycle state, read-model status). Shared by intake and corrections.
import type { Assessment, Route } from '../domain/assessment.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import { historyEntryOf } from '../domain/assess.ts';
import { EVENT_DEFINITIONS, initialState, statusOf } from '../domain/lifecycle.ts';
import { signalPoints } from '../domain/queue-points.ts';
import type { DeclarationRow } from './ports.ts';
export { canonicalJson, canonicalJsonOrNull, MAX_NESTING } from '../domain/canonical-json.ts';

/** B/L numbers as the engine keys them: upper case, no spaces or dashes. */
export function normalizeBlNo(bl: string | undefined | null): string | null {
  const k = bl?.trim().toUpperCase().replace(/[\s-]/g, '');
  return k ? k : null;
}

export function holdReasonOf(a: Assessment): unknown {
  return a.route === 'hold' ? { source: 'engine', reasons: a.reasons } : null;
}

/** `contentHash`: the SHA-256 of the declaration's canonicalJson (domain/canonical-json.ts; the caller has the text already). */
export function rowOf(index: number, d: Declaration, a: Assessment, contentHash: string, reference: Reference): DeclarationRow {
  const route = a.route as Route;
  const state = initialState(route);
  const status = statusOf(state);
  const blYear = d.shipment.arrivalDate?.slice(0, 4) ?? d.declaredAt.slice(0, 4);
  return {
    index,
    ref: d.ref,
    contentHash,
    declaration: d,
    assessment: a,
    history: historyEntryOf(d, a, reference),
    pccc: d.consignee.pccc.trim().toUpperCase(),
    mblNo: normalizeBlNo(d.shipment.mblNo),
    blYear,
    route,
    state,
    status,
    holdReason: holdReasonOf(a),
    taxesTotalKrw: a.taxes ? (a.taxes.collected ? a.taxes.totalKrw : 0) : null,
    signalPoints: signalPoints(a.signals),
    courierCode: d.parties?.courier?.code ?? null,
    forwarderCode: d.parties?.forwarder?.code ?? null,
    firstEvent: { type: 'SUBMITTED', nameKo: EVENT_DEFINITIONS.SUBMITTED.nameKo, detail: { route } },
  };
}
