// "Not me": the holder says a declaration under their code is not their order. Before release
// the parcel is held (the lifecycle's HOLD, by the system on the consumer's report; the
// transition table decides whether a hold is still possible) and a misuse case opens for
// officers. The consumer can then suspend and reissue the code from the same screen. The holder's
// confirmation is queued with the case and sent by the worker of the holder's notices (migrations/114).
import { NOT_ME_SOURCE } from '../domain/lifecycle.ts';
import { withNotMeReport } from '../domain/not-me-hold.ts';
import { planEvents, stateOf } from './plan-events.ts';
import { fail, ok, type Result } from './errors.ts';
import { holderOfConsumer, type IdentityDeps } from './identity-deps.ts';
import type { ConsumerPrincipal } from './ports.ts';
import type { HolderNotice, MisuseCaseRecord, RegistryHolder } from './ports/identity-ports.ts';

export const NOT_ME_REASON = {
  ko: '개인통관고유부호 도용 신고: 수하인이 본인 주문이 아니라고 알렸습니다. 세관 확인 전까지 반출되지 않습니다.',
  en: 'PCCC misuse reported: the consignee says this is not their order. Not released until customs has checked.',
};

export { NOT_ME_SOURCE };

/** The holder's confirmation of their "not me" report, in Korean and English: whether the parcel is held, and what to do next. */
export function notMeReportNotice(holder: RegistryHolder, r: { caseId: number; cargoNo: string; held: boolean }, at: Date): HolderNotice {
  return {
    kind: 'not_me_report',
    holder,
    ref: `misuse_case:${r.caseId}`,
    subject: '[통관] 도용 신고 접수',
    text: {
      ko: `화물 ${r.cargoNo}에 대한 '내가 아님' 신고가 접수되었습니다(사건 ${r.caseId}). ${r.held ? '반출이 보류되었습니다.' : '이미 통관이 끝나 보류하지 못했습니다. 세관이 확인합니다.'} 개인통관고유부호를 사용정지하거나 재발급하세요.`,
      en: `Your "not me" report on parcel ${r.cargoNo} was received (case ${r.caseId}). ${r.held ? 'Its release is held.' : 'It had already cleared customs and could not be held; customs will check.'} Suspend or reissue your customs code.`,
    },
    at,
  };
}

export function consentStatusOf(signals: readonly string[]): 'verified' | 'missing' | 'mismatch' | 'unknown' {
  if (signals.includes('VERIFIED_CONSUMER')) return 'verified';
  if (signals.includes('CONSENT_MISMATCH')) return 'mismatch';
  if (signals.includes('CONSENT_MISSING')) return 'missing';
  return 'unknown';
}

export async function reportNotMe(
  deps: IdentityDeps,
  consumer: ConsumerPrincipal,
  input: { cargoNo: string; note?: string },
): Promise<Result<{ case: MisuseCaseRecord; held: boolean; status: string }>> {
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  const d = await deps.declarations.findByCargoNo(input.cargoNo.trim().toUpperCase());
  if (!d || !h.codes.some((c) => c.pccc === d.pccc)) return fail('DECLARATION_NOT_FOUND');
  const now = deps.clock.now();
  let held = d.status === 'held';
  let status: string = d.status;
  const t = await deps.declarations.transition(d.id, { kind: 'system', id: null }, (current) => {
    // Held already (an officer's hold, the engine's): the report is recorded on that hold (withNotMeReport), so the
    // taxes are not payable whatever else holds the parcel (관세법 제19조①1; taxes-payable.ts), and the waiting
    // transfer accounts close with it (the store closes them as for the report's own hold). Before, the report left
    // an officer's hold as it was, and the taxes payable.
    if (current.status === 'held') {
      return ok({ plan: { state: stateOf(current), status: current.status, holdReason: withNotMeReport(current.holdReason, now.toISOString()), events: [] }, value: null });
    }
    const plan = planEvents(current, [
      { event: { type: 'HOLD' }, occurredAt: now, reason: NOT_ME_REASON.ko, detail: { source: NOT_ME_SOURCE, reasonEn: NOT_ME_REASON.en } },
    ]);
    return plan.ok ? { ok: true, value: { plan: plan.value, value: null } } : plan;
  });
  if (t.ok) {
    held = t.value.record.status === 'held';
    status = t.value.record.status;
  } else if (t.error.code !== 'ILLEGAL_TRANSITION') return t;
  const opened = await deps.identity.openMisuseCase(
    {
      holderId: h.holder.holderId,
      pccc: d.pccc,
      declarationId: d.id,
      cargoNo: d.cargoNo,
      operatorId: d.operatorId,
      held,
      consent: consentStatusOf(d.assessment.signals ?? []),
      note: (input.note ?? '').trim().slice(0, 1000),
    },
    // The confirmation is queued with the case (a security notice: whoever reported from a stolen session is seen by the holder).
    (c) => notMeReportNotice(h.holder, { caseId: c.id, cargoNo: d.cargoNo, held }, now),
  );
  deps.onChangeNoticeQueued?.();
  await deps.identity.audit({ actorKind: 'consumer', actorId: null, action: 'pccc.not-me', subject: `declaration:${d.id}`, detail: { caseId: opened.id, held } });
  return ok({ case: opened, held, status });
}
