// Couriers, forwarders and bonded warehouses post cargo events (입항, 하기, 반입, 통관목록접수,
// 수입신고, 반출 …). The state machine refuses illegal ones with ILLEGAL_TRANSITION.
import { canonicalJson } from '../domain/canonical-json.ts';
import { checkEventTime } from '../domain/event-time.ts';
import { applyEvent, EVENT_DEFINITIONS, LIFECYCLE_EVENT_TYPES, type LifecycleEvent, type LifecycleEventType } from '../domain/lifecycle.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import { canPostCargoEvent } from './authorization.ts';
import { fail, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import { planEvents, stateOf } from './plan-events.ts';
import type { AppError } from './errors.ts';
import type { Clock, DeclarationRecord, DeclarationStore, EventRecord, Principal } from './ports.ts';

export interface CargoEventInput {
  cargoNo?: string;
  declarationId?: number;
  type: LifecycleEventType;
  occurredAt?: string;
  /** UNI-PASS event fields: shedNm, shedSgn, dclrNo, rlbrCn, rlbrBssNo, bfhnGdncCn, wght, pckGcnt … */
  detail?: Record<string, unknown>;
  reason?: string;
}

export interface RecordCargoEventDeps {
  declarations: DeclarationStore;
  clock: Clock;
}

export interface RecordedEvent {
  declarationId: number;
  cargoNo: string;
  status: string;
  event: Pick<EventRecord, 'type' | 'nameKo' | 'occurredAt'> & { id: number; nameEn: string };
  /** True when this post repeats an event already recorded (a retry): nothing new was recorded or sent. */
  replayed: boolean;
}

/**
 * A retry of an event already recorded: same type, same occurredAt, same reason and detail. Only
 * an event that carries its own occurredAt can be recognised (one stamped by the server on
 * arrival differs from its retry by its time). Two copies in flight at once: see recordCargoEvent.
 */
function sameEvent(e: EventRecord, input: CargoEventInput, occurredAt: Date): boolean {
  return (
    e.type === input.type &&
    new Date(e.occurredAt).getTime() === occurredAt.getTime() &&
    (e.reason ?? null) === (input.reason ?? null) &&
    canonicalJson(e.detail ?? null) === canonicalJson(input.detail ?? null)
  );
}

/** Who may post an event type: cargo parties post cargo events, officers also post officer events. */
function mayPost(principal: Principal | 'system', type: LifecycleEventType): boolean {
  const source = EVENT_DEFINITIONS[type].source;
  if (principal === 'system') return source === 'cargo' || source === 'officer'; // not the declarant's, nor the platform's own (combined taxation)
  if (principal.kind === 'officer') return source === 'cargo' || source === 'officer';
  return principal.kind === 'operator' && source === 'cargo';
}

/** The event types this party may post (mayPost), in the lifecycle's order. */
function postableTypes(principal: Principal | 'system'): LifecycleEventType[] {
  return LIFECYCLE_EVENT_TYPES.filter((t) => mayPost(principal, t));
}

/**
 * The refusal of a type this party may not post: the field (body.type), who records the type instead
 * and the types the party may post ("This event type cannot be posted by this party" left an
 * integrator guessing which ones it may).
 */
function notAllowedForRole(principal: Principal | 'system', type: LifecycleEventType): Result<never> {
  const allowedTypes = postableTypes(principal);
  const list = allowedTypes.join(', ');
  const { nameKo, nameEn, source } = EVENT_DEFINITIONS[type];
  const text: Bilingual =
    source === 'officer'
      ? { ko: `세관이 등록하는 처리구분입니다: ${nameKo}(${type}). 등록할 수 있는 처리구분: ${list}.`, en: `${type} (${nameEn}) is recorded by customs, not posted by an operator. You can post: ${list}.` }
      : source === 'declarant'
        ? {
            ko: `신고 API로 하는 처리입니다: ${nameKo}(${type}). 신고는 POST /api/v1/declarations, 정정은 PATCH /api/v1/declarations/{id}, 취하는 POST /api/v1/declarations/{id}/withdraw로 하세요. 화물 이벤트로 등록할 수 있는 처리구분: ${list}.`,
            en: `${type} (${nameEn}) is made through the declarations API, not posted as a cargo event: submit with POST /api/v1/declarations, correct with PATCH /api/v1/declarations/{id}, withdraw with POST /api/v1/declarations/{id}/withdraw. Cargo events you can post: ${list}.`,
          }
        : { ko: `플랫폼이 스스로 기록하는 처리구분입니다: ${nameKo}(${type}). 등록할 수 있는 처리구분: ${list}.`, en: `${type} (${nameEn}) is recorded by the platform itself, never posted. You can post: ${list}.` };
  return fail('EVENT_NOT_ALLOWED_FOR_ROLE', { path: 'body.type', type, allowedTypes }, text);
}

export async function recordCargoEvent(
  deps: RecordCargoEventDeps,
  principal: Principal | 'system',
  input: CargoEventInput,
): Promise<Result<RecordedEvent>> {
  if (!mayPost(principal, input.type)) return notAllowedForRole(principal, input.type);
  if (input.declarationId === undefined && !input.cargoNo) {
    const text = { ko: '화물관리번호(cargoNo) 또는 신고 id(declarationId) 중 하나는 필수입니다.', en: 'Give the cargo management number (cargoNo) or the declaration id (declarationId).' };
    return invalidRequest(requestFieldError('body.cargoNo', 'one_of_required', { fields: 'cargoNo, declarationId' }, text));
  }
  // Cargo numbers in any case, trimmed, as the public lookups take them (find-by-cargo-number.ts).
  const cargoNo = input.cargoNo ? input.cargoNo.trim().toUpperCase() : undefined;
  const find = () => (input.declarationId !== undefined ? deps.declarations.findById(input.declarationId) : deps.declarations.findByCargoNo(cargoNo!));
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : deps.clock.now();
  // A retry is recognised by its own occurredAt (sameEvent). The check reads the events before the
  // declaration is locked, so the transition re-checks, under the lock, that nothing was recorded
  // since (updatedAt moves with every event): if something was, the events are read again (two
  // copies of one request in flight at once record it once). Bounded: each round means another
  // event was recorded meanwhile.
  // A 404 names the field that found nothing, as other errors name theirs (the id when given: find() reads by it).
  const notFound = { path: input.declarationId !== undefined ? 'body.declarationId' : 'body.cargoNo' };
  for (let attempt = 0; ; attempt++) {
    const target = await find();
    if (!target) return fail('DECLARATION_NOT_FOUND', notFound);
    if (principal !== 'system' && !canPostCargoEvent(principal, target)) return fail('DECLARATION_NOT_FOUND', notFound);
    // Both given: they must name the same parcel, else the event would land, silently, on the
    // parcel of the id while the sender meant the number's (checked after the visibility check,
    // so it tells nothing about a parcel the sender cannot see).
    if (input.declarationId !== undefined && cargoNo !== undefined && target.cargoNo !== cargoNo) {
      return invalidRequest(requestFieldError('body.cargoNo', 'cargo_no_mismatch', { cargoNo: input.cargoNo, declarationId: input.declarationId }));
    }
    const onRecord = await deps.declarations.eventsOf(target.id);
    if (input.occurredAt) {
      const recorded = onRecord.find((e) => sameEvent(e, input, occurredAt));
      if (recorded) {
        return {
          ok: true,
          value: {
            declarationId: target.id,
            cargoNo: target.cargoNo,
            status: target.status,
            event: { id: recorded.id, type: recorded.type, nameKo: recorded.nameKo, nameEn: EVENT_DEFINITIONS[recorded.type].nameEn, occurredAt: new Date(recorded.occurredAt).toISOString() },
            replayed: true,
          },
        };
      }
    }
    // The events read above also bound the new one's time (checkEventTime), so they must still be all there are.
    const checkAgain = attempt < MAX_ROUNDS;
    const r = await deps.declarations.transition(target.id, actorOf(principal), (current) => {
      if (checkAgain && current.updatedAt !== target.updatedAt) return fail('CONCURRENT_UPDATE');
      const plan = planEvents(current, [{ event: { type: input.type } as never, occurredAt, reason: input.reason ?? null, detail: input.detail ?? null }]);
      if (!plan.ok) return { ok: false, error: withAllowedNow(plan.error, principal, current) };
      // A time no reader can be shown (in the future, before the order, before the step it follows): UNI-PASS
      // and the lookups order the history by it. Checked after the state machine, which says more.
      const badTime = checkEventTime({
        type: input.type,
        occurredAt,
        now: deps.clock.now(),
        declaredAt: current.declaredAt,
        purchasedAt: current.declaration.order?.purchasedAt,
        movesCargo: plan.value.state.cargo !== current.cargoStage,
        recorded: onRecord,
      });
      if (badTime) return invalidRequest(requestFieldError('body.occurredAt', badTime.code, badTime.params, badTime.text));
      return { ok: true, value: { plan: plan.value, value: null } };
    });
    if (!r.ok && r.error.code === 'CONCURRENT_UPDATE') continue;
    if (!r.ok) return r;
    const e = r.value;
    return {
      ok: true,
      value: {
        declarationId: e.record.id,
        cargoNo: e.record.cargoNo,
        status: e.record.status,
        event: { id: e.eventIds[0]!, type: input.type, nameKo: EVENT_DEFINITIONS[input.type].nameKo, nameEn: EVENT_DEFINITIONS[input.type].nameEn, occurredAt: occurredAt.toISOString() },
        replayed: false,
      },
    };
  }
}

/**
 * An event out of order names what the poster can post now (details.allowedNow, and in the text):
 * "'반입신고' is not allowed while … arrival reported" alone left the courier guessing the next step.
 */
function withAllowedNow(error: AppError, principal: Principal | 'system', current: DeclarationRecord): AppError {
  if (error.code !== 'ILLEGAL_TRANSITION') return error;
  const state = stateOf(current);
  const possible = (t: LifecycleEventType) => applyEvent(state, { type: t } as LifecycleEvent).ok;
  const allowedNow = postableTypes(principal).filter(possible);
  // What customs may record now, the poster being unable to (통관목록심사완료 before 반출): "Nothing can be
  // posted now" alone did not say the parcel waits for customs, nor that a withdrawn one waits for nobody.
  const awaiting = LIFECYCLE_EVENT_TYPES.filter((t) => EVENT_DEFINITIONS[t].source === 'officer' && !allowedNow.includes(t) && possible(t));
  const list = allowedNow.join(', ');
  const named = (lang: 'ko' | 'en') => awaiting.map((t) => (lang === 'ko' ? `${EVENT_DEFINITIONS[t].nameKo}(${t})` : `${t} (${EVENT_DEFINITIONS[t].nameEn})`)).join(', ');
  const text = allowedNow.length
    ? { ko: `지금 등록할 수 있는 처리구분: ${list}.`, en: `Possible now: ${list}.` }
    : awaiting.length
      ? { ko: `지금은 등록할 수 있는 처리구분이 없습니다. 세관의 처리를 기다리고 있습니다: ${named('ko')}.`, en: `Nothing can be posted now. Waiting for customs: ${named('en')}.` }
      : { ko: '이 신고는 더 이상 처리할 수 없습니다.', en: 'Nothing can be posted now: no further event can be recorded for this declaration.' };
  return {
    ...error,
    ko: `${error.ko} ${text.ko}`,
    en: `${error.en} ${text.en}`,
    details: { ...(error.details as object), allowedNow, awaiting },
  };
}

const MAX_ROUNDS = 5; // beyond, the event is recorded without the re-check (the check before the lock still ran)

function actorOf(principal: Principal | 'system') {
  if (principal === 'system') return { kind: 'system' as const, id: null };
  if (principal.kind === 'officer') return { kind: 'officer' as const, id: principal.userId };
  return { kind: 'operator' as const, id: principal.kind === 'operator' ? principal.operatorId : null };
}

/** Many events in order (one transaction each); each answers on its own. */
export async function recordCargoEvents(
  deps: RecordCargoEventDeps,
  principal: Principal | 'system',
  inputs: CargoEventInput[],
): Promise<Result<RecordedEvent>[]> {
  const out: Result<RecordedEvent>[] = [];
  for (const input of inputs) out.push(await recordCargoEvent(deps, principal, input));
  return out;
}
