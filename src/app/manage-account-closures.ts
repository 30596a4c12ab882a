// Closes of virtual accounts at the payment provider that were given up (dead: 12 failed attempts
// over about 17 hours, close-virtual-accounts.ts), for the administrators. Such an account may still
// take a deposit at Toss although the notice is settled here: it must be closed there, or the
// deposit it took must be recorded. An administrator sees why each was given up and tries it again
// (a new round of attempts: sent at once, then retried by the closure worker), e.g. after closing
// the account in Toss's console or once Toss is reachable again; the look-up then settles it.
// Each retry is written to the audit log (who, which close, the outcome), as other administrator actions are.
import type { Bilingual } from '../domain/bilingual.ts';
import { fail, ok, type Result } from './errors.ts';
import type { AccessStore, OfficerPrincipal } from './ports.ts';
import type { ClosureJob, ClosureReason } from './ports/payment-ports.ts';
import type { TaxDeps } from './list-tax-notices.ts';
import { attemptClosure, CLOSURE_LEASE_MS, CLOSURE_RETRY } from './close-virtual-accounts.ts';
import { depositFollowUp } from './record-virtual-account-deposit.ts';
import { explainTossError, type ExplainedProviderError } from './toss-error-text.ts';

/** Why the account had to be closed, as the administrator reads it. */
export const CLOSURE_REASON_TEXT: Record<ClosureReason, Bilingual> = {
  paid_otherwise: { ko: '세금이 다른 방법(카드, 다른 계좌)으로 납부되어 이 계좌는 닫아야 합니다.', en: 'The taxes were paid another way (a card, another account), so this account must be closed.' },
  notice_corrected: { ko: '고지 금액이 정정되어 옛 금액의 계좌는 닫아야 합니다.', en: 'The notice was corrected, so the account for the old amount must be closed.' },
  reversal_after_paid: { ko: '환불 대상이던 입금이 은행에서 취소되어 계좌가 다시 입금 대기가 되었지만, 세금은 이미 납부되어 닫아야 합니다.', en: 'A deposit recorded for a refund was reversed by the bank and the account waits again, but the taxes are paid: it must be closed.' },
  expired: { ko: '입금 기한이 지난 계좌입니다.', en: 'The account is past its deadline.' },
  duplicate_issue: { ko: '같은 순간의 다른 요청에 발급된 계좌가 사용되어 이 계좌는 쓰이지 않습니다.', en: 'Another request at the same moment got the account in use; this one is not used.' },
  declaration_withdrawn: { ko: '신고가 취하되어(관세법 제250조) 낼 세금이 없으므로 이 계좌는 닫아야 합니다.', en: 'The declaration was withdrawn (Customs Act art. 250), so no taxes are owed and this account must be closed.' },
  declaration_rejected: { ko: '통관이 불허되어 낼 세금이 없으므로 이 계좌는 닫아야 합니다.', en: 'Clearance was refused, so no taxes are owed and this account must be closed.' },
  nothing_owed: { ko: '세액이 다시 산정되어 더 낼 세금이 없으므로 이 계좌는 닫아야 합니다.', en: 'The taxes were assessed again and nothing more is owed, so this account must be closed.' },
  held_not_payable: { ko: '다시 판정되어 통관이 보류된 화물이므로, 보류가 해결되어 통관될 때까지 납부할 수 없어 이 계좌는 닫아야 합니다(관세법 제9조).', en: 'Assessed again, the parcel is on hold: nothing can be paid until the hold is resolved and the goods clear (Customs Act art. 9), so this account must be closed.' },
  held_on_not_me: {
    ko: "수하인의 '내가 아님'(개인통관고유부호 도용) 신고로 통관이 보류된 화물입니다. 세관이 물품의 화주(납세의무자, 관세법 제19조①1)를 확인할 때까지 납부할 세금이 없어 이 계좌는 닫아야 합니다.",
    en: 'The parcel is held on the consignee\'s "Not me" report (misuse of their personal customs code): nothing is payable until customs has checked who owns the goods and so owes the taxes (Customs Act art. 19(1)1), so this account must be closed.',
  },
  reversal_of_returned_deposit: {
    ko: '통관보류 중 들어와 돌려줄 대상이던 입금(세금 납부 아님)이 은행에서 취소되어 계좌가 다시 입금 대기가 되었습니다. 이 계좌로 들어오는 입금도 세금 납부가 되지 않으므로 닫아야 합니다. 세금은 아직 납부되지 않았습니다.',
    en: 'A deposit made while the parcel was held, recorded to be returned (it paid no taxes), was reversed by the bank and the account waits again; a deposit into it would pay nothing either, so it must be closed. The taxes are not paid.',
  },
};

export interface AccountClosureView {
  id: number;
  reason: ClosureReason;
  why: Bilingual;
  status: ClosureJob['status'];
  /** Attempts of this round (CLOSURE_RETRY.maxAttempts before it is given up). */
  attempts: number;
  /** Our diagnostic of the last failure (English, for the logs and the development team). */
  lastError: string | null;
  /** The last failure for the administrator: Toss's code in words (ko/en), with Toss's code and message as detail; null when none failed. */
  lastErrorExplained: ExplainedProviderError | null;
  queuedAt: string;
  /** When it was given up (dead) or settled; null while pending. */
  doneAt: string | null;
  account: {
    declarationId: number;
    paymentNo: string;
    amountKrw: number;
    provider: string;
    orderId: string;
    providerTx: string;
    bankCode: string;
    accountNumber: string;
    dueAt: string;
  };
}

export const DEAD_CLOSURES_DEFAULT_LIMIT = 100;

const viewOf = (j: ClosureJob): AccountClosureView => ({
  id: j.id,
  reason: j.reason,
  why: CLOSURE_REASON_TEXT[j.reason] ?? { ko: j.reason, en: j.reason },
  status: j.status,
  attempts: j.attempts,
  lastError: j.lastError,
  lastErrorExplained: j.lastError === null && j.lastProviderError === null ? null : explainTossError(j.lastProviderError),
  queuedAt: j.createdAt,
  doneAt: j.doneAt,
  account: {
    declarationId: j.account.declarationId,
    paymentNo: j.account.paymentNo,
    amountKrw: j.account.amountKrw,
    provider: j.account.provider,
    orderId: j.account.orderId,
    providerTx: j.account.providerTx,
    bankCode: j.account.bankCode,
    accountNumber: j.account.accountNumber,
    dueAt: j.account.dueAt,
  },
});

/** The closes given up, the most recently given up first, and how many there are in all. */
export async function listDeadAccountClosures(deps: Pick<TaxDeps, 'virtualAccounts'>, q: { limit: number }): Promise<{ closures: AccountClosureView[]; total: number; maxAttempts: number }> {
  const [jobs, total] = await Promise.all([deps.virtualAccounts.listDeadClosures(q), deps.virtualAccounts.countDeadClosures()]);
  return { closures: jobs.map(viewOf), total, maxAttempts: CLOSURE_RETRY.maxAttempts };
}

export type RetryOutcome = 'closed' | 'deposited' | 'retry';

/**
 * Tries a dead close again, now: closed at the provider, found deposited (the deposit path records
 * it: a refund due when the taxes are paid), or failed again (pending: the worker goes on with a
 * new round of attempts). Not dead (unknown, or already retried): ACCOUNT_CLOSURE_NOT_FOUND.
 */
export async function retryAccountClosure(
  deps: TaxDeps & { access: Pick<AccessStore, 'audit'> },
  admin: OfficerPrincipal,
  id: number,
): Promise<Result<{ outcome: RetryOutcome; closure: AccountClosureView }>> {
  const job = await deps.virtualAccounts.retryDeadClosure(id, { at: deps.clock.now(), leaseMs: CLOSURE_LEASE_MS });
  if (!job) return fail('ACCOUNT_CLOSURE_NOT_FOUND');
  const attempted = await attemptClosure(deps, job, depositFollowUp(deps));
  const failed = typeof attempted === 'object';
  const settled: ClosureJob = {
    ...job,
    attempts: job.attempts + 1,
    requests: job.requests + 1,
    status: failed ? 'pending' : attempted,
    lastError: failed ? attempted.retry : job.lastError,
    lastProviderError: failed ? attempted.providerError : job.lastProviderError,
    doneAt: failed ? null : deps.clock.now().toISOString(),
  };
  const outcome: RetryOutcome = failed ? 'retry' : attempted;
  // When: the log's own time (audit_log.at). Only a retry tried is logged: a 404 changed nothing.
  await deps.access.audit({
    actorKind: 'officer',
    actorId: admin.userId,
    action: 'account-closure.retry',
    subject: `account-closure:${job.id}`,
    detail: { outcome, error: failed ? attempted.retry : null, providerError: failed ? attempted.providerError : null, reason: job.reason, declarationId: job.account.declarationId, paymentNo: job.account.paymentNo, orderId: job.account.orderId },
  });
  return ok({ outcome, closure: viewOf(settled) });
}
