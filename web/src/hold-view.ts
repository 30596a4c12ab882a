// What a declaration page (the operator's and the officer's) says of a held parcel: why it is held and what to do next.
// The hold's own reasons (holdTextOf, as the lookups and the officers' queue say it), not the whole
// explanation an engine hold stores with them (valuation, exchange rate, taxes, combined taxation:
// twenty sentences under "보류 사유"); and the engine's own next step for its hold (holdNextOf:
// "세관의 안내를 기다리세요. 금지물품이면 반송 또는 폐기…") before the lifecycle's general one
// ("submit what customs asks for through the courier"), which told the operator of a prohibited
// good to send papers. An officer's hold: the officer's words, the general next step.
import type { Bilingual } from '../../src/domain/bilingual.ts';
import { nextActionOf, type DeclarationStatus } from '../../src/domain/lifecycle.ts';
import type { Route } from '../../src/domain/assessment.ts';
import { holdNextOf, holdTextOf } from '../../src/domain/queue-why.ts';
import type { TimelineEntry } from '../../src/domain/api-views.ts';

export interface HoldView {
  /** Why it is held; null unless held. */
  reason: Bilingual | null;
  /** What to do next. */
  next: Bilingual;
}

export function holdViewOf(d: { status: string; route: string | null; holdReason: unknown; timeline: readonly TimelineEntry[] }): HoldView {
  // An officer's hold recorded before its hold reason kept the English: the HOLD event's detail has it.
  const holdEvent = d.timeline.findLast((e) => e.type === 'HOLD');
  const reasonEn = holdEvent?.detail && typeof holdEvent.detail.reasonEn === 'string' ? holdEvent.detail.reasonEn : null;
  const text = holdTextOf(d.holdReason, reasonEn);
  return {
    reason: text ? { ko: text.ko, en: text.en } : null,
    next: (d.status === 'held' ? holdNextOf(d.holdReason) : null) ?? nextActionOf(d.status as DeclarationStatus, d.route as Route),
  };
}
