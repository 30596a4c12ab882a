import { describe, expect, it } from 'vitest';
import { gatewayPayerRef, isReplay } from './record-charge.ts';
import type { TaxPaymentRecord } from './ports/payment-ports.ts';

// A payment stored for a consumer who paid under the code P250000000001 with request key 'k-1'.
const stored = { idempotencyKey: 'k-1', payerKind: 'consumer', payerRef: 'P250000000001' } as TaxPaymentRecord;

describe('the same payment request across a PCCC reissue', () => {
  it('names a consumer to the gateway by the declaration’s code, not the session’s; an operator by its id', () => {
    const d = { pccc: 'P250000000001' };
    // Before the reissue the session is on the declaration's code; after it, on P250000000002: the same key part.
    expect(gatewayPayerRef({ payerKind: 'consumer', payerRef: 'P250000000001' }, d)).toBe('P250000000001');
    expect(gatewayPayerRef({ payerKind: 'consumer', payerRef: 'P250000000002' }, d)).toBe('P250000000001');
    expect(gatewayPayerRef({ payerKind: 'operator', payerRef: '7' }, d)).toBe('7');
  });

  it('replays a consumer’s stored payment under another of the holder’s codes, with the same key only; an operator’s by the same operator only', () => {
    expect(isReplay(stored, 'k-1', { payerKind: 'consumer', payerRef: 'P250000000002' })).toBe(true);
    expect(isReplay(stored, 'k-2', { payerKind: 'consumer', payerRef: 'P250000000002' })).toBe(false);
    expect(isReplay(stored, null, { payerKind: 'consumer', payerRef: 'P250000000001' })).toBe(false);
    expect(isReplay(stored, 'k-1', { payerKind: 'operator', payerRef: 'P250000000001' })).toBe(false);
    const byOperator = { idempotencyKey: 'k-1', payerKind: 'operator', payerRef: '7' } as TaxPaymentRecord;
    expect(isReplay(byOperator, 'k-1', { payerKind: 'operator', payerRef: '7' })).toBe(true);
    expect(isReplay(byOperator, 'k-1', { payerKind: 'operator', payerRef: '8' })).toBe(false);
  });
});
