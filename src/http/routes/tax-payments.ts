// Tax notices and payment (관세 등 제세 납부): the consumer's notices, payment by the consumer or
// by the declaring operator on the consumer's behalf, and public receipt verification by number.
// Administrators: the refunds due of second charges that could not be voided (reconciliation).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CONSUMER_NOTICES_LIMIT, listOperatorTaxNotices, listTaxNotices, OPERATOR_NOTICES_DEFAULT_LIMIT, OPERATOR_NOTICES_MAX_LIMIT, type TaxDeps } from '../../app/list-tax-notices.ts';
import { payTaxes } from '../../app/pay-taxes.ts';
import { recordVirtualAccountDeposit } from '../../app/record-virtual-account-deposit.ts';
import { makeDemoDeposit, makeDemoDepositReversal } from '../../app/make-demo-deposit.ts';
import { getTaxReceipt } from '../../app/get-tax-receipt.ts';
import { getTaxCertificate } from '../../app/get-tax-certificate.ts';
import { invalidRequest, requestFieldError } from '../../app/field-errors.ts';
import { listRefundsDue, resolveRefundDue } from '../../app/tax-refunds-due.ts';
import { REFUND_DUE_STATUSES } from '../../domain/refund-due.ts';
import { TAX_NOTICE_STATUSES } from '../../domain/tax-notice.ts';
import { DEAD_CLOSURES_DEFAULT_LIMIT, listDeadAccountClosures, retryAccountClosure } from '../../app/manage-account-closures.ts';
import type { ConsumerPrincipal, OfficerPrincipal, OperatorPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { publicOriginOf } from '../public-origin.ts';
import { Id, IdParams, KrwAmount } from '../schemas.ts';
import { described, errorResponses } from '../response-schemas.ts';
import { AccountClosureList, AccountClosureRetried, CONSUMER_AUTH_ERRORS, DepositCallbackResult, OperatorTaxNoticeList, PaymentResult, RefundDue, RefundDueList, TaxNoticeList, TaxReceipt, TransferResult } from '../public-response-schemas.ts';

const Method = Type.Union([Type.Literal('card'), Type.Literal('transfer')]);

export const PaymentBody = Type.Object(
  {
    method: Method,
    amountKrw: KrwAmount({ minimum: 1, description: 'must equal the notice amount' }),
    cardNumber: Type.Optional(Type.String({ pattern: '^[0-9 -]{12,23}$', description: 'for method card; digits, spaces or dashes' })),
    cardExpiry: Type.Optional(Type.String({ maxLength: 7, description: 'for method card: the expiry printed on the card, MM/YY' })),
    cardOwnerId: Type.Optional(Type.String({ maxLength: 12, description: "for method card, when the payment gateway's contract asks for it: the owner's birth date (YYMMDD) or business number (10 digits); passed to the gateway, never stored" })),
    bankCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', description: 'for method transfer: the bank of the virtual account (20 우리 by default, 06 KB국민, 88 신한, 81 하나, 11 NH농협, 03 IBK기업, 71 우체국)' })),
  },
  { additionalProperties: false },
);

const ReceiptParams = Type.Object({ receiptNo: Type.String({ maxLength: 40 }) });
const receiptRateLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const RECEIPT_RATE_LIMITED = 'More than 60 receipt look-ups a minute from this address (RATE_LIMITED)';

const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });
const ADMIN_AUTH_ERRORS = { 401: 'Not signed in (UNAUTHENTICATED)', 403: 'Not an administrator (FORBIDDEN)' };
const OPERATOR_AUTH_ERRORS = { 401: 'No or an invalid API key (UNAUTHENTICATED, INVALID_API_KEY)', 403: 'Not an operator (FORBIDDEN)' };
/** What paying answers, for the consumer and for the operator alike (pay-taxes.ts). */
const paymentResponses = (auth: Record<number, string>) => ({
  201: described('Paid: the notice (now paid) and the receipt. A retry with the same Idempotency-Key by the same payer answers the same receipt again, also 201', PaymentResult),
  202: described(
    'method transfer: a virtual account to deposit into (입금 대기); the taxes are paid when the deposit is confirmed. Asking again while it waits answers the same account; after its deadline a new one',
    TransferResult,
  ),
  ...errorResponses({
    400: 'Bad body, a card number that is missing or fails the Luhn check, a missing or malformed expiry (VALIDATION_FAILED, details name body.cardNumber, body.cardExpiry or body.cardOwnerId)',
    ...auth,
    402: 'The payment provider declined the payment (PAYMENT_DECLINED; details.providerCode)',
    404: 'No such declaration, or not one this caller may pay (DECLARATION_NOT_FOUND)',
    409: 'Already paid (TAXES_ALREADY_PAID), nothing is owed (NO_TAXES_DUE), the parcel is held by the engine, or on the consignee’s “not me” report, and nothing is payable until the hold is resolved (TAXES_NOT_PAYABLE_HELD; the notice says `payable: false`), or a transfer when less than an hour is left before the due date (TRANSFER_NOT_AVAILABLE: pay by card)',
    422: 'amountKrw is not the amount due (AMOUNT_MISMATCH; details.amountDueKrw)',
    502: 'The payment gateway gave no definitive answer and the charge may have gone through (PAYMENT_OUTCOME_UNKNOWN; details.refund names the reconciliation record, details.sameRequestRetry says whether sending the same request again (same Idempotency-Key) settles it); for a transfer, no virtual account was issued (VIRTUAL_ACCOUNT_NOT_ISSUED: ask again)',
  }),
});

export const taxPaymentRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps: appDeps }) => {
  const payments = appDeps.taxPayments;
  if (!payments) return;
  const deps: TaxDeps = {
    declarations: appDeps.declarations,
    clock: appDeps.clock,
    secrets: appDeps.secrets,
    reference: appDeps.reference,
    taxPayments: payments.store,
    virtualAccounts: payments.virtualAccounts,
    paymentProvider: payments.provider,
    refunds: payments.refunds,
    virtualAccountPolicy: payments.virtualAccountPolicy,
    // An operator who asked for the account on the consumer's behalf is told on its webhooks (tax.paid, tax.payment_reversed).
    operatorEvents: { ...(appDeps.onEventsCommitted ? { onQueued: appDeps.onEventsCommitted } : {}) },
    publicUrl: payments.publicUrl ?? null,
    onFollowUpError: (e) => app.log.warn({ err: e }, 'closing a virtual account at the provider failed; the closure worker retries it'),
  };
  const tags = ['tax-payments'];
  const keyOf = (h: string | string[] | undefined) => (typeof h === 'string' && h ? h : null);

  app.get(
    '/api/v1/consumer/tax-notices',
    {
      preHandler: requirePrincipal(['consumer']),
      config: { docResponses: { 200: described(`The notices of the latest ${CONSUMER_NOTICES_LIMIT} declarations naming the session’s PCCC that owe taxes or were paid (truncated: there are more)`, TaxNoticeList), ...errorResponses(CONSUMER_AUTH_ERRORS) } },
      schema: { tags, summary: "The verified consumer's tax notices (관세 등 제세), newest first" },
    },
    async (request, reply) => {
      const r = await listTaxNotices(deps, request.principal as ConsumerPrincipal);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/tax-notices',
    {
      preHandler: requirePrincipal(['operator']),
      config: { docResponses: { 200: described('A page of notices', OperatorTaxNoticeList), ...errorResponses({ 400: 'Bad query (VALIDATION_FAILED)', ...OPERATOR_AUTH_ERRORS }) } },
      schema: {
        tags,
        summary: "The tax notices of the operator's own declarations (to pay on the consumer's behalf), newest first, keyset-paged by declaration id both ways (next → afterId, prev → beforeId)",
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union(
                TAX_NOTICE_STATUSES.map((x) => Type.Literal(x)),
                { description: 'due: payable now; overdue: payable, past the due date; held: the engine held the parcel, nothing payable until the hold is resolved (not among due); paid' },
              ),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: OPERATOR_NOTICES_MAX_LIMIT, default: OPERATOR_NOTICES_DEFAULT_LIMIT })),
            // `after`, as GET /api/v1/declarations pages (`afterId`, its first name, still works); `before` pages back.
            after: Type.Optional(Id({ description: 'older notices: the `next` of the page before (as on GET /api/v1/declarations)' })),
            afterId: Type.Optional(Id({ description: 'the same as `after` (its earlier name); not both' })),
            before: Type.Optional(Id({ description: 'back to newer notices: the `prev` of the page after (not with after)' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { status, limit, before } = request.query;
      if (request.query.after !== undefined && request.query.afterId !== undefined) {
        const refused = invalidRequest(requestFieldError('querystring.afterId', 'not_allowed_with', { other: 'after' }));
        if (!refused.ok) return sendFailure(reply, refused.error);
      }
      const afterId = request.query.after ?? request.query.afterId;
      const r = await listOperatorTaxNotices(deps, request.principal as OperatorPrincipal, {
        ...(status ? { status } : {}),
        ...(limit ? { limit } : {}),
        ...(afterId ? { afterId } : {}),
        ...(before ? { beforeId: before } : {}),
      });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/consumer/tax-notices/:declarationId/payments',
    {
      preHandler: requirePrincipal(['consumer']),
      config: { docResponses: paymentResponses(CONSUMER_AUTH_ERRORS) },
      schema: {
        tags,
        summary: 'Pay the taxes of one of the consumer’s declarations (Idempotency-Key: a retry returns the same receipt)',
        params: Type.Object({ declarationId: Id() }),
        headers: IdempotencyHeaders,
        body: PaymentBody,
      },
    },
    async (request, reply) => {
      const r = await payTaxes(deps, request.principal as ConsumerPrincipal, { ...request.body, declarationId: request.params.declarationId, idempotencyKey: keyOf(request.headers['idempotency-key']) });
      return r.ok ? reply.code('virtualAccount' in r.value ? 202 : 201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/declarations/:id/tax-payments',
    {
      preHandler: requirePrincipal(['operator']),
      config: { docResponses: paymentResponses(OPERATOR_AUTH_ERRORS) },
      schema: {
        tags,
        summary: 'Pay the taxes of an own declaration on the consumer’s behalf (forwarders, couriers)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: PaymentBody,
      },
    },
    async (request, reply) => {
      const r = await payTaxes(deps, request.principal as OperatorPrincipal, { ...request.body, declarationId: request.params.id, idempotencyKey: keyOf(request.headers['idempotency-key']) });
      return r.ok ? reply.code('virtualAccount' in r.value ? 202 : 201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/tax-receipts/:receiptNo',
    {
      config: {
        ...receiptRateLimit,
        docResponses: {
          200: described('The receipt (no personal data); `voided` says when its payment was undone (a deposit reversed by the bank)', TaxReceipt),
          ...errorResponses({ 400: 'The number is over 40 characters (VALIDATION_FAILED)', 404: 'No receipt with this number (RECEIPT_NOT_FOUND)', 429: RECEIPT_RATE_LIMITED }),
        },
      },
      schema: {
        tags,
        summary: 'Verify a tax receipt by its number (public; no personal data)',
        security: [],
        params: ReceiptParams,
      },
    },
    async (request, reply) => {
      const r = await getTaxReceipt(deps, request.params.receiptNo);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  // Toss Payments' DEPOSIT_CALLBACK for a virtual account (its developer centre's webhook URL; register
  // this URL for DEPOSIT_CALLBACK only: a PAYMENT_STATUS_CHANGED event has another body and is refused).
  // Public: the secret given at issue and a look-up of the payment at Toss decide, not the caller.
  app.post(
    '/api/v1/payments/toss/deposit-callback',
    {
      config: {
        rateLimit: { max: 600, timeWindow: '1 minute' },
        docResponses: {
          200: described(
            'Taken (also when taken before: Toss sends the callback again until it gets 200): the deposit recorded as the payment (also into an account closed here as expired or cancelled: Toss confirms it), as a refund due (paid meanwhile another way), or the account closed; a recorded deposit is announced to the PCCC holder (SMS, e-mail, Web Push) and, when an operator asked for the account, on its webhooks (tax.paid). ' +
              'WAITING_FOR_DEPOSIT after a recorded deposit, confirmed by a look-up at Toss (the bank reversed the deposit, 입금 오류/취소): `reversed`, the payment undone (a reversal record; receiptNo names the receipt, now void; null when the deposit was a refund due, then resolved) and the notice unpaid again, the account waiting again as at Toss; the PCCC holder is told, and the operator (tax.payment_reversed) when it asked for the account',
            DepositCallbackResult,
          ),
          ...errorResponses({
            400: 'Bad body (VALIDATION_FAILED)',
            403: 'Unknown order or wrong secret, or Toss does not confirm the deposit (DEPOSIT_CALLBACK_REJECTED; which is not said)',
            429: 'More than 600 callbacks a minute from this address (RATE_LIMITED)',
            503: 'Toss could not be asked to confirm the deposit (PAYMENT_PROVIDER_UNAVAILABLE): Toss sends the callback again',
          }),
        },
      },
      schema: {
        tags,
        summary: "Toss Payments' deposit callback (DEPOSIT_CALLBACK) for a virtual account issued for taxes (public; checked by its secret and a look-up at Toss)",
        security: [],
        body: Type.Object(
          {
            orderId: Type.String({ minLength: 1, maxLength: 64 }),
            secret: Type.String({ minLength: 1, maxLength: 200 }),
            status: Type.String({ minLength: 1, maxLength: 40, description: 'WAITING_FOR_DEPOSIT (issued; or, after a deposit, the bank reversed it: confirmed by a look-up at Toss), DONE (deposited: confirmed by a look-up at Toss), CANCELED (closed); PARTIAL_CANCELED and others are taken and ignored' }),
            transactionKey: Type.Optional(Type.String({ maxLength: 200 })),
            createdAt: Type.Optional(Type.String({ maxLength: 40 })),
          },
          { additionalProperties: true },
        ),
      },
    },
    async (request, reply) => {
      // The holder's alert of it is queued with the record and sent by the refund alerts' worker (migrations/108).
      const r = await recordVirtualAccountDeposit(deps, request.body);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  const depositor = payments.demoDeposit;
  if (depositor && appDeps.options.demo) {
    app.post(
      '/api/v1/demo/tax-notices/:declarationId/deposit',
      {
        preHandler: requirePrincipal(['consumer', 'operator']),
        config: {
          docResponses: {
            201: described('Deposited (demo): the emulator made the transfer and called the deposit callback; the payment recorded by it', PaymentResult),
            ...errorResponses({
              401: 'Not signed in (UNAUTHENTICATED)',
              403: 'Neither a consumer nor an operator (FORBIDDEN)',
              404: 'No such declaration, or not one this caller may pay (DECLARATION_NOT_FOUND)',
              409: 'No virtual account waits for a deposit (NO_WAITING_ACCOUNT)',
              503: 'The callback did not go through (PAYMENT_PROVIDER_UNAVAILABLE)',
            }),
          },
        },
        schema: {
          tags: ['demo'],
          summary: 'Demo only (payments through the emulator): deposit into the waiting virtual account of a tax notice, as a bank transfer would',
          params: Type.Object({ declarationId: Id() }),
        },
      },
      async (request, reply) => {
        const r = await makeDemoDeposit({ ...deps, depositor }, request.principal as ConsumerPrincipal | OperatorPrincipal, request.params.declarationId);
        return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
      },
    );
  }
  const reverser = payments.demoDepositReversal;
  if (reverser && appDeps.options.demo) {
    app.post(
      '/api/v1/demo/tax-notices/:declarationId/deposit-reversal',
      {
        preHandler: requirePrincipal(['consumer', 'operator']),
        config: {
          docResponses: {
            200: described('Reversed (demo): the emulator took the deposit back and called the deposit callback with WAITING_FOR_DEPOSIT; the notice, unpaid again, and the receipt, now void', PaymentResult),
            ...errorResponses({
              401: 'Not signed in (UNAUTHENTICATED)',
              403: 'Neither a consumer nor an operator (FORBIDDEN)',
              404: 'No such declaration, or not one this caller may pay (DECLARATION_NOT_FOUND)',
              409: 'The taxes were not paid by a deposit into a virtual account (NO_DEPOSIT_TO_REVERSE)',
              503: 'The callback did not go through (PAYMENT_PROVIDER_UNAVAILABLE)',
            }),
          },
        },
        schema: {
          tags: ['demo'],
          summary: 'Demo only (payments through the emulator): the bank reverses the deposit that paid a tax notice (입금 오류/취소), as Toss reports it',
          params: Type.Object({ declarationId: Id() }),
        },
      },
      async (request, reply) => {
        const r = await makeDemoDepositReversal({ ...deps, reverser }, request.principal as ConsumerPrincipal | OperatorPrincipal, request.params.declarationId);
        return r.ok ? r.value : sendFailure(reply, r.error);
      },
    );
  }
  const admin = requirePrincipal(['officer'], ['admin']);
  app.get(
    '/api/v1/officer/tax-refunds-due',
    {
      preHandler: admin,
      config: {
        docResponses: {
          200: described('Refunds due of the `status` asked (open by default: the oldest `limit`), with how many are of that status in all', RefundDueList),
          ...errorResponses({ ...ADMIN_AUTH_ERRORS, 400: 'Bad status, limit or after (VALIDATION_FAILED; querystring.after: not a nextAfter of this list)' }),
        },
      },
      schema: {
        tags,
        summary:
          'Refunds due (administrators): taxes paid to return through the payment provider (second charges not voided, charges of unknown outcome, deposits after payment, overpayments). open (default): not yet resolved, oldest first; resolved: recorded refunded (providerRefundRef) or not refunded (the note), or settled by the system (superseded, no longer due, reversed), the latest resolved first, with who (resolvedBy) and when (resolvedAt); all: the open, then the resolved. Each pages on by keyset: after = the nextAfter of the page before',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(REFUND_DUE_STATUSES.map((s) => Type.Literal(s)), { default: 'open', description: 'open: not yet resolved; resolved: refunded or not (outcome); all: both' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            after: Type.Optional(
              Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: '^(open|resolved)-[1-9][0-9]{0,15}$' })], {
                description:
                  'the nextAfter of the page before, as it is: the next page after it. open and resolved: the id of the last refund due listed; all: open-<id> or resolved-<id> (the part of the list it was listed in). A cursor of another list: 400',
              }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await listRefundsDue(deps, { status: request.query.status ?? 'open', limit: request.query.limit ?? 100, after: request.query.after ?? null });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/officer/tax-refunds-due/:id/resolve',
    {
      preHandler: admin,
      config: {
        docResponses: {
          200: described('The refund due, now resolved', RefundDue),
          ...errorResponses({
            ...ADMIN_AUTH_ERRORS,
            400: "Bad body (VALIDATION_FAILED): body.outcome missing or not one of refunded | not_refunded | recovered | written_off, or not one the record's reason takes (not_for_reason: refunded_then_reversed takes recovered | written_off, any other reason refunded | not_refunded); body.providerRefundRef missing when refunded, or sent otherwise; body.resolution empty",
            404: 'No open refund due with this id (REFUND_DUE_NOT_FOUND)',
            409: "Its card charge is still being cancelled automatically at the provider (REFUND_DUE_CANCEL_RETRYING: a cancel that goes through returns the money itself, so a refund by hand now could return it twice; details refundNo, attempts, maxAttempts, nextAttemptAt, lastError). Such a record is not listed open until every attempt failed or the provider refused for good",
          }),
        },
      },
      schema: {
        tags,
        summary:
          'Record how a refund due was resolved: refunded through the provider (its refund reference), or not refunded (not due, kept as credit, a duplicate record), with a note. It leaves the open list (administrators; who and when are kept). Only a refund recorded as refunded counts as money returned: the tax notice shows it (refundsMade), later reassessments net it, an operator that paid is told (webhook tax.refunded) and a consumer that paid gets an alert (SMS, e-mail, Web Push: amount, refund number, date, and the portal link)',
        params: IdParams,
        body: Type.Object(
          {
            outcome: Type.Union([Type.Literal('refunded'), Type.Literal('not_refunded'), Type.Literal('recovered'), Type.Literal('written_off')], {
              description:
                'refunded: the money went back to the payer through the payment provider (환불 완료; providerRefundRef required); not_refunded: nothing was returned (환불하지 않음: not due, the payer asked to keep it as credit, a duplicate record…): the payments count in full as before. A deposit paid back twice (reason refunded_then_reversed, owed to nobody) takes only recovered (회수 완료: the payer returned it, or the bank settled it) or written_off (회수 포기: not recoverable), and refuses the two others (400 not_for_reason); no other reason takes these two',
            }),
            providerRefundRef: Type.Optional(
              Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: "the refund's reference at the payment provider (결제대행사 환불번호); required when refunded, refused (400) with any other outcome" }),
            ),
            resolution: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'a note: what was done, or why nothing is refunded (처리 메모)' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const r = await resolveRefundDue(deps, request.principal as OfficerPrincipal, request.params.id, request.body);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/admin/account-closures',
    {
      preHandler: admin,
      config: { docResponses: { 200: described('Closes given up, the most recently given up first', AccountClosureList), ...errorResponses({ ...ADMIN_AUTH_ERRORS, 400: 'Bad limit (VALIDATION_FAILED)' }) } },
      schema: {
        tags: ['admin'],
        summary: 'Closes of virtual accounts at the payment provider given up after every attempt (administrators): such an account may still take a deposit at Toss',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: DEAD_CLOSURES_DEFAULT_LIMIT })) }, { additionalProperties: false }),
      },
    },
    async (request) => listDeadAccountClosures(deps, { limit: request.query.limit ?? DEAD_CLOSURES_DEFAULT_LIMIT }),
  );
  app.post(
    '/api/v1/admin/account-closures/:id/retry',
    {
      preHandler: admin,
      config: {
        docResponses: {
          200: described('Tried now: the outcome, and the close as it stands', AccountClosureRetried),
          ...errorResponses({ ...ADMIN_AUTH_ERRORS, 400: 'Bad id (VALIDATION_FAILED)', 404: 'No given-up close with this id (ACCOUNT_CLOSURE_NOT_FOUND: unknown, or retried already)' }),
        },
      },
      schema: {
        tags: ['admin'],
        summary: 'Try a given-up close again, now (administrators; audited): closed at the provider, found deposited (recorded), or failed again (the closure worker goes on with a new round of attempts)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const r = await retryAccountClosure({ ...deps, access: appDeps.access }, request.principal as OfficerPrincipal, request.params.id);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  const certificates = payments.certificates;
  if (certificates) {
    app.get(
      '/api/v1/tax-receipts/:receiptNo/certificate.pdf',
      {
        config: {
          ...receiptRateLimit,
          docResponses: {
            200: { description: 'The certificate (application/pdf)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
            ...errorResponses({
              400: 'The number is over 40 characters (VALIDATION_FAILED)',
              404: 'No receipt with this number (RECEIPT_NOT_FOUND)',
              410: 'The payment was undone (the bank reversed the deposit): the receipt is void, no certificate is issued (RECEIPT_VOID; details.voidedAt)',
              429: RECEIPT_RATE_LIMITED,
            }),
          },
        },
        schema: {
          tags,
          summary: 'The payment certificate (납부확인서) of a tax receipt as PDF (public; no personal data; its QR code links the receipt page)',
          security: [],
          params: ReceiptParams,
        },
      },
      async (request, reply) => {
        const r = await getTaxCertificate({ ...deps, certificates }, request.params.receiptNo, publicOriginOf(request, payments.publicUrl));
        if (!r.ok) return sendFailure(reply, r.error);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="tax-receipt-${r.value.receiptNo}.pdf"`)
          .header('cache-control', 'private, max-age=300')
          .send(Buffer.from(r.value.pdf.buffer, r.value.pdf.byteOffset, r.value.pdf.byteLength) as never); // bytes, sent as they are
      },
    );
  }
};
