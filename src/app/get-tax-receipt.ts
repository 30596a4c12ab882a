// Anyone can verify a tax receipt by its number (the number is the unguessable code); the
// answer carries no personal data.
import { fail, ok, type Result } from './errors.ts';
import type { TaxDeps } from './list-tax-notices.ts';
import { receiptOf, type Receipt } from './pay-taxes.ts';

export async function getTaxReceipt(deps: Pick<TaxDeps, 'declarations' | 'taxPayments'>, receiptNo: string): Promise<Result<Receipt>> {
  const p = /^TR-[0-9A-F]{16}$/i.test(receiptNo) ? await deps.taxPayments.findByReceiptNo(receiptNo.toUpperCase()) : null;
  const d = p ? await deps.declarations.findById(p.declarationId) : null;
  if (!p || !d) return fail('RECEIPT_NOT_FOUND');
  return ok(receiptOf(p, d));
}
