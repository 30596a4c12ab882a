// Ports of tax payment: the payment provider (a gateway; locally an emulator) and the store of
// payments (migrations/033_tax_payments.sql, src/adapters/db/tax-payment-repository.ts) with the
// refunds due of charges that could not be voided (migrations/060_tax_refunds_due.sql), and the
// virtual accounts issued for transfers (migrations/063_tax_virtual_accounts.sql).
import type { PaymentMethod, PayerKind } from '../../domain/tax-notice.ts';
import type { VirtualAccountStatus } from '../../domain/virtual-account.ts';
import type { TaxCertificateContent } from '../../domain/tax-certificate.ts';
import type { RefundDueCancelCause, RefundDueCancelRow, RefundDueRecord, RefundDueStatus, RefundOutcome } from '../../domain/refund-due.ts';
import type { DepositAlertFacts } from '../../domain/consumer-refund-alerts.ts';
import type { TaxesHeldBy } from '../../domain/taxes-payable.ts';
import type { OperatorEventType } from '../ports.ts';
export type { RefundDueRecord, RefundDueStatus };

/**
 * A charge's outcome. `orderRef` names the charge at the provider (Toss: the orderId) when it can be
 * looked up. `unknown`: the provider gave no definitive answer (a timeout, a dropped connection, its
 * own internal error) and a look-up did not settle it: the payer may have been charged.
 */
export type ChargeResult =
  | { ok: true; providerTx: string; orderRef?: string }
  | { ok: false; code: string; ko: string; en: string; unknown?: false; orderRef?: string }
  | { ok: false; unknown: true; code: string; ko: string; en: string; orderRef: string };

/** A card as a key-in (card-not-present) payment needs it: number and expiry; the owner's birth date (YYMMDD) or business number when the gateway contract asks for it. */
export interface CardDetails {
  number: string;
  expiryYear: string; // YY
  expiryMonth: string; // MM
  ownerId?: string;
}

export interface PaymentProvider {
  name: string;
  /**
   * Charges the payer. With `idempotencyKey` (as gateways take it), the same key again answers the
   * first charge instead of charging twice: two copies of one request racing are one charge.
   */
  charge(r: { paymentNo: string; amountKrw: number; method: PaymentMethod; card?: CardDetails; idempotencyKey?: string }): Promise<ChargeResult>;
  /**
   * Cancels a charge that is not kept (the same taxes paid meanwhile by another request): the payer gets the money back. Also closes a virtual account still waiting for its deposit.
   * `attempt` (2, 3, …): a later try of a cancel that failed, a new request to the gateway (Toss answers a
   * repeated Idempotency-Key with its first answer, a refusal too, for 15 days).
   */
  void(r: { providerTx: string; paymentNo: string; amountKrw: number; attempt?: number }): Promise<{ ok: boolean; error?: ProviderError }>;
  /**
   * Issues a virtual account for a transfer: it waits for the payer's deposit, which the provider
   * reports later (deposit callback). The same idempotencyKey again answers the same account.
   */
  issueVirtualAccount(r: { paymentNo: string; amountKrw: number; bankCode: string; validHours: number; idempotencyKey: string }): Promise<IssueResult>;
  /** The provider's record of a payment (to confirm a callback: the callback alone is not proof); null when not found or not reachable. */
  lookUp(providerTx: string): Promise<ProviderPayment | null>;
}

/** An issued virtual account; `secret` is what the provider's deposit callback will carry for it. */
export type IssueResult =
  | { ok: true; orderRef: string; providerTx: string; bankCode: string; accountNumber: string; holderName: string; dueAt: string; secret: string }
  | { ok: false; code: string; ko: string; en: string; unknown?: boolean; orderRef?: string };

/** A payment as the provider holds it. Status as Toss names them: DONE, WAITING_FOR_DEPOSIT, CANCELED, EXPIRED, … */
export interface ProviderPayment {
  providerTx: string;
  orderRef: string;
  status: string;
  amountKrw: number;
}

export interface VirtualAccountRecord {
  id: number;
  declarationId: number;
  paymentNo: string;
  amountKrw: number;
  payerKind: PayerKind;
  payerRef: string;
  provider: string;
  orderId: string;
  providerTx: string;
  bankCode: string;
  accountNumber: string;
  holderName: string;
  dueAt: string;
  /** YYYY-MM-DD: the notice's due date at issue; the account never runs past it. */
  noticeDueDate: string;
  secretSha256: string;
  idempotencyKey: string | null;
  status: VirtualAccountStatus;
  receiptNo: string | null;
  createdAt: string;
  closedAt: string | null;
  /** The part of the notice its deposit pays: 0 the notice's payment, n the n-th shortfall (migrations/096). */
  part: number;
}

export type NewVirtualAccount = Omit<VirtualAccountRecord, 'id' | 'status' | 'receiptNo' | 'createdAt' | 'closedAt' | 'dueAt' | 'part'> & { dueAt: Date; createdAt: Date; part?: number };

export interface VirtualAccountStore {
  /** The declaration's account waiting for a deposit, if any (at most one: a partial unique index). */
  findWaiting(declarationId: number): Promise<VirtualAccountRecord | null>;
  /** The accounts waiting for a deposit of these declarations (for their notices: one read for all). */
  findWaitingMany(declarationIds: number[]): Promise<VirtualAccountRecord[]>;
  findByOrderId(orderId: string): Promise<VirtualAccountRecord | null>;
  /** The account of a provider transaction (Toss's paymentKey). */
  findByPaymentKey(providerTx: string): Promise<VirtualAccountRecord | null>;
  /** Stores the account; null when the declaration already has one waiting (then read that one). */
  insert(a: NewVirtualAccount): Promise<VirtualAccountRecord | null>;
  /** Closes a waiting account; null when it was not waiting any more (a concurrent close won). */
  close(id: number, c: { status: Exclude<VirtualAccountStatus, 'waiting'>; at: Date; receiptNo?: string | null }): Promise<VirtualAccountRecord | null>;
  /**
   * Closes the account here and queues its close at the provider in the same statement (a follow-up
   * that survives a crash: close-virtual-accounts.ts sends it, the closure worker retries it): from
   * `waiting` (the notice was paid another way, or corrected), or from `deposited` (a deposit
   * reversed at the bank reopened it at the provider while the taxes stand paid). null when the
   * row was not in that status (a concurrent close won). The close is leased to the caller for
   * `leaseMs` (it sends the first attempt itself): the worker takes it only if the caller died.
   */
  closeWithFollowUp(id: number, c: { from: 'waiting' | 'deposited'; at: Date; reason: ClosureReason; leaseMs: number; as?: 'canceled' | 'expired' }): Promise<ClosureJob | null>;
  /**
   * Stores an account issued but not kept (another request's account was stored first) as closed,
   * with its close queued in the same statement: a deposit into it is still recognised, and the
   * close is retried like any other. null when the same order is stored already. Leased to the
   * caller for `leaseMs`, as closeWithFollowUp.
   */
  insertClosed(a: NewVirtualAccount, c: { at: Date; reason: ClosureReason; leaseMs: number }): Promise<ClosureJob | null>;
  /** Closes given up (dead), the most recent first: for the administrators. */
  listDeadClosures(q: { limit: number }): Promise<ClosureJob[]>;
  countDeadClosures(): Promise<number>;
  /** A dead close made pending again (a new round of attempts), leased to the caller until `at + leaseMs`; null when no dead close has this id. */
  retryDeadClosure(id: number, q: { at: Date; leaseMs: number }): Promise<ClosureJob | null>;
  /** Claims closes due at `at` (leased until `at + leaseMs`, so two workers never send the same one). */
  claimDueClosures(q: { limit: number; at: Date; leaseMs: number }): Promise<ClosureJob[]>;
  /** The outcome of one attempt: done (closed at the provider, or found deposited), or another attempt at `nextAttemptAt` (null: given up, `dead`). */
  settleClosure(id: number, o: { status: 'closed' | 'deposited' } | { status: 'retry'; nextAttemptAt: Date | null; error: string; providerError: ProviderError | null }, at: Date): Promise<void>;
  /**
   * A deposit reversed at the bank: the provider waits for a deposit into the same account again, so
   * the row waits again (receipt cleared) — unless another account of the declaration waits. null then.
   */
  reopen(id: number): Promise<VirtualAccountRecord | null>;
  /**
   * Marks the account deposited because the provider confirmed the deposit: from `waiting`, and also
   * from `expired` or `canceled` (closed here while the deposit was reaching the provider: its
   * record is the truth). null when it was already marked deposited (a repeated callback).
   */
  markDeposited(id: number, c: { at: Date; receiptNo: string | null }): Promise<VirtualAccountRecord | null>;
}

/**
 * Why an account is closed at the provider after the fact: the notice paid another way, corrected,
 * paid again after a reversed deposit that was a refund due; the account past its deadline
 * (`expired`); an account issued for a request that lost the race to another (`duplicate_issue`).
 */
export type ClosureReason =
  | 'paid_otherwise'
  | 'notice_corrected'
  | 'reversal_after_paid'
  | 'expired'
  | 'duplicate_issue'
  /** Closed with the declaration's withdrawal, refusal, or an assessment leaving nothing to pay (the declaration store's transitionMany). */
  | 'declaration_withdrawn'
  | 'declaration_rejected'
  | 'nothing_owed'
  /** Assessed again into the engine's hold: nothing is payable before the hold is resolved and the goods clear (관세법 제9조). */
  | 'held_not_payable'
  /** Held on the consignee's "not me" report: nothing is payable while customs checks whose goods these are, and so who owes the taxes (관세법 제19조①1). */
  | 'held_on_not_me'
  /**
   * The bank reversed a deposit recorded to be returned (made while the parcel was held: deposit_while_held, never the
   * payment): the account waits again at Toss, and a deposit into it would pay nothing either, so it is closed. The taxes are not paid.
   */
  | 'reversal_of_returned_deposit';

/**
 * A close of an account at the provider, queued (migrations/065): `attempts` made in this round
 * (backoff and limit), `requests` sent for the account ever (each its own Idempotency-Key, migrations/067).
 */
/** The provider's error object for a request it refused, as it sent it (Toss: {code, message}; the message in Korean). */
export interface ProviderError {
  code: string;
  message: string;
}

export interface ClosureJob {
  id: number;
  attempts: number;
  requests: number;
  reason: ClosureReason;
  status: 'pending' | 'closed' | 'deposited' | 'dead';
  lastError: string | null;
  /** Toss's error object of the last refused cancel; null when the last failure had no answer from Toss. */
  lastProviderError: ProviderError | null;
  createdAt: string;
  doneAt: string | null;
  account: VirtualAccountRecord;
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
  /** Undone after it was recorded (a deposit reversed by the bank): its receipt is void. null while it stands. */
  reversal: PaymentReversal | null;
  /** 0: the notice's payment; 1, 2, …: a shortfall paid after the taxes were assessed again higher (migrations/096). */
  part: number;
}

/** The record of a payment undone (migrations/065: append-only, the payment row stays). */
export interface PaymentReversal {
  id: number;
  reason: 'deposit_reversed';
  reversedAt: string;
}

export type NewTaxPayment = Omit<TaxPaymentRecord, 'id' | 'paidAt' | 'reversal' | 'part'> & {
  paidAt: Date;
  /** 0 (default): the notice's payment; n: the n-th shortfall paid on the same notice. */
  part?: number;
  /**
   * The day a refund of an overpayment is promised, should this payment pay more than the taxes now
   * assessed (an account issued before they were assessed again lower): recorded with the payment
   * (reason reassessed_lower). Absent: none recorded.
   */
  overpaidRefundBy?: string;
  /**
   * A deposit into a virtual account: the PCCC holder's alert of it (that it paid, with any part recorded
   * for a refund; or, nothing being owed, that all of it is) is queued in the transaction that records it
   * (consumer_refund_alerts, migrations/108) and sent by the refund alerts' worker. Once per payment.
   * With it, when an operator paid (it asked for the account), its tax.paid webhook unless the deposit
   * paid nothing owed (refunded in full): committed with the payment, so at least once.
   */
  alertHolderOfDeposit?: boolean;
  /**
   * A deposit into a virtual account: recorded as the payment only while the declaration's taxes are payable now
   * (taxesPayableNow, taxes-payable.ts, read under the payment lock, as the hold that closed its account wrote it).
   * Otherwise (held on a "not me" report or by the engine), and whenever this deposit was once recorded so, it is
   * recorded to be returned instead, in the same transaction: a refund due of reason deposit_while_held, promised
   * by `overpaidRefundBy`, the holder's alert queued with it (ReturnedDeposit). Never the payment of held taxes.
   */
  returnWhileHeld?: boolean;
  /**
   * A card charge made after the notice was read payable: recorded as the payment only while the taxes are still payable
   * (taxesPayableNow, read under the payment lock, as the hold that took this lock wrote it). Otherwise nothing is
   * recorded (RefusedWhileHeld): the caller cancels the charge at the provider (record-charge.ts).
   */
  refuseWhileHeld?: boolean;
};

/** A charge not recorded as the payment because the taxes were not payable under the payment lock (NewTaxPayment.refuseWhileHeld): why. */
export interface RefusedWhileHeld {
  refused: { heldBy: TaxesHeldBy };
}

/** A deposit recorded to be returned, not as the payment (NewTaxPayment.returnWhileHeld): why (null: released since it was recorded so), and its refund due. */
export interface ReturnedDeposit {
  returned: { heldBy: TaxesHeldBy | null; refund: RefundDueRecord };
}

/**
 * A payment as inserted. `depositTold` (with alertHolderOfDeposit): the holder's alert queued with it, its facts
 * read under the declaration's payment lock in the transaction that recorded the payment and its refund: the one
 * source of what the deposit paid and whether anything was owed (the provider's answer says the same).
 */
export type StoredTaxPayment = TaxPaymentRecord & { depositTold?: DepositAlertFacts };


/** Where a page of refunds due goes on: after this one, listed in this part of the list (tax-refunds-due.ts). */
export interface RefundDueCursor {
  part: 'open' | 'resolved';
  id: number;
}

export type NewRefundDue = Omit<RefundDueRecord, 'id' | 'createdAt' | 'resolvedAt' | 'resolvedBy' | 'resolution' | 'outcome' | 'providerRefundRef'> & {
  createdAt: Date;
  /**
   * A charge whose cancel at the provider failed (`attempts` made, the last `lastError`): with `nextAttemptAt`, it is
   * tried again then (charge-cancel-retries.ts) and not listed to the administrators meanwhile; null: handed over at once.
   */
  cancel?: { attempts: number; nextAttemptAt: Date | null; lastError: string };
};

/** A cancel of a charge to try again (migrations/115): its refund due, and the attempts made so far. */
export interface ChargeCancelJob {
  id: number;
  attempts: number;
  provider: string;
  providerTx: string;
  paymentNo: string;
  amountKrw: number;
}

/** An administrator's record of a refund due: refunded (with the provider's refund reference) or not, and a note. */
export interface RefundResolution {
  by: string;
  outcome: RefundOutcome;
  /** The refund at the provider; required (by the route) when refunded, null otherwise. */
  providerRefundRef: string | null;
  resolution: string;
  at: Date;
  /**
   * The operator's webhook event announcing it, built from the record as resolved and its declaration;
   * queued in the transaction that resolves it (both commit or neither). null: none.
   */
  operatorEvent?: (refund: RefundDueRecord, d: { id: number; ref: string; cargoNo: string; operatorId: number }) => { type: OperatorEventType; payload: { id: string; type: OperatorEventType } & Record<string, unknown> } | null;
}

export interface TaxPaymentStore {
  /** The payment that stands for the declaration (none reversed), of `part` (0, the notice's payment, by default): at most one. */
  findByDeclaration(declarationId: number, part?: number): Promise<TaxPaymentRecord | null>;
  /** Every standing payment of these declarations, the notice's and its shortfalls', by declaration and part. */
  findByDeclarations(declarationIds: number[]): Promise<TaxPaymentRecord[]>;
  /** Every payment of the declaration, reversed ones too (each `reversal` says so), in the order recorded. */
  paymentsOf(declarationId: number): Promise<TaxPaymentRecord[]>;
  /** Any payment by its receipt, a reversed one too (its `reversal` says so). */
  findByReceiptNo(receiptNo: string): Promise<TaxPaymentRecord | null>;
  /** The payments recorded for this provider transaction (a virtual account deposited, reversed, deposited again), newest first. */
  findByProviderTx(provider: string, providerTx: string): Promise<TaxPaymentRecord[]>;
  /** Stores the payment; null when the declaration already has one standing of that part (UNIQUE(declaration_id, turn, part)). */
  insert(p: NewTaxPayment): Promise<StoredTaxPayment | ReturnedDeposit | RefusedWhileHeld | null>;
  /** What the holder was told of the deposit recorded as payment `receiptNo` (its queued alert: paid, or not owed); null: none queued (not a deposit). */
  depositToldOf(receiptNo: string): Promise<DepositAlertFacts | null>;
  /** Records the payment's reversal (append-only); null when it was already reversed (a repeated callback). */
  /** A refund of taxes overpaid by it is resolved with it (no longer due; with another payment standing, recorded anew, promised by the store's refund date: never resolved as replaced without the replacement). */
  /**
   * A deposit reversed (`deposit`): in the same transaction its account waits again, as at Toss (unless
   * another account of the declaration waits), and the PCCC holder's alert of the reversal is queued
   * (consumer_refund_alerts, migrations/108: the taxes due again by `dueDate`, the same account while it
   * is open, the refunds still due), sent by the refund alerts' worker. Once per payment.
   * A payment an operator made: its tax.payment_reversed webhook is queued with the reversal too.
   */
  reverse(
    paymentId: number,
    r: { reason: 'deposit_reversed'; at: Date; deposit?: { accountId: number; dueDate: string | null } },
  ): Promise<PaymentReversal | null>;
  /** Records a charge to refund; the same provider transaction again answers the record already stored. */
  recordRefundDue(r: NewRefundDue): Promise<RefundDueRecord>;
  /** The declaration's refunds due not yet resolved, oldest first. */
  openRefundsDueOf(declarationId: number): Promise<RefundDueRecord[]>;
  /** The open refunds due of these declarations with this reason (reassessed_lower: for their notices, one read for all). */
  openRefundsDueOfMany(declarationIds: number[], reason: string): Promise<RefundDueRecord[]>;
  /**
   * What was already returned of each declaration's payments: its reassessed_lower refunds an administrator
   * recorded as made (outcome refunded; reassessment-refunds.ts reassessedRefundedKrw), by
   * declaration id; a declaration with none is absent. The notices count what is paid net of it.
   */
  reassessedRefundedKrwOfMany(declarationIds: number[]): Promise<Map<number, number>>;
  /**
   * Refunds due of this status with their declaration's cargo number: open ones (not yet resolved) oldest
   * first; resolved ones the latest resolved first; all: the open ones, then the resolved ones.
   */
  /**
   * `after`: the last one listed and the part of the list it was listed in (keyset): open, on (created_at, id),
   * its place read from its row even once resolved since; resolved, on (resolved_at, id). In all, after an open
   * one: the open ones after it, then every resolved one; after a resolved one: the resolved ones after it.
   */
  /** With each record's cancel retries (migrations/115: attempts, next attempt, last error). */
  listRefundsDue(q: { status: RefundDueStatus; limit: number; after?: RefundDueCursor | null }): Promise<(RefundDueRecord & { cargoNo: string; cancel: RefundDueCancelRow })[]>;
  /** How many refunds due are of this status, all of them. */
  countRefundsDue(status: RefundDueStatus): Promise<number>;
  /**
   * Records that the charge was refunded or not (and why), under the declaration's payment lock, with
   * the operator event (`operatorEvent`) in the same transaction: the record and how many deliveries were
   * queued; null when no open record has that id, or its cancel is still being tried (a next attempt is set).
   */
  resolveRefundDue(id: number, r: RefundResolution): Promise<{ record: RefundDueRecord; queued: number } | null>;
  /** The refund due `id` while it is open (not yet resolved), with its cancel retries (migrations/115); null: unknown or resolved. */
  openRefundDue(id: number): Promise<(RefundDueRecord & { cancel: RefundDueCancelRow }) | null>;
  /** The refunds due of these declarations recorded as refunded (outcome refunded, any reason), in the order they were made. */
  refundsMadeOfMany(declarationIds: number[]): Promise<RefundDueRecord[]>;
  /** Claims the cancels due at `at` of this provider's charges (leased until `at + leaseMs`: two workers never send the same one). */
  claimDueChargeCancels(q: { provider: string; limit: number; at: Date; leaseMs: number }): Promise<ChargeCancelJob[]>;
  /**
   * One attempt's outcome: cancelled (the record resolved, not refunded: nothing to refund, an operator told of it hears it
   * no longer stands), or another attempt at `nextAttemptAt` (null: given up, listed to the administrators with `error`).
   */
  settleChargeCancel(id: number, s: { status: 'cancelled' } | { status: 'retry'; nextAttemptAt: Date | null; error: string }, at: Date): Promise<void>;
  /** Resolves the open record of this provider transaction, if any, as not refunded (the system's: a charge of unknown outcome settled later, a deposit the bank took back); an operator told of it gets tax.refund_due_cancelled (`cause`), in the same transaction. */
  resolveRefundDueOfTx(provider: string, providerTx: string, r: { by: string; resolution: string; at: Date; cause?: RefundDueCancelCause }): Promise<RefundDueRecord | null>;
}

/** Renders a tax-payment certificate (납부확인서) as a PDF document (src/adapters/documents/). */
export interface TaxCertificateRenderer {
  render(content: TaxCertificateContent): Promise<Uint8Array>;
}
