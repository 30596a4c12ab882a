// The read model shown by lookups: current status, timeline, the reason for any hold, the
// next action, taxes due. Public lookups (cargo number, B/L) leave out personal data.
import type { Taxes } from '../domain/assessment.ts';
import { holdTextOf } from '../domain/queue-why.ts';
import { owesTaxes } from '../domain/tax-notice.ts';
import { EVENT_DEFINITIONS, nextActionOf, STATUS_TEXT, type DeclarationStatus } from '../domain/lifecycle.ts';
import type { DeclarationRecord, EventRecord } from './ports.ts';
import type { LookupView, TimelineEntry } from '../domain/api-views.ts';
export type { LookupView, TimelineEntry };

/** What the lookup view needs of a declaration (a stored record, or a row being inserted). */
export type LookupSource = Pick<
  DeclarationRecord,
  'cargoNo' | 'status' | 'route' | 'hblNo' | 'mblNo' | 'blYear' | 'declaredAt' | 'holdReason' | 'declaration' | 'assessment'
>;
export type LookupEvent = Pick<EventRecord, 'type' | 'nameKo' | 'occurredAt' | 'reason' | 'detail' | 'statusAfter'>;

function holdOf(d: LookupSource, events: readonly LookupEvent[]): LookupView['hold'] {
  if (d.status !== 'held') return null;
  // Holds recorded before the hold reason kept its English text: the English is in the HOLD event's detail.
  return holdTextOf(d.holdReason, reasonEnOf(events.findLast((e) => e.type === 'HOLD')?.detail));
}

function reasonEnOf(detail: unknown): string | null {
  const en = (detail as { reasonEn?: unknown } | null)?.reasonEn;
  return typeof en === 'string' && en ? en : null;
}

/**
 * The public and the consumer's timeline leave out who decided (an officer's username) and the refs
 * of the other declarations a parcel was combined with (of other parcels, maybe of another
 * operator): for the declaration's operator and officers only.
 */
function publicDetail(detail: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!detail || !('officer' in detail || 'combinedWith' in detail)) return detail;
  const { officer: _officer, combinedWith: _refs, ...rest } = detail;
  return Object.keys(rest).length ? rest : null;
}

function taxesOf(status: DeclarationStatus, t: Taxes | null): LookupView['taxes'] {
  if (!t) return null;
  return {
    // Owed only while the parcel can still be imported: a refused (통관불허) or withdrawn declaration
    // owes nothing, as its tax notice says (owesTaxes); the assessed lines stay for the record.
    dueKrw: owesTaxes(status, t) ? t.totalKrw : 0,
    collected: t.collected,
    dutyKrw: t.dutyKrw,
    vatKrw: t.vatKrw,
    exciseKrw: t.exciseKrw,
    educationKrw: t.educationKrw,
    liquorKrw: t.liquorKrw,
  };
}

export function timelineOf(events: readonly LookupEvent[]): TimelineEntry[] {
  return events.map((e) => ({
    type: e.type,
    nameKo: e.nameKo,
    nameEn: EVENT_DEFINITIONS[e.type]?.nameEn ?? e.type,
    occurredAt: e.occurredAt,
    reason: e.reason,
    detail: e.detail,
    statusAfter: e.statusAfter,
  }));
}

export function lookupViewOf(d: LookupSource, events: readonly LookupEvent[]): LookupView {
  const items = d.declaration.items ?? [];
  return {
    cargoNo: d.cargoNo,
    status: d.status,
    statusText: STATUS_TEXT[d.status],
    route: d.route,
    hblNo: d.hblNo,
    mblNo: d.mblNo,
    blYear: d.blYear,
    declaredAt: d.declaredAt,
    goods: { description: items[0]?.description ?? '', itemCount: items.length },
    hold: holdOf(d, events),
    nextAction: nextActionOf(d.status, d.route),
    taxes: taxesOf(d.status, d.assessment.taxes),
    timeline: timelineOf(events).map((e) => ({ ...e, detail: publicDetail(e.detail) })),
  };
}

/**
 * The stored form of the lookup read model (declaration_lookup.body): the view as JSON text,
 * written with each event and sent by the lookup routes as it is. ASCII only (asciiJson).
 */
export function lookupBodyOf(d: LookupSource, events: readonly LookupEvent[]): string {
  return asciiJson(JSON.stringify(lookupViewOf(d, events)));
}

const NON_ASCII = /[\u0080-\uffff]/g;
const escapes = new Map<string, string>(); // by code unit, as met (Hangul: a few thousand)
const escapeUnit = (unit: string) => {
  let e = escapes.get(unit);
  if (e === undefined) escapes.set(unit, (e = `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return e;
};

/**
 * JSON text with every non-ASCII code unit written as a \uXXXX escape (RFC 8259 §7: the same
 * value for every parser). The lookup routes send the stored text as it is; a text with Hangul
 * is a two-byte string in V8, which the driver decodes and the socket write encodes on every
 * lookup, while an ASCII one takes the one-byte paths both ways: bench:lookup +10 to +20 %
 * (alternated runs; +18 to +27 % on the same stored rows), for about 7 µs once when the body is
 * written and ~14 % more bytes.
 */
export function asciiJson(json: string): string {
  return json.replace(NON_ASCII, escapeUnit);
}
