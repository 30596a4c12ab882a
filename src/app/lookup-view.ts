// The read model shown by lookups: current status, timeline, the reason for any hold, the
// next action, taxes due. Public lookups (cargo number, B/L) leave out personal data.
import type { Taxes } from '../domain/assessment.ts';
import { heldNextOf, holdTextOf } from '../domain/queue-why.ts';
import { formatKrw } from '../domain/money.ts';
import { owesTaxes, type TaxNotice } from '../domain/tax-notice.ts';
import { EVENT_DEFINITIONS, nextActionOf, nextStepsOf, STATUS_TEXT, withoutNothingToDo, type DeclarationStatus } from '../domain/lifecycle.ts';
import { TAX_DUE_DAYS } from '../domain/tax-notice.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import type { Route } from '../domain/assessment.ts';
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

/**
 * The next action as this parcel's reader needs it: the lifecycle's by status (nextActionOf), made
 * exact where the view knows more. A hold says what this hold needs (the engine's own next step; a
 * "not me" report asks nothing of the holder who made it); the taxes assessed say whether there is
 * anything to pay and by when (관세법 제9조① 1: within 15 days of 수리), also on hold (nextStepsOf). Whether they are paid
 * already the public lookup cannot know: it says so. The consumer's own view knows (the notice):
 * its line (paid on a date, due by a date, overdue) takes the place of the hedged sentence.
 */
function nextActionOfView(d: LookupSource, events: readonly LookupEvent[], hold: LookupView['hold'], taxes: LookupView['taxes'], notice: TaxNotice | null): Bilingual {
  const base = nextActionOf(d.status, d.route as Route);
  const due = taxes?.dueKrw ?? 0;
  const amount = { ko: `${formatKrw(due)}원`, en: `KRW ${formatKrw(due)}` };
  if (d.status === 'held') {
    const lastHold = events.findLast((e) => e.type === 'HOLD');
    const step = heldNextOf(d.holdReason, (lastHold?.detail as { source?: unknown } | null)?.source) ?? base;
    // The same steps as the pages' buttons (nextStepsOf): an officer's hold (관세법 제237조) withholds
    // clearance, not the taxes assessed, which may be paid before 수리 (관세법 제9조③); the tracking
    // page said only to answer the hold while /me offered to pay. An engine hold: nothing payable yet.
    if (!nextStepsOf({ status: d.status, route: d.route, taxes, hold }).includes('pay')) return step;
    const tax = notice
      ? notice.reason
      : {
          ko: `세금 ${amount.ko}은 통관보류 중에도 지금 납부할 수 있고, 수리되면 수리일부터 ${TAX_DUE_DAYS}일 이내에 납부해야 합니다(관세법 제9조①·③, 이미 납부했다면 할 일은 없습니다).`,
          en: `Taxes of ${amount.en}: the hold does not cancel them, and you can pay them now; once accepted, they are due within ${TAX_DUE_DAYS} days (Customs Act art. 9(1) and (3); nothing to do if already paid).`,
        };
    return { ko: `${step.ko} ${tax.ko}`, en: `${step.en} ${tax.en}` };
  }
  if (notice && d.status !== 'rejected' && d.status !== 'withdrawn') return withNotice(d, base, notice);
  switch (d.status) {
    case 'cleared':
      return due > 0
        ? {
            ko: `${ACCEPTED.ko} 세금 ${amount.ko}을 수리일부터 ${TAX_DUE_DAYS}일 이내에 납부하세요(이미 납부했다면 할 일은 없습니다). ${DELIVERY_AFTER_RELEASE.ko}`,
            en: `${ACCEPTED.en} Pay the taxes of ${amount.en} within ${TAX_DUE_DAYS} days of acceptance (nothing to do if already paid). ${DELIVERY_AFTER_RELEASE.en}`,
          }
        : {
            ko: `통관되었습니다. 납부할 세금은 없습니다. ${DELIVERY_AFTER_RELEASE.ko} 지금 할 일은 없습니다.`,
            en: `Cleared, with no tax to pay. ${DELIVERY_AFTER_RELEASE.en} Nothing to do now.`,
          };
    case 'released':
      return due > 0
        ? {
            ko: `${base.ko} 세금 ${amount.ko}은 수입신고 수리일부터 ${TAX_DUE_DAYS}일 이내에 납부해야 합니다(이미 납부했다면 할 일은 없습니다).`,
            en: `${base.en} The taxes of ${amount.en} are due within ${TAX_DUE_DAYS} days of acceptance of the import declaration (nothing to do if already paid).`,
          }
        : { ko: `${base.ko} 납부할 세금은 없습니다.`, en: `${base.en} No tax to pay.` };
    case 'rejected':
    case 'withdrawn':
      return base;
    default: {
      // Before 수리: what will be owed, so that nobody is surprised by the notice, and that it can be
      // paid already (the page offers to: a notice has a provisional due date before 수리, tax-notice.ts),
      // in place of the waiting status's "nothing to do now".
      if (due <= 0) return base;
      const waiting = withoutNothingToDo(base);
      return {
        ko: `${waiting.ko} 세금 ${amount.ko}은 지금 미리 납부할 수 있고, 수리되면 수리일부터 ${TAX_DUE_DAYS}일 이내에 납부해야 합니다(이미 납부했다면 할 일은 없습니다).`,
        en: `${waiting.en} Taxes of ${amount.en}: you can pay them now; once accepted, they are due within ${TAX_DUE_DAYS} days (nothing to do if already paid).`,
      };
    }
  }
}

const ACCEPTED: Bilingual = { ko: '수입신고가 수리되었습니다.', en: 'The import declaration was accepted.' };
const DELIVERY_AFTER_RELEASE: Bilingual = { ko: '보세구역에서 반출되면 국내 배송이 시작됩니다.', en: 'Domestic delivery starts once the goods leave the bonded area.' };

/** The next action of a taxed parcel whose notice the reader sees (the consumer's own): the notice's line in place of the hedge. */
function withNotice(d: LookupSource, base: Bilingual, notice: TaxNotice): Bilingual {
  const line = notice.reason;
  if (d.status === 'cleared') {
    return { ko: `${ACCEPTED.ko} ${line.ko} ${DELIVERY_AFTER_RELEASE.ko}`, en: `${ACCEPTED.en} ${line.en} ${DELIVERY_AFTER_RELEASE.en}` };
  }
  // A notice to pay (due or overdue) is something to do: not after "nothing to do now".
  const lead = notice.status === 'due' || notice.status === 'overdue' ? withoutNothingToDo(base) : base;
  return { ko: `${lead.ko} ${line.ko}`, en: `${lead.en} ${line.en}` };
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

/** `notice`: the parcel's tax notice, for a reader who may see it (the consumer's own view); the public view has none. */
export function lookupViewOf(d: LookupSource, events: readonly LookupEvent[], notice: TaxNotice | null = null): LookupView {
  const items = d.declaration.items ?? [];
  const taxes = taxesOf(d.status, d.assessment.taxes);
  const hold = holdOf(d, events);
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
    hold,
    nextAction: nextActionOfView(d, events, hold, taxes, notice),
    taxes,
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
