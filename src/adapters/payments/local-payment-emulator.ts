// Local emulator of a payment gateway: no money moves; replace with a payment-gateway adapter
// (PG사 / 전자납부) implementing PaymentProvider. Test cards: 4242 4242 4242 4242 is approved,
// 4000 0000 0000 0002 is declined; an account transfer is always approved.
import crypto from 'node:crypto';
import type { PaymentProvider } from '../../app/ports/payment-ports.ts';

const DECLINED_CARD = '4000000000000002';

export const localPaymentEmulator: PaymentProvider = {
  name: 'local-emulator',
  async charge(r) {
    if (r.method === 'card' && r.cardNumber?.replace(/[\s-]/g, '') === DECLINED_CARD) {
      return { ok: false, code: 'CARD_DECLINED', ko: '카드사에서 승인을 거절했습니다.', en: 'The card issuer declined the payment.' };
    }
    return { ok: true, providerTx: `emu_${crypto.randomBytes(12).toString('hex')}` };
  },
};
