// The consumer's side of a tax notice, as the refund tests drive it through the portal's API.
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
