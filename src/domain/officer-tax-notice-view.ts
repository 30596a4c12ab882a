// The read model of a declaration's tax notice for officers (the server builds it, src/app/get-officer-tax-notice.ts;
// the officer's declaration page reads it, web/src/pages/OfficerTaxNotice.tsx).
import type { Bilingual } from './bilingual.ts';
import type { PayerKind, TaxNotice } from './tax-notice.ts';

/**
 * A declaration's tax notice as officers and administrators read it (GET /api/v1/officer/declarations/:id/tax-notice,
 * src/app/get-officer-tax-notice.ts): the payer's notice, read-only, with no payment secret. The waiting
 * transfer account shows its bank, amount and deadline and the account number's last four digits only;
 * the refunds due are every open one of the declaration (second charges, deposits after payment,
 * overpayments), without the provider's transaction.
 */
export interface OfficerTaxNoticeView {
  /** null: nothing owed and nothing paid (exempt, not collected, or withdrawn before payment). */
  notice: TaxNotice | null;
  waitingTransfer: { bank: Bilingual; accountNumberLast4: string; amountKrw: number; dueAt: string; demo: boolean } | null;
  refundsDue: { refundNo: string; amountKrw: number; payerKind: PayerKind; reason: string; refundBy: string; createdAt: string }[];
}
