// What a payer is shown of a virtual account (가상계좌): where to deposit how much by when. Shared by
// the transfer answer (issue-virtual-account.ts) and the notices (list-tax-notices.ts), so a payer
// who comes back later reads the same account they were given.
import { bankOf, virtualAccountText } from '../domain/virtual-account.ts';
import { isEmulatedProvider } from '../domain/tax-certificate.ts';
import type { VirtualAccountView } from '../domain/api-views.ts';
import type { VirtualAccountRecord } from './ports/payment-ports.ts';
export type { VirtualAccountView };

export function virtualAccountViewOf(a: VirtualAccountRecord): VirtualAccountView {
  const bank = bankOf(a.bankCode);
  return {
    bankCode: a.bankCode,
    bank: { ko: bank.ko, en: bank.en },
    accountNumber: a.accountNumber,
    holderName: a.holderName,
    amountKrw: a.amountKrw,
    dueAt: a.dueAt,
    status: a.status,
    demo: isEmulatedProvider(a.provider),
    text: virtualAccountText(a),
  };
}
