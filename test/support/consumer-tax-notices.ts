// The consumer's side of a tax notice, as the refund tests drive it through the portal's API.
import { expect } from 'vitest';
import type { Config } from '../../src/config.ts';
import { api, clockRunningFrom, consumerToken, declaration, startTestPlatform, type TestPlatform } from './test-platform.ts';

/**
 * A bag bought on `purchasedAt` at `price` USD, one piece from Viet Nam (order O-<ref>). Give each
 * parcel its own purchase date so that combined taxation (고시 제68조) does not join them.
 */
export const bagDeclaration = (ref: string, purchasedAt: string, price: number): Record<string, unknown> =>
  declaration(ref, { order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' }, items: [{ description: '가방', category: 'clothing', quantity: 1, price, originCountry: 'VN' }] });

/** The signed-in consumer's notice of a declaration, and a card payment of it (read lazily: the platform and token come from beforeAll). */
export function consumerTaxNotices(base: () => string, token: () => string) {
  return {
    noticeOf: async (id: number) => (await api(base(), 'GET', '/api/v1/consumer/tax-notices', { token: token() })).body.notices.find((x: { declarationId: number }) => x.declarationId === id),
    payByCard: (id: number, amountKrw: number) =>
      api(base(), 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: token(), body: { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } }),
  };
}

/** 김민지 (P123456789012) in the PCCC registry, verified: her consumer token. */
export async function signedInMinji(t: TestPlatform): Promise<string> {
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  return consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
}

/**
 * The refund tests' platform: payments by the emulator, the clock running from noon in Korea on
 * Wednesday 2026-11-25 (three working days later is Monday 2026-11-30), operator `code`, 김민지 signed
 * in, and an administrator `<code>-admin`.
 */
export async function refundTestBed(code: string, config: Partial<Config> = {}): Promise<{ t: TestPlatform; alpha: { id: number; key: string; code: string }; minji: string; admin: { token: string } }> {
  const t = await startTestPlatform({ payments: { provider: 'emulator' }, ...config }, { clock: clockRunningFrom('2026-11-25T03:00:00Z') });
  const alpha = await t.operator(code);
  const minji = await signedInMinji(t);
  return { t, alpha, minji, admin: await t.officer(`${code.toLowerCase()}-admin`, 'admin') };
}

/** A refund number as the payer reads it: RF- and the record's id in 8 digits (written out, not the code's refundNoOf). */
export const refundNo = (id: number) => `RF-${String(id).padStart(8, '0')}`;

/**
 * The operator's side of the refund tests: declare a bag (bagDeclaration), correct its price, pay its
 * taxes by card on the consumer's behalf; and what the tests read back: a cargo number, the SMS sent to
 * 김민지's phone. Read lazily: the platform and the operator come from beforeAll.
 */
export function operatorParcels(platform: () => TestPlatform, operator: () => { key: string }) {
  return {
    declare: async (ref: string, purchasedAt: string, price: number): Promise<number> => {
      const r = await api(platform().base, 'POST', '/api/v1/declarations', { token: operator().key, body: { declarations: [bagDeclaration(ref, purchasedAt, price)] } });
      expect(r.body.results[0].status).toBe('accepted');
      return r.body.results[0].declarationId as number;
    },
    correct: async (id: number, ref: string, purchasedAt: string, price: number) =>
      expect((await api(platform().base, 'PATCH', `/api/v1/declarations/${id}`, { token: operator().key, body: { declaration: bagDeclaration(ref, purchasedAt, price), reason: '가격 정정' } })).status).toBe(200),
    payAsOperator: (id: number, amountKrw: number, idempotencyKey?: string) =>
      api(platform().base, 'POST', `/api/v1/declarations/${id}/tax-payments`, {
        token: operator().key,
        body: { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' },
        ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
      }),
    cargoNoOf: async (id: number) => (await platform().db.pool.query(`SELECT cargo_no FROM declarations WHERE id = $1`, [id])).rows[0].cargo_no as string,
    smsToMinji: async () => (await api(platform().base, 'GET', '/api/v1/demo/notifications?recipient=01012345678')).body.notifications.map((n: { body: string }) => n.body) as string[],
  };
}
