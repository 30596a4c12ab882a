// Ports of tax payment: the payment provider (a gateway; locally an emulator) and the store of
// payments (migrations/033_tax_payments.sql, src/adapters/db/tax-payment-repository.ts).
import type { PaymentMethod, PayerKind } from '../../domain/tax-notice.ts';
import type { TaxCertificateContent } from '../../domain/tax-certificate.ts';

export type ChargeResult = { ok: true; providerTx: string } | { ok: false; code: string; ko: string; en: string };

export interface PaymentProvider {
  name: string;
  charge(r: { paymentNo: string; amountKrw: number; method: PaymentMethod; cardNumber?: string }): Promise<ChargeResult>;
  /** Cancels a charge that is not kept (the same taxes paid meanwhile by another request): the payer gets the money back. */
  void(r: { providerTx: string; paymentNo: string; amountKrw: number }): Promise<{ ok: boolean }>;
}

export interface TaxPaymentRecord {
  id: number;
  declarationId: number;
  paymentNo: string;
  amountKrw: number;
  method: PaymentMethod;
  payerKind: PayerKind;
  /** The PCCC or the operator id (never shown on a receipt). */
  payerRef: string;
  provider: string;
  providerTx: string;
  receiptNo: string;
  idempotencyKey: string | null;
  paidAt: string;
}

export type NewTaxPayment = Omit<TaxPaymentRecord, 'id' | 'paidAt'> & { paidAt: Date };

export interface TaxPaymentStore {
  findByDeclaration(declarationId: number): Promise<TaxPaymentRecord | null>;
  findByDeclarations(declarationIds: number[]): Promise<TaxPaymentRecord[]>;
  findByReceiptNo(receiptNo: string): Promise<TaxPaymentRecord | null>;
  /** Stores the payment; null when the declaration already has one (UNIQUE(declaration_id)). */
  insert(p: NewTaxPayment): Promise<TaxPaymentRecord | null>;
}

/** Renders a tax-payment certificate (납부확인서) as a PDF document (src/adapters/documents/). */
export interface TaxCertificateRenderer {
  render(content: TaxCertificateContent): Promise<Uint8Array>;
}
