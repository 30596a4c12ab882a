// The fixture of the browser tests of taxes assessed again after payment (tax-reassessed,
// tax-shortfall): a jacket declared at one price, its notice paid by card by the consumer, then the
// declaration corrected to another price before the import declaration is filed.
import { expect } from 'vitest';
import { api, consumerToken, declaration, type TestPlatform } from '../support/test-platform.ts';

export const PAYER = { pccc: 'P123456789012', name: '김민지', phone: '010-1234-5678', postcode: '06236' } as const;

export interface PaidThenCorrected {
  operator: { id: number; key: string; code: string };
  consumer: { token: string; expiresAt: string };
  declarationId: number;
  cargoNo: string;
  /** The notice as paid (its amount and taxes) and the payment's receipt number. */
  paid: { amountKrw: number; dutyKrw: number; receiptNo: string };
  /** The notice after the correction. */
  notice: { amountKrw: number; refund?: { refundNo: string; refundBy: string } };
}

/** `ref` also names the operator (its code) and the order; prices are USD. */
export async function paidThenCorrected(t: TestPlatform, o: { ref: string; operatorCode: string; usd: number; correctedUsd: number }): Promise<PaidThenCorrected> {
  const jacket = (price: number) =>
    declaration(o.ref, {
      order: { orderNo: `O-${o.ref}`, purchasedAt: '2026-11-14', currency: 'USD' },
      items: [{ description: '자켓 Nike', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
    });
  const operator = await t.operator(o.operatorCode, 'forwarder');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: PAYER.pccc, name: PAYER.name, phone: PAYER.phone.replace(/\D/g, ''), postcodes: [PAYER.postcode], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [jacket(o.usd)] } });
  const declarationId = submitted.body.results[0].declarationId as number;
  const token = await consumerToken(t.base, PAYER.pccc, PAYER.name, PAYER.phone, PAYER.postcode);
  const due = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices[0];
  const r = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${declarationId}/payments`, {
    token,
    body: { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' },
  });
  expect(r.status).toBe(201);
  // Corrected before the import declaration is filed.
  const corrected = await api(t.base, 'PATCH', `/api/v1/declarations/${declarationId}`, { token: operator.key, body: { declaration: jacket(o.correctedUsd), reason: '가격 정정' } });
  expect(corrected.status).toBe(200);
  return {
    operator,
    consumer: { token, expiresAt: new Date(Date.now() + 20 * 60_000).toISOString() },
    declarationId,
    cargoNo: submitted.body.results[0].cargoNo,
    paid: { amountKrw: due.amountKrw, dutyKrw: due.taxes.dutyKrw, receiptNo: r.body.receipt.receiptNo },
    notice: (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices[0],
  };
}
