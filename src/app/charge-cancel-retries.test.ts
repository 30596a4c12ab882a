// The cancel of a card charge that crossed a hold, tried again before a person refunds it: when the next
// attempt is (or none: a person), and how a pass settles what it claimed.
import { describe, expect, it } from 'vitest';
import { cancelRefusedForGood, nextCancelAttemptAt, processDueChargeCancels } from './charge-cancel-retries.ts';
import type { ChargeCancelJob, ProviderError } from './ports/payment-ports.ts';

const AT = new Date('2026-11-25T03:00:00Z');
const minutesAfter = (d: Date | null) => (d === null ? null : (d.getTime() - AT.getTime()) / 60_000);
const internal: ProviderError = { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: '내부 시스템 처리 작업이 실패했습니다.' };
const notCancelable: ProviderError = { code: 'NOT_CANCELABLE_PAYMENT', message: '취소 할 수 없는 결제 입니다.' };

describe('whether a failed cancel is tried again', () => {
  it('no answer or a passing error of Toss: yes; a refusal (an error object of another kind): no, a person refunds it', () => {
    expect(cancelRefusedForGood(undefined)).toBe(false); // no answer at all (a timeout, a 5xx after the adapter's own retries)
    expect(cancelRefusedForGood(internal)).toBe(false);
    expect(cancelRefusedForGood({ code: 'FORBIDDEN_CONSECUTIVE_REQUEST', message: '' })).toBe(false);
    expect(cancelRefusedForGood({ code: 'PROVIDER_ERROR', message: '' })).toBe(false);
    expect(cancelRefusedForGood(notCancelable)).toBe(true);
    expect(cancelRefusedForGood({ code: 'NOT_CANCELABLE_AMOUNT', message: '' })).toBe(true);
    expect(cancelRefusedForGood({ code: 'NOT_FOUND_PAYMENT', message: '' })).toBe(true);
  });

  it('after attempt n: 1 min × 2^(n−1) later, at most 1 h apart; none after the 8th (exhausted) nor after a refusal', () => {
    // 1 → 1 min; 2 → 2; 3 → 4; 6 → 2^5 = 32; 7 → 2^6 = 64 > 60: 60; 8: the last, handed over. In all, 1+2+4+8+16+32+60 = 123 min after the charge.
    expect([1, 2, 3, 6, 7, 8].map((n) => minutesAfter(nextCancelAttemptAt(AT, n, internal)))).toEqual([1, 2, 4, 32, 60, null]);
    expect(minutesAfter(nextCancelAttemptAt(AT, 1, undefined))).toBe(1);
    expect(nextCancelAttemptAt(AT, 1, notCancelable)).toBeNull();
  });
});

describe('a pass of the cancels due', () => {
  it('sends attempt n+1 (a new Idempotency-Key), settles a cancel that went through, tries a passing failure again, hands over a refusal and the last attempt', async () => {
    const job = (id: number, attempts: number): ChargeCancelJob => ({ id, attempts, provider: 'toss-emulator', providerTx: `tx${id}`, paymentNo: `P${id}`, amountKrw: 136_530 });
    // 1: cancelled on its 2nd attempt; 2: its 3rd fails for a passing reason (next 2^2 = 4 min later); 3: refused on its 2nd; 4: its 8th, the last, fails.
    const answers: Record<string, { ok: boolean; error?: ProviderError }> = { tx1: { ok: true }, tx2: { ok: false, error: internal }, tx3: { ok: false, error: notCancelable }, tx4: { ok: false } };
    const sent: { providerTx: string; attempt?: number }[] = [];
    const settled: unknown[] = [];
    const claims: unknown[] = [];
    const n = await processDueChargeCancels(
      {
        clock: { now: () => AT },
        paymentProvider: {
          name: 'toss-emulator',
          void: async (r: { providerTx: string; attempt?: number }) => {
            sent.push({ providerTx: r.providerTx, attempt: r.attempt });
            return answers[r.providerTx]!;
          },
        } as never,
        taxPayments: {
          claimDueChargeCancels: async (q: unknown) => {
            claims.push(q);
            return [job(1, 1), job(2, 2), job(3, 1), job(4, 7)];
          },
          settleChargeCancel: async (id: number, s: { status: string; nextAttemptAt?: Date | null; error?: string }) => void settled.push([id, { ...s, nextAttemptAt: s.status === 'retry' ? minutesAfter(s.nextAttemptAt!) : undefined }]),
        } as never,
      },
      20,
    );
    expect(claims).toEqual([{ provider: 'toss-emulator', limit: 20, at: AT, leaseMs: 120_000 }]);
    expect(sent).toEqual([
      { providerTx: 'tx1', attempt: 2 },
      { providerTx: 'tx2', attempt: 3 },
      { providerTx: 'tx3', attempt: 2 },
      { providerTx: 'tx4', attempt: 8 },
    ]);
    expect(n).toBe(1); // 4 claimed − 3 failed
    expect(settled).toEqual([
      [1, { status: 'cancelled', nextAttemptAt: undefined }],
      [2, { status: 'retry', nextAttemptAt: 4, error: 'the provider refused the cancel: FAILED_INTERNAL_SYSTEM_PROCESSING (내부 시스템 처리 작업이 실패했습니다.)' }],
      [3, { status: 'retry', nextAttemptAt: null, error: 'the provider refused the cancel: NOT_CANCELABLE_PAYMENT (취소 할 수 없는 결제 입니다.)' }],
      [4, { status: 'retry', nextAttemptAt: null, error: 'the provider did not answer the cancel' }],
    ]);
  });
});
