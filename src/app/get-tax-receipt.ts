// Anyone can verify a tax receipt by its number (the number is the unguessable code); the
// answer carries no personal data.
import { fail, ok, type Result } from './errors.ts';
import type { TaxDeps } from './list-tax-notices.ts';
import { receiptFor, type Receipt } from './pay-taxes.ts';
import type { TaxPaymentRecord } from './ports/payment-ports.ts';

/** The stored payment (with its provider) and its public receipt, or null for an unknown number. */
export async function findReceipt(deps: Pick<TaxDeps, 'declarations' | 'taxPayments'>, receiptNo: string): Promise<{ payment: TaxPaymentRecord; receipt: Receipt } | null> {
  const p = /^TR-[0-9A-F]{16}$/i.test(receiptNo) ? await deps.taxPayments.findByReceiptNo(receiptNo.toUpperCase()) : null;
  const d = p ? await deps.declarations.findById(p.declarationId) : null;
  return p && d ? { payment: p, receipt: await receiptFor(deps, p, d) } : null;
}

export async function getTaxReceipt(deps: Pick<TaxDeps, 'declarations' | 'taxPayments'>, receiptNo: string): Promise<Result<Receipt>> {
  const found = await findReceipt(deps, receiptNo);
  return found ? ok(found.receipt) : fail('RECEIPT_NOT_FOUND');
}
