// Tax notices and payment (관세 등 제세 납부): the consumer's notices, payment by the consumer or
// by the declaring operator on the consumer's behalf, and public receipt verification by number.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listOperatorTaxNotices, listTaxNotices, OPERATOR_NOTICES_DEFAULT_LIMIT, OPERATOR_NOTICES_MAX_LIMIT, type TaxDeps } from '../../app/list-tax-notices.ts';
import { payTaxes } from '../../app/pay-taxes.ts';
import { getTaxReceipt } from '../../app/get-tax-receipt.ts';
import { getTaxCertificate } from '../../app/get-tax-certificate.ts';
import type { ConsumerPrincipal, OperatorPrincipal } from '../../app/ports.ts';
import type { AppDeps } from '../app.ts';
import { requirePrincipal } from '../auth.ts';
import { sendFailure } from '../error-status.ts';
import { publicOriginOf } from '../public-origin.ts';
import { Id, IdParams, KrwAmount } from '../schemas.ts';

const Method = Type.Union([Type.Literal('card'), Type.Literal('transfer')]);
const PayerKind = Type.Union([Type.Literal('consumer'), Type.Literal('operator')]);
const Krw = KrwAmount();
const TaxesSchema = Type.Object(
  { dutyKrw: Krw, exciseKrw: Krw, educationKrw: Krw, liquorKrw: Krw, vatKrw: Krw, totalKrw: Krw },
  { additionalProperties: false },
);

export const TaxNoticeSchema = Type.Object(
  {
    declarationId: Type.Integer(),
    cargoNo: Type.String(),
    description: Type.String({ description: 'the first item' }),
    paymentNo: Type.String({ description: "19 digits: '9' + yy + declaration id (15) + Luhn digit; the platform's own number, not issued by KCS" }),
    amountKrw: Krw,
    dueDate: Type.String({
      description:
        'YYYY-MM-DD: 15 days from 수입신고수리 (관세법 제9조① 1), moved past Saturdays, Sundays, public holidays, 대체공휴일 and May 1 (관세법 제8조③); before acceptance, provisional from the declaration date',
    }),
    status: Type.Union([Type.Literal('due'), Type.Literal('overdue'), Type.Literal('paid')]),
    taxes: TaxesSchema,
    payment: Type.Union([
      Type.Object({ receiptNo: Type.String(), paidAt: Type.String(), method: Method, payerKind: PayerKind, amountKrw: Krw }, { additionalProperties: false }),
      Type.Null(),
    ]),
    ref: Type.String(),
    reason: Type.Object({ ko: Type.String(), en: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const ReceiptSchema = Type.Object(
  {
    receiptNo: Type.String(),
    paymentNo: Type.String(),
    cargoNo: Type.String(),
    amountKrw: Krw,
    method: Method,
    payerKind: PayerKind,
    paidAt: Type.String(),
    taxes: TaxesSchema,
    demo: Type.Boolean({ description: 'true when the payment went through the local payment emulator: no money moved, not a real tax payment' }),
  },
  { additionalProperties: false },
);

export const PaymentBody = Type.Object(
  {
    method: Method,
    amountKrw: KrwAmount({ minimum: 1, description: 'must equal the notice amount' }),
    cardNumber: Type.Optional(Type.String({ pattern: '^[0-9 -]{12,23}$', description: 'for method card; digits, spaces or dashes' })),
  },
  { additionalProperties: false },
);

const ReceiptParams = Type.Object({ receiptNo: Type.String({ maxLength: 40 }) });
const receiptRateLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });
const PaymentResponse = Type.Object({ notice: TaxNoticeSchema, receipt: ReceiptSchema }, { additionalProperties: false });

export const taxPaymentRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps: appDeps }) => {
  const payments = appDeps.taxPayments;
  if (!payments) return;
  const deps: TaxDeps = {
    declarations: appDeps.declarations,
    clock: appDeps.clock,
    secrets: appDeps.secrets,
    reference: appDeps.reference,
    taxPayments: payments.store,
    paymentProvider: payments.provider,
  };
  const tags = ['tax-payments'];
  const keyOf = (h: string | string[] | undefined) => (typeof h === 'string' && h ? h : null);

  app.get(
    '/api/v1/consumer/tax-notices',
    { preHandler: requirePrincipal(['consumer']), schema: { tags, summary: "The verified consumer's tax notices (관세 등 제세), newest first", response: { 200: Type.Object({ notices: Type.Array(TaxNoticeSchema) }) } } },
    async (request, reply) => {
      const r = await listTaxNotices(deps, request.principal as ConsumerPrincipal);
      return r.ok ? { notices: r.value } : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/tax-notices',
    {
      preHandler: requirePrincipal(['operator']),
      schema: {
        tags,
        summary: "The tax notices of the operator's own declarations (to pay on the consumer's behalf), newest first, keyset-paged by declaration id",
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('overdue'), Type.Literal('paid')])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: OPERATOR_NOTICES_MAX_LIMIT, default: OPERATOR_NOTICES_DEFAULT_LIMIT })),
            afterId: Type.Optional(Id({ description: 'the `next` of the previous page' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              notices: Type.Array(TaxNoticeSchema),
              next: Type.Union([Type.Integer(), Type.Null()], { description: 'the afterId of the next page, or null; a status-filtered page may hold fewer than limit notices' }),
            },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request, reply) => {
      const { status, limit, afterId } = request.query;
      const r = await listOperatorTaxNotices(deps, request.principal as OperatorPrincipal, { ...(status ? { status } : {}), ...(limit ? { limit } : {}), ...(afterId ? { afterId } : {}) });
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/consumer/tax-notices/:declarationId/payments',
    {
      preHandler: requirePrincipal(['consumer']),
      schema: {
        tags,
        summary: 'Pay the taxes of one of the consumer’s declarations (Idempotency-Key: a retry returns the same receipt)',
        params: Type.Object({ declarationId: Id() }),
        headers: IdempotencyHeaders,
        body: PaymentBody,
        response: { 201: PaymentResponse },
      },
    },
    async (request, reply) => {
      const r = await payTaxes(deps, request.principal as ConsumerPrincipal, { ...request.body, declarationId: request.params.declarationId, idempotencyKey: keyOf(request.headers['idempotency-key']) });
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.post(
    '/api/v1/declarations/:id/tax-payments',
    {
      preHandler: requirePrincipal(['operator']),
      schema: {
        tags,
        summary: 'Pay the taxes of an own declaration on the consumer’s behalf (forwarders, couriers)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: PaymentBody,
        response: { 201: PaymentResponse },
      },
    },
    async (request, reply) => {
      const r = await payTaxes(deps, request.principal as OperatorPrincipal, { ...request.body, declarationId: request.params.id, idempotencyKey: keyOf(request.headers['idempotency-key']) });
      return r.ok ? reply.code(201).send(r.value) : sendFailure(reply, r.error);
    },
  );
  app.get(
    '/api/v1/tax-receipts/:receiptNo',
    {
      config: receiptRateLimit,
      schema: {
        tags,
        summary: 'Verify a tax receipt by its number (public; no personal data)',
        security: [],
        params: ReceiptParams,
        response: { 200: ReceiptSchema },
      },
    },
    async (request, reply) => {
      const r = await getTaxReceipt(deps, request.params.receiptNo);
      return r.ok ? r.value : sendFailure(reply, r.error);
    },
  );
  const certificates = payments.certificates;
  if (certificates) {
    app.get(
      '/api/v1/tax-receipts/:receiptNo/certificate.pdf',
      {
        config: receiptRateLimit,
        schema: {
          tags,
          summary: 'The payment certificate (납부확인서) of a tax receipt as PDF (public; no personal data; its QR code links the receipt page)',
          security: [],
          params: ReceiptParams,
          produces: ['application/pdf'],
          response: { 200: { description: 'application/pdf', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } },
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
