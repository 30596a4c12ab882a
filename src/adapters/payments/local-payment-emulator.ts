// Local emulator of a payment gateway: no money moves; replace with a payment-gateway adapter
// (PG사 / 전자납부) implementing PaymentProvider. Test cards: 4242 4242 4242 4242 is approved,
// 4000 0000 0000 0002 is declined; an account transfer is always approved. It keeps its recent
// transactions as a gateway's console would show them (charged, voided), for the tests to check.
import crypto from 'node:crypto';
import type { PaymentProvider } from '../../app/ports/payment-ports.ts';

const DECLINED_CARD = '4000000000000002';
const KEPT = 10_000; // transactions remembered, the oldest forgotten first

export interface EmulatedTransaction {
  providerTx: string;
  paymentNo: string;
  amountKrw: number;
  voided: boolean;
}

export type LocalPaymentEmulator = PaymentProvider & { transactions(): EmulatedTransaction[] };

export function createLocalPaymentEmulator(): LocalPaymentEmulator {
  const txs = new Map<string, EmulatedTransaction>();
  const byKey = new Map<string, EmulatedTransaction>(); // idempotency key → its charge, as a gateway keeps them
  return {
    name: 'local-emulator',
    async charge(r) {
      const earlier = r.idempotencyKey ? byKey.get(r.idempotencyKey) : undefined;
      if (earlier) {
        // A gateway refuses a key reused for another payment rather than answer the first one.
        if (earlier.paymentNo !== r.paymentNo || earlier.amountKrw !== r.amountKrw) {
          return { ok: false, code: 'IDEMPOTENCY_KEY_REUSED', ko: '같은 요청 키로 다른 결제를 요청했습니다.', en: 'The idempotency key was used for another payment.' };
        }
        return { ok: true, providerTx: earlier.providerTx };
      }
      if (r.method === 'card' && r.cardNumber?.replace(/[\s-]/g, '') === DECLINED_CARD) {
        return { ok: false, code: 'CARD_DECLINED', ko: '카드사에서 승인을 거절했습니다.', en: 'The card issuer declined the payment.' };
      }
      const providerTx = `emu_${crypto.randomBytes(12).toString('hex')}`;
      const tx = { providerTx, paymentNo: r.paymentNo, amountKrw: r.amountKrw, voided: false };
      txs.set(providerTx, tx);
      if (r.idempotencyKey) byKey.set(r.idempotencyKey, tx);
      if (txs.size > KEPT) txs.delete(txs.keys().next().value!);
      if (byKey.size > KEPT) byKey.delete(byKey.keys().next().value!);
      return { ok: true, providerTx };
    },
    async void(r) {
      const tx = txs.get(r.providerTx);
      if (!tx || tx.amountKrw !== r.amountKrw) return { ok: false };
      tx.voided = true;
      return { ok: true };
    },
    transactions: () => [...txs.values()],
  };
}

export const localPaymentEmulator = createLocalPaymentEmulator();
