// Turns an accepted declaration and its assessment into the stored row (history columns,
// lifecycle state, read-model status). Shared by intake and corrections.
import type { Assessment, Route } from '../domain/assessment.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import { historyEntryOf } from '../domain/assess.ts';
import { EVENT_DEFINITIONS, initialState, statusOf } from '../domain/lifecycle.ts';
import type { DeclarationRow } from './ports.ts';

/** B/L numbers as the engine keys them: upper case, no spaces or dashes. */
export function normalizeBlNo(bl: string | undefined | null): string | null {
  const k = bl?.trim().toUpperCase().replace(/[\s-]/g, '');
  return k ? k : null;
}

/** Far deeper than any declaration (4 levels): deeper input is refused before it overflows the stack. */
export const MAX_NESTING = 64;

class TooDeeplyNested extends Error {}

/**
 * A stable JSON text (sorted keys) so the same declaration always hashes the same. Built by
 * appending to one string: intake computes it for every declaration of a batch.
 * Throws beyond MAX_NESTING levels (canonicalJsonOrNull answers null there).
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (depth >= MAX_NESTING) throw new TooDeeplyNested();
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + canonicalJson(value[i], depth + 1);
    return text + ']';
  }
  const object = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined) continue;
    text += (text.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(v, depth + 1);
  }
  return text + '}';
}

/** canonicalJson, or null for a value nested deeper than MAX_NESTING (100,000 nested arrays overflowed the stack: a 500). */
export function canonicalJsonOrNull(value: unknown): string | null {
  try {
    return canonicalJson(value);
  } catch (e) {
    if (e instanceof TooDeeplyNested) return null;
    throw e;
  }
}

export function holdReasonOf(a: Assessment): unknown {
  return a.route === 'hold' ? { source: 'engine', reasons: a.reasons } : null;
}

/** `contentHash`: the SHA-256 of the declaration's canonicalJson (the caller has the text already). */
export function rowOf(index: number, d: Declaration, a: Assessment, contentHash: string): DeclarationRow {
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
    history: historyEntryOf(d, a),
    pccc: d.consignee.pccc.trim().toUpperCase(),
    mblNo: normalizeBlNo(d.shipment.mblNo),
    blYear,
    route,
    state,
    status,
    holdReason: holdReasonOf(a),
    taxesTotalKrw: a.taxes ? (a.taxes.collected ? a.taxes.totalKrw : 0) : null,
    courierCode: d.parties?.courier?.code ?? null,
    forwarderCode: d.parties?.forwarder?.code ?? null,
    firstEvent: { type: 'SUBMITTED', nameKo: EVENT_DEFINITIONS.SUBMITTED.nameKo, detail: { route } },
  };
}
