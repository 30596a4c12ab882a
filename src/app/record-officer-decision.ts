// Officers hold, release (lift a hold), reject, or clear (수리) a declaration, with a reason.
import { applyEvent, EVENT_DEFINITIONS, type LifecycleEvent, type LifecycleEventType } from '../domain/lifecycle.ts';
import { fail, type AppError, type Result } from './errors.ts';
import { planEvents, stateOf } from './plan-events.ts';
import type { Clock, DeclarationRecord, DeclarationStore, OfficerPrincipal } from './ports.ts';
import { alertHolder, type HolderAlerts } from './alert-holder.ts';
import type { HolderMessage } from './ports/identity-ports.ts';

export type OfficerAction = 'hold' | 'release' | 'reject' | 'clear';

function eventFor(action: OfficerAction, current: DeclarationRecord): LifecycleEventType {
  switch (action) {
    case 'hold':
      return 'HOLD';
    case 'release':
      return 'HOLD_RELEASED';
    case 'reject':
      return 'REJECTED';
    case 'clear': {
      // 목록통관: 통관목록심사완료; 수입신고: 수입신고수리. Held, by the stage the hold interrupted; before
      // anything is filed, by the route (a list parcel's 수리 would be 통관목록심사완료: its refusal said 수입신고수리).
      const stage = current.clearanceStage === 'held' ? current.heldFrom : current.clearanceStage;
      if (stage === 'list_submitted') return 'LIST_CLEARED';
      if (stage === 'import_declared' || stage === 'under_review') return 'IMPORT_ACCEPTED';
      return current.route === 'list' ? 'LIST_CLEARED' : 'IMPORT_ACCEPTED';
    }
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

/**
 * Telling the PCCC holder of an officer's hold, its release or a refusal (the consumer must act on a hold:
 * send what customs asks for; before, they learnt of it only by opening the portal). Best effort after the
 * commit, as the consultation answer alerts: the decision is on /track and /me either way.
 */
export interface DecisionAlerts extends HolderAlerts {
  /** The portal's origin, for the link to the parcel's page. */
  origin: string;
}

/** The alert of `action` on the parcel `cargoNo`, the reason as the officer wrote it (the English one, else the Korean, in the English part); null: nothing to tell (a clearance goes on by itself). */
export function decisionAlertMessage(action: OfficerAction, cargoNo: string, reason: { ko: string; en?: string | null }, origin: string): HolderMessage | null {
  const link = `${origin}/track?cargoNo=${encodeURIComponent(cargoNo)}`;
  const ko = reason.ko.trim().replace(/[.。]$/, '');
  const en = (reason.en?.trim() || reason.ko.trim()).replace(/[.。]$/, '');
  const text = (() => {
    switch (action) {
      case 'hold':
        return {
          subject: '[통관] 통관보류 안내',
          ko: `화물관리번호 ${cargoNo}: 세관이 통관을 보류했습니다. 사유: ${ko}. 세관이 요청한 서류나 확인은 통관을 맡은 특송업체 또는 관세사를 통해 제출하세요. 진행 상황: ${link}`,
          en: `Customs has held ${cargoNo}. Reason: ${en}. Send what customs asks for through your courier or customs broker. Progress: ${link}`,
        };
      case 'release':
        return {
          subject: '[통관] 통관보류 해제 안내',
          ko: `화물관리번호 ${cargoNo}: 세관이 통관보류를 해제했습니다(${ko}). 통관이 이어집니다. 진행 상황: ${link}`,
          en: `Customs has released the hold on ${cargoNo} (${en}). Clearance goes on. Progress: ${link}`,
        };
      case 'reject':
        return {
          subject: '[통관] 통관 불허 안내',
          ko: `화물관리번호 ${cargoNo}: 세관이 통관을 불허했습니다. 사유: ${ko}. 반송·폐기 등은 통관을 맡은 특송업체 또는 관세사에 문의하세요. 진행 상황: ${link}`,
          en: `Customs has refused clearance of ${cargoNo}. Reason: ${en}. Ask your courier or customs broker about returning or disposing of it. Progress: ${link}`,
        };
      case 'clear':
        return null;
      default: {
        const never: never = action;
        throw new Error(`unknown action ${String(never)}`);
      }
    }
  })();
  return text ? { subject: text.subject, body: `[Tonggwan 통관] ${text.ko} / ${text.en}`, url: `/track?cargoNo=${encodeURIComponent(cargoNo)}` } : null;
}

async function tellHolder(alerts: DecisionAlerts, record: DeclarationRecord, action: OfficerAction, reason: string, reasonEn: string | null): Promise<void> {
  const message = decisionAlertMessage(action, record.cargoNo, { ko: reason, en: reasonEn }, alerts.origin);
  if (message) await alertHolder(alerts, record.pccc, message); // the decision is recorded and shown either way
}

const ACTIONS: OfficerAction[] = ['hold', 'release', 'reject', 'clear'];

/**
 * A decision the state does not allow names the decisions possible now (details.allowedActions, and in the
 * text with the event each records), and, when 수리 is not possible because nothing is filed yet, what the
 * courier files first: "'통관보류 해제' is not allowed while …" alone left the officer guessing, as the
 * cargo events' refusals did before they named allowedNow (record-cargo-event.ts).
 */
function withAllowedActions(error: AppError, current: DeclarationRecord): AppError {
  if (error.code !== 'ILLEGAL_TRANSITION') return error;
  const state = stateOf(current);
  const allowedActions = ACTIONS.filter((a) => applyEvent(state, { type: eventFor(a, current) } as LifecycleEvent).ok);
  const named = (lang: 'ko' | 'en') =>
    allowedActions.map((a) => (lang === 'ko' ? `${a}(${EVENT_DEFINITIONS[eventFor(a, current)].nameKo})` : `${a} (${EVENT_DEFINITIONS[eventFor(a, current)].nameEn})`)).join(', ');
  const possible = allowedActions.length
    ? { ko: `지금 할 수 있는 처리: ${named('ko')}.`, en: `Possible now: ${named('en')}.` }
    : { ko: '지금은 할 수 있는 처리가 없습니다.', en: 'No decision is possible now.' };
  // 수리 waits for what the courier files: the clearance list (목록통관) or the import declaration.
  const stage = state.clearance === 'held' ? state.heldFrom : state.clearance;
  const awaiting =
    !allowedActions.includes('clear') && stage === 'declared'
      ? current.route === 'list'
        ? { ko: ' 수리(clear)는 특송업체의 통관목록접수(LIST_RECEIVED) 뒤에 할 수 있습니다.', en: ' Clearance (clear) follows the courier’s clearance list (LIST_RECEIVED).' }
        : { ko: ' 수리(clear)는 수입신고(IMPORT_DECLARED) 뒤에 할 수 있습니다.', en: ' Clearance (clear) follows the import declaration (IMPORT_DECLARED).' }
      : { ko: '', en: '' };
  return {
    ...error,
    ko: `${error.ko} ${possible.ko}${awaiting.ko}`,
    en: `${error.en} ${possible.en}${awaiting.en}`,
    details: { ...(error.details as object), allowedActions },
  };
}

export async function recordOfficerDecision(
  deps: { declarations: DeclarationStore; clock: Clock; decisionAlerts?: DecisionAlerts | null },
  officer: OfficerPrincipal,
  input: { declarationId: number; action: OfficerAction; reason: string; detail?: Record<string, unknown> },
): Promise<Result<DeclarationRecord>> {
  const r = await deps.declarations.transition(input.declarationId, { kind: 'officer', id: officer.userId }, (current) => {
    const plan = planEvents(current, [
      {
        event: { type: eventFor(input.action, current) } as never,
        occurredAt: deps.clock.now(),
        reason: input.reason,
        detail: { officer: officer.username, ...(input.detail ?? {}) },
      },
    ]);
    return plan.ok ? { ok: true, value: { plan: plan.value, value: null } } : { ok: false, error: withAllowedActions(plan.error, current) };
  });
  if (!r.ok) return r.error.code === 'DECLARATION_NOT_FOUND' ? fail('DECLARATION_NOT_FOUND') : r;
  if (deps.decisionAlerts) {
    const reasonEn = typeof input.detail?.['reasonEn'] === 'string' ? input.detail['reasonEn'] : null;
    await tellHolder(deps.decisionAlerts, r.value.record, input.action, input.reason, reasonEn);
  }
  return { ok: true, value: r.value.record };
}
