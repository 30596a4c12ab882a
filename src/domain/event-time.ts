// When a posted cargo event may say it happened (its occurredAt). Every reader orders a parcel's
// history by these times (UNI-PASS API001 lists events newest first by prcsDttm, its summary's
// prcsDttm is the latest), so a time that cannot be true shows every reader an impossible history:
// a 반입신고 dated this afternoon listed above the 반출신고 made this morning, or a 입항보고 of 2020 on
// a parcel ordered last week. Pure: the caller passes now.
import type { Bilingual } from './bilingual.ts';
import { dayNumber, KST_OFFSET_MS } from './dates.ts';
import { EVENT_DEFINITIONS, type LifecycleEventType } from './lifecycle.ts';

/** Clock skew allowed to a poster's clock ahead of the platform's. */
export const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * How long before its declaration date a parcel's cargo events may be dated when the order date is not
 * given. Not the 30 days within which the declaration is due after 반입 (관세법 제241조③): a declaration
 * filed later is late and pays the penalty (가산세, 같은 조 ④), it is not impossible. The goods wait in a
 * bonded warehouse at most 6 months, extendable by 6 (관세법 제177조①, 보세창고), so a history that begins
 * more than a year before the declaration is a mistyped year or another parcel.
 */
export const BEFORE_DECLARATION_DAYS = 365;

/** Events that move the cargo (where the goods are), in UNI-PASS order; the rest move the clearance. */
const CARGO_TYPES: ReadonlySet<LifecycleEventType> = new Set<LifecycleEventType>([
  'ARRIVAL_REPORT_SUBMITTED',
  'ARRIVAL_REPORT_ACCEPTED',
  'MANIFEST_SUBMITTED',
  'MANIFEST_REVIEWED',
  'UNLOADING_ACCEPTED',
  'DISCHARGE_ACCEPTED',
  'BONDED_TRANSPORT_ACCEPTED',
  'WAREHOUSE_IN',
  'WAREHOUSE_OUT',
]);

/** 수리: what 반출 must follow (관세법 제241조, 제157조의2). */
const ACCEPTANCE_TYPES: ReadonlySet<LifecycleEventType> = new Set<LifecycleEventType>(['LIST_CLEARED', 'IMPORT_ACCEPTED']);

export type EventTimeRefusal = {
  code: 'occurred_in_future' | 'occurred_before_order' | 'occurred_before_declaration' | 'occurred_before_previous';
  params: Record<string, string>;
  text: Bilingual;
};

/** An instant as Korea's local time, as UNI-PASS gives it: 2026-12-08 13:08:00. */
export function koreanDateTime(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** 00:00 in Korea of a YYYY-MM-DD date, as an instant; null when not a date. */
function koreanDayStart(date: string): number | null {
  const day = dayNumber(date);
  return day === null ? null : day * 86_400_000 - KST_OFFSET_MS;
}

export interface EventTimeInput {
  type: LifecycleEventType;
  occurredAt: Date;
  now: Date;
  /** The declaration's date and, when declared, the order's (YYYY-MM-DD, Korea's calendar). */
  declaredAt: string;
  purchasedAt?: string | undefined;
  /** Whether the event moves the cargo stage (applyEvent's state differs in cargo): a late record of an earlier step does not. */
  movesCargo: boolean;
  /** The events on record. */
  recorded: readonly { type: LifecycleEventType; occurredAt: string }[];
}

/** null: the time can be true; else why not, naming the time in Korea as UNI-PASS shows it. */
export function checkEventTime(e: EventTimeInput): EventTimeRefusal | null {
  const at = e.occurredAt.getTime();
  const when = koreanDateTime(at);
  if (at > e.now.getTime() + FUTURE_SKEW_MS) {
    const now = koreanDateTime(e.now.getTime());
    return {
      code: 'occurred_in_future',
      params: { occurredAt: when, now },
      text: {
        ko: `처리일시 ${when}(한국 시간)은 미래입니다(지금 ${now}). 일어난 뒤에 실제 일시로 등록하세요. 시간대(+09:00)를 확인하세요.`,
        en: `occurredAt ${when} (Korea time) is in the future (now ${now}). Post an event once it has happened, with the time it happened; check the time zone (+09:00).`,
      },
    };
  }
  const ordered = e.purchasedAt ? koreanDayStart(e.purchasedAt) : null;
  if (ordered !== null && at < ordered) {
    return {
      code: 'occurred_before_order',
      params: { occurredAt: when, purchasedAt: e.purchasedAt! },
      text: {
        ko: `처리일시 ${when}(한국 시간)은 주문일 ${e.purchasedAt} 이전입니다. 주문 전에 화물이 움직일 수 없습니다. 연도와 화물관리번호를 확인하세요.`,
        en: `occurredAt ${when} (Korea time) is before the order date ${e.purchasedAt}: the goods cannot move before they are ordered. Check the year and the cargo number.`,
      },
    };
  }
  const declared = koreanDayStart(e.declaredAt);
  if (ordered === null && declared !== null && at < declared - BEFORE_DECLARATION_DAYS * 86_400_000) {
    return {
      code: 'occurred_before_declaration',
      params: { occurredAt: when, declaredAt: e.declaredAt, days: String(BEFORE_DECLARATION_DAYS) },
      text: {
        ko: `처리일시 ${when}(한국 시간)은 신고일 ${e.declaredAt}보다 ${BEFORE_DECLARATION_DAYS}일 넘게 앞섭니다. 연도와 화물관리번호를 확인하세요.`,
        en: `occurredAt ${when} (Korea time) is more than ${BEFORE_DECLARATION_DAYS} days before the declaration date ${e.declaredAt}. Check the year and the cargo number.`,
      },
    };
  }
  // A step that moves the goods comes after the steps that moved them before it; 반출 after 수리.
  const previous = e.recorded.filter((r) => (e.movesCargo && CARGO_TYPES.has(r.type)) || (e.type === 'WAREHOUSE_OUT' && ACCEPTANCE_TYPES.has(r.type)));
  const latest = previous.reduce<{ type: LifecycleEventType; at: number } | null>((m, r) => {
    const t = new Date(r.occurredAt).getTime();
    return m === null || t > m.at ? { type: r.type, at: t } : m;
  }, null);
  if (latest && at < latest.at) {
    const def = EVENT_DEFINITIONS[latest.type];
    const mine = EVENT_DEFINITIONS[e.type];
    const before = koreanDateTime(latest.at);
    return {
      code: 'occurred_before_previous',
      params: { occurredAt: when, previousType: latest.type, previousAt: before },
      text: {
        ko: `처리일시 ${when}(한국 시간)은 먼저 등록된 '${def.nameKo}'(${before}) 이전입니다. '${mine.nameKo}'은(는) 그 뒤에 일어나므로 그 이후 일시로 등록하세요.`,
        en: `occurredAt ${when} (Korea time) is before the '${def.nameEn}' on record (${before}). '${mine.nameEn}' comes after it: post it with a later time.`,
      },
    };
  }
  return null;
}
