// The declaration lifecycle as a transition table and one pure function, applyEvent.
// Two dimensions move independently, as they do in UNI-PASS: where the cargo is
// (입항 → 하기 → 반입 → 반출) and where the clearance is (통관목록/수입신고 → 수리).
// Event names (nameKo) are the UNI-PASS cargTrcnRelaBsopTpcd vocabulary (domain-rules §7.2).
import type { Bilingual } from './bilingual.ts';
import type { Route } from './assessment.ts';
import { TAX_DUE_DAYS } from './tax-notice.ts';
import { taxesPayableNow } from './taxes-payable.ts';

export type CargoStage = 'pre_arrival' | 'arrival_reported' | 'arrived' | 'unloaded' | 'in_warehouse' | 'released';
export type ClearanceStage =
  | 'declared'
  | 'list_submitted'
  | 'import_declared'
  | 'under_review'
  | 'cleared'
  | 'held'
  | 'rejected'
  | 'withdrawn';

/** What the read model shows as "the" status. */
export type DeclarationStatus =
  | 'declared'
  | 'arrival_reported'
  | 'arrived'
  | 'unloaded'
  | 'in_warehouse'
  | 'list_submitted'
  | 'import_declared'
  | 'under_review'
  | 'held'
  | 'cleared'
  | 'released'
  | 'rejected'
  | 'withdrawn';

export interface LifecycleState {
  route: Route;
  clearance: ClearanceStage;
  cargo: CargoStage;
  /** The clearance stage a hold interrupted; a release returns there. */
  heldFrom: ClearanceStage | null;
}

export type LifecycleEventType =
  | 'SUBMITTED'
  | 'ARRIVAL_REPORT_SUBMITTED'
  | 'ARRIVAL_REPORT_ACCEPTED'
  | 'MANIFEST_SUBMITTED'
  | 'MANIFEST_REVIEWED'
  | 'UNLOADING_ACCEPTED'
  | 'DISCHARGE_ACCEPTED'
  | 'BONDED_TRANSPORT_ACCEPTED'
  | 'WAREHOUSE_IN'
  | 'LIST_RECEIVED'
  | 'LIST_CLEARED'
  | 'IMPORT_DECLARED'
  | 'IMPORT_REVIEW_STARTED'
  | 'IMPORT_ACCEPTED'
  | 'WAREHOUSE_OUT'
  | 'HOLD'
  | 'HOLD_RELEASED'
  | 'REJECTED'
  | 'AMENDED'
  | 'WITHDRAWN'
  | 'COMBINED_REASSESSED'
  | 'COMBINED_AFTER_CLEARANCE'
  | 'REFERENCE_REASSESSED'
  | 'REFERENCE_CORRECTED_AFTER_CLEARANCE';

/**
 * Who may post an event: cargo parties (courier, warehouse, broker), officers, the declarant;
 * 'system': only the platform itself records it (combined taxation decided again), never a request.
 */
export type EventSource = 'cargo' | 'officer' | 'declarant' | 'system';

export interface EventDefinition {
  nameKo: string;
  nameEn: string;
  source: EventSource;
}

export const EVENT_DEFINITIONS: Record<LifecycleEventType, EventDefinition> = {
  SUBMITTED: { nameKo: '신고접수', nameEn: 'Declaration received', source: 'declarant' },
  ARRIVAL_REPORT_SUBMITTED: { nameKo: '입항보고 제출', nameEn: 'Arrival report submitted', source: 'cargo' },
  ARRIVAL_REPORT_ACCEPTED: { nameKo: '입항보고 수리', nameEn: 'Arrival report accepted', source: 'cargo' },
  MANIFEST_SUBMITTED: { nameKo: '입항적하목록 제출', nameEn: 'Inbound manifest submitted', source: 'cargo' },
  MANIFEST_REVIEWED: { nameKo: '입항적하목록 심사완료', nameEn: 'Inbound manifest reviewed', source: 'cargo' },
  UNLOADING_ACCEPTED: { nameKo: '하기신고 수리', nameEn: 'Unloading (air) accepted', source: 'cargo' },
  DISCHARGE_ACCEPTED: { nameKo: '하선신고 수리', nameEn: 'Discharge (sea) accepted', source: 'cargo' },
  BONDED_TRANSPORT_ACCEPTED: { nameKo: '보세운송신고 수리', nameEn: 'Bonded transport accepted', source: 'cargo' },
  WAREHOUSE_IN: { nameKo: '반입신고', nameEn: 'Brought into bonded area', source: 'cargo' },
  LIST_RECEIVED: { nameKo: '통관목록접수', nameEn: 'Clearance list received', source: 'cargo' },
  LIST_CLEARED: { nameKo: '통관목록심사완료', nameEn: 'Clearance list examined (cleared)', source: 'officer' },
  IMPORT_DECLARED: { nameKo: '수입신고', nameEn: 'Import declaration filed', source: 'cargo' },
  IMPORT_REVIEW_STARTED: { nameKo: '수입(사용소비) 심사진행', nameEn: 'Import examination in progress', source: 'officer' },
  IMPORT_ACCEPTED: { nameKo: '수입신고수리', nameEn: 'Import declaration accepted', source: 'officer' },
  WAREHOUSE_OUT: { nameKo: '반출신고', nameEn: 'Taken out of bonded area', source: 'cargo' },
  HOLD: { nameKo: '통관보류', nameEn: 'Clearance on hold', source: 'officer' },
  HOLD_RELEASED: { nameKo: '통관보류 해제', nameEn: 'Hold released', source: 'officer' },
  REJECTED: { nameKo: '통관불허', nameEn: 'Clearance refused', source: 'officer' },
  AMENDED: { nameKo: '신고정정', nameEn: 'Declaration corrected', source: 'declarant' },
  WITHDRAWN: { nameKo: '신고취하', nameEn: 'Declaration withdrawn', source: 'declarant' },
  // Not UNI-PASS 처리구분 values (the UNI-PASS answers leave them out, as they do 신고정정): named in
  // the same style. A later declaration combined with this one (고시 제68조) changed its assessment
  // (재산정: a new version), or was combined with it after 수리 (the decision stands; a note for
  // the post-clearance review).
  COMBINED_REASSESSED: { nameKo: '합산과세 재산정', nameEn: 'Re-assessed for combined taxation', source: 'system' },
  COMBINED_AFTER_CLEARANCE: { nameKo: '수리 후 합산 대상 통보', nameEn: 'Combined after clearance (for post-clearance review)', source: 'system' },
  // Reference data the decision was made with was corrected (a data-file version with `corrects`):
  // decided again before 수리, noted for review after it (src/domain/reference-corrections.ts).
  REFERENCE_REASSESSED: { nameKo: '참조자료 정정 재판정', nameEn: 'Re-assessed after a reference-data correction', source: 'system' },
  REFERENCE_CORRECTED_AFTER_CLEARANCE: { nameKo: '수리 후 참조자료 정정 통보', nameEn: 'Reference data corrected after clearance (for post-clearance review)', source: 'system' },
};

export const LIFECYCLE_EVENT_TYPES = Object.keys(EVENT_DEFINITIONS) as LifecycleEventType[];

export type LifecycleEvent =
  | { type: Exclude<LifecycleEventType, 'AMENDED' | 'COMBINED_REASSESSED' | 'REFERENCE_REASSESSED'> }
  | {
      type: 'AMENDED' | 'COMBINED_REASSESSED' | 'REFERENCE_REASSESSED';
      route: Route;
      /** AMENDED, REFERENCE_REASSESSED: the hold the declaration is under is the engine's own (its route), not an officer's; planEvents sets it from the hold reason. */
      engineHold?: boolean;
    };

export type TransitionRefusal = {
  code: 'ILLEGAL_TRANSITION';
  from: LifecycleState;
  event: LifecycleEventType;
  ko: string;
  en: string;
};

export type TransitionResult = { ok: true; state: LifecycleState } | { ok: false; refusal: TransitionRefusal };

const CARGO_ORDER: CargoStage[] = ['pre_arrival', 'arrival_reported', 'arrived', 'unloaded', 'in_warehouse', 'released'];
const ACTIVE: ClearanceStage[] = ['declared', 'list_submitted', 'import_declared', 'under_review'];
const TERMINAL: ClearanceStage[] = ['rejected', 'withdrawn'];

/** The state right after intake: a declaration the engine routes to 'hold' starts on hold. */
export function initialState(route: Route): LifecycleState {
  return route === 'hold'
    ? { route, clearance: 'held', cargo: 'pre_arrival', heldFrom: 'declared' }
    : { route, clearance: 'declared', cargo: 'pre_arrival', heldFrom: null };
}

/** The clearance stages at which the import declaration (수입신고) is filed and stands, until 수리. */
const IMPORT_FILED: ClearanceStage[] = ['import_declared', 'under_review'];

/**
 * Whether the parcel's import declaration (수입신고) is filed and not yet accepted: at its stage, or
 * at the stage a hold interrupted. From then on it clears on that declaration: a decision made again
 * keeps it in general clearance (src/domain/combined-redecision.ts, keptOnFiledImportDeclaration).
 */
export function importDeclarationFiled(s: Pick<LifecycleState, 'clearance' | 'heldFrom'>): boolean {
  return IMPORT_FILED.includes(s.clearance) || (s.clearance === 'held' && s.heldFrom !== null && IMPORT_FILED.includes(s.heldFrom));
}

/** Where a route changed by a decision made again leaves the clearance: at its filed import declaration, else declared (what was filed no longer fits). */
function filedStage(s: LifecycleState): ClearanceStage {
  return importDeclarationFiled(s) ? (s.clearance === 'held' ? s.heldFrom! : s.clearance) : 'declared';
}

function later(a: CargoStage, b: CargoStage): CargoStage {
  return CARGO_ORDER.indexOf(a) >= CARGO_ORDER.indexOf(b) ? a : b;
}

/**
 * The transition table. For each event: the stages it may happen in, and the next state.
 * Returning null from `next` means "not allowed from here".
 */
type Rule = (s: LifecycleState, e: LifecycleEvent) => LifecycleState | null;

const cargoStep =
  (allowed: CargoStage[], to: CargoStage, keepLater = false): Rule =>
  (s) =>
    TERMINAL.includes(s.clearance) || !allowed.includes(s.cargo) ? null : { ...s, cargo: keepLater ? later(s.cargo, to) : to };

const clearanceStep =
  (allowed: ClearanceStage[], to: ClearanceStage, routes?: Route[]): Rule =>
  (s) =>
    !allowed.includes(s.clearance) || (routes && !routes.includes(s.route)) ? null : { ...s, clearance: to };

const MANIFEST_STAGES: CargoStage[] = ['pre_arrival', 'arrival_reported', 'arrived'];
const LANDED: CargoStage[] = ['arrival_reported', 'arrived', 'unloaded', 'in_warehouse'];

export const TRANSITIONS: Record<LifecycleEventType, Rule> = {
  // Intake creates the state (initialState); it is never a transition.
  SUBMITTED: () => null,
  ARRIVAL_REPORT_SUBMITTED: cargoStep(MANIFEST_STAGES, 'arrival_reported', true),
  MANIFEST_SUBMITTED: cargoStep(MANIFEST_STAGES, 'arrival_reported', true),
  MANIFEST_REVIEWED: cargoStep(MANIFEST_STAGES, 'arrival_reported', true),
  ARRIVAL_REPORT_ACCEPTED: cargoStep(MANIFEST_STAGES, 'arrived', true),
  UNLOADING_ACCEPTED: cargoStep(['arrival_reported', 'arrived'], 'unloaded'),
  DISCHARGE_ACCEPTED: cargoStep(['arrival_reported', 'arrived'], 'unloaded'),
  BONDED_TRANSPORT_ACCEPTED: cargoStep(['arrived', 'unloaded'], 'unloaded'),
  WAREHOUSE_IN: cargoStep(['arrived', 'unloaded'], 'in_warehouse'),
  // 반출 only after 수리 (관세법 제241조, 제157조의2).
  WAREHOUSE_OUT: (s) => (s.cargo === 'in_warehouse' && s.clearance === 'cleared' ? { ...s, cargo: 'released' } : null),
  // The clearance list is filed once the goods are reported in (UNI-PASS: after 하기신고, before or after 반입).
  LIST_RECEIVED: (s) => (LANDED.includes(s.cargo) ? clearanceStep(['declared'], 'list_submitted', ['list'])(s, { type: 'LIST_RECEIVED' }) : null),
  LIST_CLEARED: clearanceStep(['list_submitted'], 'cleared'),
  IMPORT_DECLARED: (s) =>
    LANDED.includes(s.cargo) ? clearanceStep(['declared'], 'import_declared', ['general', 'hold'])(s, { type: 'IMPORT_DECLARED' }) : null,
  IMPORT_REVIEW_STARTED: clearanceStep(['import_declared'], 'under_review'),
  IMPORT_ACCEPTED: clearanceStep(['import_declared', 'under_review'], 'cleared'),
  HOLD: (s) => (ACTIVE.includes(s.clearance) && s.cargo !== 'released' ? { ...s, clearance: 'held', heldFrom: s.clearance } : null),
  HOLD_RELEASED: (s) => (s.clearance === 'held' ? { ...s, clearance: s.heldFrom ?? 'declared', heldFrom: null } : null),
  REJECTED: (s) => ([...ACTIVE, 'held'].includes(s.clearance) && s.cargo !== 'released' ? { ...s, clearance: 'rejected', heldFrom: null } : null),
  // Corrections before the list/import declaration is filed, or while held; the engine may re-route.
  AMENDED: (s, e) => {
    if (e.type !== 'AMENDED' || !['declared', 'held'].includes(s.clearance)) return null;
    // A correction of a parcel held after its 수입신고 is decided on that filed declaration: never route list (keptOnFiledImportDeclaration).
    if (e.route === 'list' && importDeclarationFiled(s)) return null;
    if (s.clearance === 'held') {
      // The engine's own hold (prohibited goods, over the self-use quantity, a liquor volume not
      // declared) is its route: a correction it routes elsewhere lifts it, as the hold's next action
      // says (관세법 제249조 보완). An officer's hold stays until an officer releases it (관세법 제237조).
      if (e.engineHold && e.route !== 'hold') return { ...s, route: e.route, clearance: s.heldFrom ?? 'declared', heldFrom: null };
      return { ...s, route: e.route };
    }
    return e.route === 'hold' ? { ...s, route: e.route, clearance: 'held', heldFrom: 'declared' } : { ...s, route: e.route };
  },
  WITHDRAWN: (s) => ([...ACTIVE, 'held'].includes(s.clearance) && s.cargo !== 'released' ? { ...s, clearance: 'withdrawn', heldFrom: null } : null),
  // Until 수리, at any clearance stage. A changed route undoes the clearance list filed for the old
  // one (목록통관 배제: an import declaration is needed); the parcel is back to declared and the
  // courier files the import declaration. A hold stays (an officer's hold is not the engine's to
  // lift) and is released to declared. A filed import declaration is never undone: it serves the
  // general and the hold routes alike, and route 'list' is refused (the decision keeps such a
  // parcel general: combined-redecision.ts), so the history's 수입신고 and the route always agree.
  COMBINED_REASSESSED: (s, e) => {
    if (e.type !== 'COMBINED_REASSESSED' || !e.route || ![...ACTIVE, 'held'].includes(s.clearance) || s.cargo === 'released') return null;
    if (e.route === s.route) return s;
    if (e.route === 'list' && importDeclarationFiled(s)) return null;
    const back = filedStage(s);
    if (s.clearance === 'held') return { ...s, route: e.route, heldFrom: back };
    return e.route === 'hold' ? { ...s, route: e.route, clearance: 'held', heldFrom: back } : { ...s, route: e.route, clearance: back };
  },
  // After 수리 (cleared or released): the state stays; the event is the record.
  COMBINED_AFTER_CLEARANCE: (s) => (s.clearance === 'cleared' ? s : null),
  // As COMBINED_REASSESSED, but the engine's own hold made with the data now corrected goes with it
  // when the engine routes the parcel elsewhere; an officer's hold stays (관세법 제237조).
  REFERENCE_REASSESSED: (s, e) => {
    if (e.type !== 'REFERENCE_REASSESSED' || !e.route || ![...ACTIVE, 'held'].includes(s.clearance) || s.cargo === 'released') return null;
    if (e.route === s.route) return s;
    if (e.route === 'list' && importDeclarationFiled(s)) return null;
    const back = filedStage(s);
    if (s.clearance === 'held') {
      if (e.engineHold && e.route !== 'hold') return { ...s, route: e.route, clearance: back, heldFrom: null };
      return { ...s, route: e.route, heldFrom: back };
    }
    return e.route === 'hold' ? { ...s, route: e.route, clearance: 'held', heldFrom: back } : { ...s, route: e.route, clearance: back };
  },
  REFERENCE_CORRECTED_AFTER_CLEARANCE: (s) => (s.clearance === 'cleared' ? s : null),
};

export function applyEvent(state: LifecycleState, event: LifecycleEvent): TransitionResult {
  const next = TRANSITIONS[event.type](state, event);
  if (next) return { ok: true, state: next };
  const def = EVENT_DEFINITIONS[event.type];
  const status = statusOf(state);
  return {
    ok: false,
    refusal: {
      code: 'ILLEGAL_TRANSITION',
      from: state,
      event: event.type,
      ko: `현재 상태(${STATUS_TEXT[status].ko})에서는 '${def.nameKo}' 처리를 할 수 없습니다.`,
      en: `'${def.nameEn}' is not allowed while the declaration is ${STATUS_TEXT[status].en.toLowerCase()}.`,
    },
  };
}

export function statusOf(state: LifecycleState): DeclarationStatus {
  switch (state.clearance) {
    case 'withdrawn':
    case 'rejected':
    case 'held':
      return state.clearance;
    case 'cleared':
      return state.cargo === 'released' ? 'released' : 'cleared';
    case 'list_submitted':
    case 'import_declared':
    case 'under_review':
      return state.clearance;
    case 'declared':
      return cargoStatus(state.cargo);
    default: {
      const never: never = state.clearance;
      throw new Error(`unknown clearance stage ${String(never)}`);
    }
  }
}

function cargoStatus(cargo: CargoStage): DeclarationStatus {
  switch (cargo) {
    case 'pre_arrival':
      return 'declared';
    case 'arrival_reported':
    case 'arrived':
    case 'unloaded':
    case 'in_warehouse':
      return cargo;
    case 'released':
      return 'released'; // cannot happen before clearance; kept total
    default: {
      const never: never = cargo;
      throw new Error(`unknown cargo stage ${String(never)}`);
    }
  }
}

export const STATUS_TEXT: Record<DeclarationStatus, Bilingual> = {
  declared: { ko: '신고접수', en: 'Declared' },
  arrival_reported: { ko: '입항보고', en: 'Arrival reported' },
  arrived: { ko: '입항', en: 'Arrived' },
  unloaded: { ko: '하기완료', en: 'Unloaded' },
  in_warehouse: { ko: '반입', en: 'In bonded warehouse' },
  list_submitted: { ko: '통관목록접수', en: 'Clearance list received' },
  import_declared: { ko: '수입신고', en: 'Import declared' },
  under_review: { ko: '심사진행', en: 'Under examination' },
  held: { ko: '통관보류', en: 'On hold' },
  cleared: { ko: '통관완료(수리)', en: 'Cleared' },
  released: { ko: '반출완료', en: 'Released' },
  rejected: { ko: '통관불허', en: 'Refused' },
  withdrawn: { ko: '신고취하', en: 'Withdrawn' },
};

/**
 * An officer's hold or refusal, or a withdrawal, came after the engine's assessment: its "next
 * step" (e.g. released without tax) no longer holds, the lifecycle's does (nextActionOf). The
 * officer's page and the consumer's own parcels (GET /api/v1/consumer/declarations) both say so.
 */
export function nextStepsSuperseded(status: string): boolean {
  return status === 'held' || status === 'rejected' || status === 'withdrawn';
}

/** The engine's reasons as they still hold at this status: without its NEXT_* advice once nextStepsSuperseded. */
export function reasonsAtStatus<R extends { code: string }>(reasons: readonly R[], status: string): R[] {
  return nextStepsSuperseded(status) ? reasons.filter((r) => !r.code.startsWith('NEXT_')) : [...reasons];
}

/** What the waiting statuses end with; a reader that offers something to do (a payment) says it in its place (lookup-view.ts). */
export const NOTHING_TO_DO: Bilingual = { ko: '지금 할 일은 없습니다.', en: 'Nothing to do now.' };

/** A next action without its closing "nothing to do now", if it has one. */
export function withoutNothingToDo(b: Bilingual): Bilingual {
  const cut = (s: string, tail: string) => (s.endsWith(` ${tail}`) ? s.slice(0, -tail.length - 1) : s);
  return { ko: cut(b.ko, NOTHING_TO_DO.ko), en: cut(b.en, NOTHING_TO_DO.en) };
}

/** What a lookup's reader can do about a parcel, besides what its next action says to wait for: pay its taxes, ask customs. */
export type NextStep = 'pay' | 'consult';

/**
 * The steps a parcel's lookups offer, in order: one rule for the public tracking page, the consumer's
 * own parcels (/me) and the next action's text (src/app/lookup-view.ts), which disagreed on a taxed
 * parcel an officer held (the tracking page offered only to consult, /me to pay too).
 * - pay: taxes collected and owed (dueKrw > 0: a refused or withdrawn parcel owes none), also while an
 *   officer holds the parcel: a hold (통관의 보류, 관세법 제237조) withholds clearance, not the tax
 *   assessed, which may be paid before 수리 (관세법 제9조③) and is due within 15 days of it (제9조① 1).
 *   Not while the engine holds it (its tax notice is not payable until the hold is resolved), nor on the
 *   consignee's own "not me" report (`hold`: the view's hold, its code CONSUMER_REPORT_HOLD): who owns the
 *   goods, and so owes their taxes (관세법 제19조①1), is what customs checks. Both by taxesPayableNow
 *   (taxes-payable.ts), the rule the tax notice and the account closing follow.
 * - consult: held or refused, to ask customs about the hold or the refusal.
 */
export function nextStepsOf(p: { status: DeclarationStatus; route: string; taxes: { collected: boolean; dueKrw: number } | null; hold?: { codes: readonly string[] } | null }): NextStep[] {
  const steps: NextStep[] = [];
  // Payable now by the one rule (taxes-payable.ts) the notice and the account closing follow: the view's hold codes say whose hold it is.
  if (p.taxes?.collected && p.taxes.dueKrw > 0 && taxesPayableNow({ status: p.status, route: p.route, holdCodes: p.hold?.codes ?? null })) steps.push('pay');
  if (p.status === 'held' || p.status === 'rejected') steps.push('consult');
  return steps;
}

/**
 * The next action a consumer or operator should expect or take, by status: what happens next and
 * whether anyone has to act. The lookups (src/app/lookup-view.ts) say more where they know more: the
 * engine's own next step of a hold, a "not me" report, the taxes assessed.
 */
export function nextActionOf(status: DeclarationStatus, route: Route): Bilingual {
  switch (status) {
    case 'declared':
    case 'arrival_reported':
      return { ko: `물품이 한국에 도착(입항)하기를 기다리고 있습니다. ${NOTHING_TO_DO.ko}`, en: `Waiting for the goods to arrive in Korea. ${NOTHING_TO_DO.en}` };
    case 'arrived':
    case 'unloaded':
      return { ko: `물품이 입항했습니다. 보세구역(세관 창고) 반입을 기다리고 있습니다. ${NOTHING_TO_DO.ko}`, en: `The goods have arrived; waiting for them to enter the bonded area (customs warehouse). ${NOTHING_TO_DO.en}` };
    case 'in_warehouse':
      return route === 'list'
        ? { ko: `보세구역에 반입되었습니다. 특송업체가 통관목록을 제출합니다. ${NOTHING_TO_DO.ko}`, en: `In the bonded area; the courier files the clearance list. ${NOTHING_TO_DO.en}` }
        : { ko: `보세구역에 반입되었습니다. 관세사 또는 특송업체가 수입신고를 합니다. ${NOTHING_TO_DO.ko}`, en: `In the bonded area; a customs broker or the courier files the import declaration. ${NOTHING_TO_DO.en}` };
    case 'list_submitted':
    case 'import_declared':
    case 'under_review':
      return { ko: `세관 심사를 기다리고 있습니다. ${NOTHING_TO_DO.ko}`, en: `Waiting for customs examination. ${NOTHING_TO_DO.en}` };
    case 'held':
      return {
        ko: '보류 사유를 확인하고, 세관이 요청한 서류나 확인은 통관을 맡은 특송업체 또는 관세사를 통해 세관에 제출하세요. 보류가 해제되면 통관이 이어집니다.',
        en: 'Check the hold reason and give customs what it asks for through the courier or customs broker handling the clearance. Clearance continues once the hold is released.',
      };
    case 'cleared':
      // 목록통관 is within the de minimis: no tax notice. 수입신고: the taxes are due within 15 days of 수리 (관세법 제9조① 1).
      return route === 'list'
        ? { ko: `통관목록 심사가 끝나 통관되었습니다. 보세구역에서 반출되면 국내 배송이 시작됩니다. ${NOTHING_TO_DO.ko}`, en: `The clearance list was examined and the parcel cleared. Domestic delivery starts once the goods leave the bonded area. ${NOTHING_TO_DO.en}` }
        : {
            ko: `수입신고가 수리되었습니다. 세금이 부과되었다면 수리일부터 ${TAX_DUE_DAYS}일 이내에 납부하세요. 보세구역에서 반출되면 국내 배송이 시작됩니다.`,
            en: `The import declaration was accepted. If taxes were assessed, pay them within ${TAX_DUE_DAYS} days of acceptance. Domestic delivery starts once the goods leave the bonded area.`,
          };
    case 'released':
      return { ko: '보세구역에서 반출되어 국내 배송 중입니다.', en: 'Out of the bonded area, out for domestic delivery.' };
    case 'rejected':
      return {
        ko: '통관이 불허되어 물품은 국내로 반입되지 않습니다. 불허 사유를 확인하고, 반송 또는 폐기 절차는 특송업체에 문의하세요.',
        en: 'Clearance was refused: the goods are not imported. Check the refusal reason, and ask the courier about return or disposal.',
      };
    case 'withdrawn':
      return {
        ko: '신고가 취하되어 이 신고로는 통관·배송되지 않습니다. 물품을 다시 신고하는지, 반송·환불하는지는 신고한 업체(판매자·구매대행·배송대행지 또는 특송업체)에 문의하세요.',
        en: 'The declaration was withdrawn: the goods are not cleared or delivered under it. Ask the business that filed it (the seller, purchase agent, forwarder or courier) whether it is declared again, returned or refunded.',
      };
    default: {
      const never: never = status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

export { NOT_ME_SOURCE } from './not-me-hold.ts';
