// Turns an accepted declaration and its assessment into the stored row (history columns,
// lifecycle state, read-model status). Shared by intake and corrections.
import type { Assessment, Route } from '../domain/assessment.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import { historyEntryOf, sellerKeyOf } from '../domain/assess.ts';
import { blYearOf } from '../domain/combine.ts';
import { EVENT_DEFINITIONS, initialState, statusOf } from '../domain/lifecycle.ts';
import { signalPoints } from '../domain/queue-points.ts';
import type { DeclarationRow, StoredHistoryEntry } from './ports.ts';
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
  const blYear = blYearOf(d.shipment.arrivalDate, d.declaredAt);
  return {
    index,
    ref: d.ref,
    contentHash,
    declaration: d,
    assessment: a,
    history: historyEntryOf(d, a, reference),
    sellerKey: sellerKeyOf(d),
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

/**
 * The stored declarations (history entries) that the rows were combined with: those a row's
 * combinedWith names (it lists every other member of its group, in the batch or on record). By
 * ref, so an entry of another consignee or operator with a ref a group names is taken too: the
 * worker decides it again, finds nothing changed and writes nothing. Rows in no group (almost
 * all) cost one length check each.
 */
export function storedMembersJoined(rows: readonly { assessment: Pick<Assessment, 'combinedWith'> }[], fresh: readonly StoredHistoryEntry[]): number[] {
  let refs: Set<string> | null = null;
  for (const r of rows) {
    const w = r.assessment.combinedWith;
    if (w.length === 0) continue;
    refs ??= new Set();
    for (const ref of w) refs.add(ref);
  }
  if (refs === null) return [];
  const found = refs;
  return fresh.filter((h) => found.has(h.ref)).map((h) => h.id);
}
