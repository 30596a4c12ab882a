// The tax-payment certificate (납부확인서) of a receipt as a PDF: public like the receipt (the
// number is the verification code), no personal data; its QR code points at the public receipt page.
import { receiptPageUrlOf, taxCertificateOf } from '../domain/tax-certificate.ts';
import { fail, ok, type Result } from './errors.ts';
import { findReceipt } from './get-tax-receipt.ts';
import type { TaxDeps } from './list-tax-notices.ts';
import type { TaxCertificateRenderer } from './ports/payment-ports.ts';

export type TaxCertificateDeps = Pick<TaxDeps, 'declarations' | 'taxPayments'> & { certificates: TaxCertificateRenderer };

/** `origin`: the portal's public address (configured, or the request's scheme and host). */
export async function getTaxCertificate(deps: TaxCertificateDeps, receiptNo: string, origin: string): Promise<Result<{ receiptNo: string; pdf: Uint8Array }>> {
  const found = await findReceipt(deps, receiptNo);
  if (!found) return fail('RECEIPT_NOT_FOUND');
  const { receipt, payment } = found;
  // Undone (a deposit reversed by the bank): no certificate says it was paid; the receipt page says void.
  if (receipt.voided) return fail('RECEIPT_VOID', { voidedAt: receipt.voided.at });
  const content = taxCertificateOf(receipt, { verifyUrl: receiptPageUrlOf(origin, receipt.receiptNo), provider: payment.provider });
  return ok({ receiptNo: receipt.receiptNo, pdf: await deps.certificates.render(content) });
}
