// Response schemas of the routes external integrators and the consumer app call (public lookups,
// the tax estimator, consumer verification and declarations, tax notices, payments and receipts,
// order-time consent on the phone), published in /api/openapi.json as response-schemas.ts does
// for the operator routes: documentation only, held to the real answers by
// test/integration/openapi-contract.test.ts. Amounts: KRW are whole won, USD are dollars.
import { Type } from '@sinclair/typebox';
import { STATUS_TEXT, type DeclarationStatus } from '../domain/lifecycle.ts';
import { TAX_NOTICE_STATUSES } from '../domain/tax-notice.ts';
import { Closed, DateTime, Nullable, ReasonSchema, TimelineEvent, Won } from './response-schemas.ts';
import { Id } from './schemas.ts';

const IsoDate = (description: string) => Type.String({ format: 'date', description });
/** A text in both languages: Korean (the default) and English. */
export const Bilingual = (what: string) => Closed({ ko: Type.String({ description: `${what} (Korean)` }), en: Type.String({ description: `${what} (English)` }) });
const Korean = (what: string) => Type.String({ description: `${what} (Korean)` });
const English = (what: string) => Type.String({ description: `${what} (English)` });
const Route = Type.Union([Type.Literal('list'), Type.Literal('general'), Type.Literal('hold')], { description: 'list: 목록통관; general: 일반수입신고; hold: held by the engine' });
const DeclarationStatusSchema = Type.Union(
  (Object.keys(STATUS_TEXT) as DeclarationStatus[]).map((s) => Type.Literal(s)),
  { description: 'the declaration’s status (statusText says it in words)' },
);

// ---- public lookups (cargo number, B/L): no personal data ----

export const lookupViewFields = {
  cargoNo: Type.String({ description: '화물관리번호 (cargo management number)' }),
  status: DeclarationStatusSchema,
  statusText: Bilingual('the status'),
  route: Route,
  hblNo: Nullable(Type.String({ description: 'house B/L number' })),
  mblNo: Nullable(Type.String({ description: 'master B/L number' })),
  blYear: Nullable(Type.String({ pattern: '^\\d{4}$', description: 'B/L year' })),
  declaredAt: IsoDate('신고일: the declaration date (YYYY-MM-DD)'),
  goods: Closed({ description: Type.String({ description: 'the first item’s description, as declared' }), itemCount: Type.Integer({ minimum: 0 }) }),
  hold: Nullable(
    Closed(
      {
        ko: Korean('why the parcel is held'),
        en: English('why the parcel is held'),
        codes: Type.Array(Type.String(), { description: 'the engine’s reason codes, OFFICER_HOLD (an officer held it) or CONSUMER_REPORT_HOLD (the consignee reported the use of their PCCC as not theirs)' }),
        since: Nullable(Type.String({ format: 'date-time', description: 'when an officer, or the consignee’s report, held it; null for a hold by the engine' })),
      },
      { description: 'null unless the status is held' },
    ),
  ),
  nextAction: Bilingual('what happens next, or what to do'),
  taxes: Nullable(
    Closed(
      {
        dueKrw: Type.Integer({ minimum: 0, description: 'KRW assessed to pay: the total, or 0 under the minimum collection amount (KRW 10,000) and when clearance was refused or the declaration withdrawn (not imported: nothing is collected); whether it was paid is on the tax notice' }),
        collected: Type.Boolean({ description: 'false under the minimum collection amount: nothing is owed' }),
        dutyKrw: Won,
        vatKrw: Won,
        exciseKrw: Won,
        educationKrw: Won,
        liquorKrw: Won,
      },
      { description: 'the taxes the engine assessed, by tax in KRW; null when it assessed none' },
    ),
  ),
  timeline: Type.Array(TimelineEvent, { description: 'oldest first; an event’s detail never names the officer' }),
};

/** What a consumer's own parcel shows of its declaration (my parcels, the usage ledger): whose, and the goods. */
export const declaredGoodsFields = {
  consigneeName: Type.String({ description: 'the consignee’s name, as declared' }),
  currency: Type.String({ description: 'the order’s currency (ISO 4217): of each item’s price' }),
  items: Type.Array(
    Closed({
      description: Type.String(),
      quantity: Type.Number(),
      unit: Nullable(Type.String({ description: 'piece, bottle, ml, g or kg; null: pieces' })),
      price: Type.Number({ description: 'the unit price in `currency`, as declared' }),
    }),
    { description: 'the items as declared' },
  ),
};

export const LookupView = Closed(lookupViewFields, { description: 'A parcel as the public sees it: status, timeline, hold reason, next action, taxes; no personal data' });
export const LookupResults = Closed({
  results: Type.Array(LookupView, { description: 'the declarations with this B/L number and year: the first 100, in declaration order' }),
  truncated: Type.Boolean({ description: 'true: there are more than 100; look each parcel up by its house B/L or cargo number' }),
});

// ---- the tax estimator ----

export const EstimateResponse = Closed({
  declaredAt: IsoDate('the date the estimate is made for: today, or the last day of the latest loaded exchange-rate week when this week’s rate is not loaded yet'),
  assessment: Type.Ref('Assessment'),
  fieldErrors: Type.Array(
    Closed({
      path: Type.String({ description: 'the path in the declaration the estimate builds, e.g. items[0].price' }),
      code: Type.String(),
      ko: Type.String(),
      en: Type.String(),
      field: Type.String({ description: 'the request field: of the flat form e.g. price (items[0].price) or currency (order.currency); with items, an item’s as items[1].price' }),
    }),
    { description: 'what makes the estimate impossible (the assessment is then rejected)' },
  ),
  nextSteps: Type.Array(ReasonSchema, { description: 'the engine’s NEXT_* reasons: what the consumer does next' }),
  headroomUsd: Nullable(
    Type.Number({ description: 'USD the purchase can grow by (negative: is over by) and stay within the de minimis limit; null when the value does not decide the outcome' }),
  ),
  assumptions: Type.Array(Closed({ field: Type.String({ description: 'the form field assumed: weightKg, volumeMl, weightG, date, originCountry, description (a product name that names no goods, set aside); with items, an item’s as items[1].volumeMl (its text begins “품목 2:” / “Item 2:”), and originCountry when no item gives one' }), ko: Type.String(), en: Type.String() })),
  fxPlaceholder: Type.Boolean({ description: 'true: the rate used for the purchase’s currency is an approximation, to be replaced by the published one (the assessment’s FX_PLACEHOLDER signal); a published week may still hold approximated currencies (HKD)' }),
});

const UnitMeasure = Type.Union([Type.Literal('volumeMl'), Type.Literal('weightG')]);
const Category = Closed({
  code: Type.String({ description: 'category code (품목)' }),
  hs: Type.String({ description: 'the HS code it maps to (2 to 10 digits)' }),
  ko: Korean('name'),
  en: English('name'),
  measures: Type.Array(UnitMeasure, { description: 'the measures of one unit its self-use limits count (perfume: volumeMl; ginseng: weightG); the estimate assumes them within the limit when not given' }),
});

export const EstimatorOptions = Closed({
  date: IsoDate('the date the options hold for (as the estimate’s declaredAt)'),
  categories: Type.Array(Category),
  currencies: Type.Array(
    Closed({
      code: Type.String({ description: 'ISO 4217' }),
      ko: Korean('name'),
      en: English('name'),
      rate: Type.Number({ description: 'the week’s customs exchange rate (과세환율): KRW per `units` units of the currency' }),
      units: Type.Integer({ minimum: 1, description: 'e.g. 100 for JPY' }),
      placeholder: Type.Boolean({ description: 'true: this currency’s rate is an approximation (the whole week, or this currency within a published week), as the engine decides FX_PLACEHOLDER' }),
    }),
    { description: 'the currencies with a rate this week' },
  ),
  countries: Type.Array(Closed({ code: Type.String({ description: 'ISO 3166-1 alpha-2' }), ko: Korean('name'), en: English('name') })),
  measuredHs: Type.Array(Closed({ prefix: Type.String({ description: 'HS prefix' }), measure: UnitMeasure }), {
    description: 'HS prefixes whose self-use limit counts a measure of one unit (3303: volumeMl; 121120: weightG)',
  }),
  modes: Type.Array(Type.Union([Type.Literal('express'), Type.Literal('postal'), Type.Literal('cargo')])),
  thresholds: Nullable(
    Closed({
      deMinimisUsd: Type.Number({ description: 'USD: the de minimis limit (150)' }),
      usExpressDeMinimisUsd: Type.Number({ description: 'USD: the limit for express parcels from the US (200)' }),
      minimumCollectionKrw: Type.Integer({ description: 'KRW: taxes under it are not collected (10,000)' }),
    }),
  ),
  fxWeek: Nullable(IsoDate('the Sunday starting the exchange-rate week used')),
  fxPlaceholder: Type.Boolean({ description: 'true: the whole week’s rates are approximations; a published week may still approximate some currencies — see currencies[].placeholder' }),
});

export const CategoryList = Closed({ categories: Type.Array(Category) });

// ---- consumers ----

/** The errors of a route for verified consumers (a tgc_… session token). */
export const CONSUMER_AUTH_ERRORS = {
  401: 'No, an expired or an unknown token (UNAUTHENTICATED; INVALID_API_KEY for an unknown tgk_ key)',
  403: 'Not a consumer session (FORBIDDEN)',
};

export const VerificationStarted = Closed({
  challengeId: Type.String({ description: 'pass to …/complete with the code' }),
  method: Type.Literal('otp'),
  channel: Type.Literal('sms'),
  sentTo: Type.String({ description: 'the mobile number, masked (010-****-5678)' }),
  expiresAt: Type.String({ format: 'date-time', description: 'the code expires (5 minutes)' }),
});
export const VerificationCompleted = Closed({
  token: Type.String({ description: 'consumer bearer token, tgc_…' }),
  expiresAt: Type.String({ format: 'date-time', description: 'the token expires (30 minutes)' }),
  pccc: Type.String({ description: 'the verified 개인통관고유부호 (the consumer’s own)' }),
});
export const PasskeySignInStarted = Closed({
  ceremonyId: Type.String({ description: 'pass to …/sign-in/{ceremonyId} with the assertion (5 minutes)' }),
  options: Type.Object(
    { challenge: Type.String() },
    { additionalProperties: true, description: 'WebAuthn PublicKeyCredentialRequestOptionsJSON, usernameless (no allowCredentials), for navigator.credentials.get (@simplewebauthn/browser startAuthentication)' },
  ),
});
export const DemoNotifications = Closed({
  notifications: Type.Array(
    Closed({ id: Type.Integer(), channel: Type.String(), recipient: Type.String({ description: 'digits only' }), subject: Type.String(), body: Type.String(), createdAt: DateTime }),
    { description: 'newest first, at most 50' },
  ),
});

// ---- tax notices, payments, receipts ----

const Method = Type.Union([Type.Literal('card'), Type.Literal('transfer')]);
const PayerKind = Type.Union([Type.Literal('consumer'), Type.Literal('operator')], { description: 'who paid: the consumer, or the declaring operator on their behalf' });
const NoticeTaxes = Closed({ dutyKrw: Won, exciseKrw: Won, educationKrw: Won, liquorKrw: Won, vatKrw: Won, totalKrw: Won }, { description: 'KRW, by tax (관세, 개별소비세, 교육세, 주세, 부가가치세)' });
const PaymentNo = Type.String({ pattern: '^9\\d{18}$', description: "19 digits: '9' + yy + declaration id (15) + Luhn digit; the platform's own number, not issued by KCS" });
const ReceiptNo = Type.String({ pattern: '^TR-[0-9A-F]{16}$', description: 'the receipt number, the public code to verify the payment' });

const taxNoticeFields = {
  declarationId: Type.Integer(),
  cargoNo: Type.String({ description: '화물관리번호' }),
  description: Type.String({ description: 'the first item' }),
  paymentNo: PaymentNo,
  amountKrw: Type.Integer({ minimum: 0, description: 'KRW due: the taxes’ total' }),
  dueDate: IsoDate(
    'YYYY-MM-DD: 15 days from 수입신고수리 (관세법 제9조① 1), moved past Saturdays, Sundays, public holidays, 대체공휴일 and May 1 (관세법 제8조③); before acceptance, provisional from the declaration date (from today once that date has passed: never overdue before acceptance)',
  ),
  status: Type.Union(
    TAX_NOTICE_STATUSES.map((x) => Type.Literal(x)),
    {
      description:
        'due: payable now, by the due date; overdue: payable, from the day after the due date (Korean date); held: the engine held the parcel (`payable` false), nothing can be paid until the hold is resolved, so not among what is due; paid: settled',
    },
  ),
  taxes: NoticeTaxes,
  payment: Nullable(Closed({ receiptNo: ReceiptNo, paidAt: DateTime, method: Method, payerKind: PayerKind, amountKrw: Won }, { description: 'null until paid' })),
  shortfallKrw: Type.Integer({ minimum: 0, description: "assessed again higher after payment (관세법 제38조의2): the taxes now less everything paid that stands net of the refunds already made (an overpayment's refund an administrator resolved), payable on this notice (POST …/payments with this amount; status due or overdue until paid, held while the engine holds the parcel); also, when the notice's payment was undone (a deposit the bank reversed: `payment` null) while shortfalls paid after it stand, the taxes less those shortfalls, the amount of the notice's payment anew; 0 otherwise. The amount to pay is this once `payment` is set or `shortfallPayments` is not empty, else `amountKrw`" }),
  shortfallPayments: Type.Array(Closed({ receiptNo: ReceiptNo, paidAt: DateTime, method: Method, payerKind: PayerKind, amountKrw: Won }), { description: "shortfalls paid on this notice after its payment, oldest first, each with its own receipt; they stand (and count as paid) when the notice's payment is undone" }),
  refund: Nullable(
    Closed(
      {
        refundNo: Type.String({ pattern: '^RF-\\d{8,}$', description: 'the refund number to quote' }),
        amountKrw: Won,
        refundBy: IsoDate('YYYY-MM-DD: refunded to the means paid with by this day'),
      },
      { description: 'the overpayment of a notice assessed again lower after payment, recorded for a refund (관세법 제46조 과오납금의 환급, reason reassessed_lower): the amount paid less the taxes now; null otherwise. Split over several charges (`refunds` has more than one), the first of them: read `refunds`' },
    ),
  ),
  refunds: Type.Array(
    Closed({
      refundNo: Type.String({ pattern: '^RF-\\d{8,}$', description: 'the refund number to quote' }),
      amountKrw: Won,
      refundBy: IsoDate('YYYY-MM-DD: refunded to the means paid with by this day'),
      receiptNo: Type.Optional(ReceiptNo),
    }),
    {
      description:
        'the open records of the overpayment’s refund, one per charge it is drawn from (a partial cancel never refunds more than its charge: paid 86,580 by card and 49,950 by transfer, withdrawn, is 49,950 to the transfer and 86,580 to the card), the latest payment first; each with the receipt of the payment it goes back to. They add up to the overpayment; empty when none',
    },
  ),
  refundsMade: Type.Array(
    Closed({
      refundNo: Type.String({ pattern: '^RF-\\d{8,}$', description: 'the refund number the payer was given' }),
      amountKrw: Won,
      refundedAt: DateTime,
      reason: Type.String({ description: 'why it was due: reassessed_lower (an overpayment, 관세법 제46조: counted off what is paid), or a second charge or deposit returned (duplicate_charge_not_voided, charge_outcome_unknown, deposit_after_paid, deposit_while_held, charge_while_held: never counted as paid)' }),
    }),
    { description: 'the refunds made of what was paid on this declaration (환급 완료: recorded refunded by an administrator, with the provider’s refund), oldest first; empty when none' },
  ),
  payable: Type.Boolean({
    description:
      "false: the engine held the parcel (route hold: prohibited goods, or an import approval or requirement missing), or it is held on the consignee's own \"not me\" report (who owns the goods, and so owes the taxes, is what customs checks: 관세법 제19조①1): nothing can be paid on this notice now (POST …/payments answers 409 TAXES_NOT_PAYABLE_HELD) and no virtual account is offered; `amountKrw` is what would be owed if the hold is resolved and the goods clear (taxes are due from 수입신고 수리, 관세법 제9조), `status` is held unless paid, and `reason` says so and what to do. true otherwise (an officer's hold of a general-clearance parcel stays payable)",
  }),
  ref: Type.String({ description: 'the law article of the due date' }),
  reason: Bilingual('what is owed by when, or when it was paid; held by the engine (payable false): what would be owed, that nothing can be paid now, and what to do'),
};
export const TaxNotice = Closed(taxNoticeFields);
export const VirtualAccount = Closed(
  {
    bankCode: Type.String({ description: "the bank's two-digit code as Toss Payments names it (20 우리, 06 KB국민, 88 신한, 81 하나, 11 NH농협, 03 IBK기업, 71 우체국)" }),
    bank: Bilingual('the bank'),
    accountNumber: Type.String({ description: 'the account to deposit into' }),
    holderName: Type.String({ description: 'the account holder (예금주) the bank shows' }),
    amountKrw: Won,
    dueAt: DateTime,
    status: Type.Union([Type.Literal('waiting'), Type.Literal('deposited'), Type.Literal('canceled'), Type.Literal('expired')], { description: 'waiting (입금 대기) until the deposit is confirmed' }),
    demo: Type.Boolean({ description: 'issued by the payment emulator: no bank takes deposits into it; in the demo, POST /api/v1/demo/tax-notices/{declarationId}/deposit deposits' }),
    text: Bilingual('where to deposit how much by when'),
  },
  { description: 'A virtual account (가상계좌) for paying by transfer: deposit exactly the amount by dueAt; never later than the notice’s due date' },
);
/** A notice as the lists answer it: with the account waiting for its deposit, so a payer who comes back finds it. */
const ListedTaxNotice = Closed({
  ...taxNoticeFields,
  virtualAccount: Type.Union([VirtualAccount, Type.Null()], {
    description: 'the virtual account of a transfer waiting for its deposit (입금 대기), as issued; null when none waits, past its deadline, or once paid',
  }),
});
/** Declared after the notices: each parcel carries its own. */
export const ConsumerDeclarations = Closed({
  pccc: Type.String({ description: 'the verified 개인통관고유부호 (the consumer’s own)' }),
  declarations: Type.Array(
    Closed({
      ...lookupViewFields,
      platform: Nullable(Type.String({ description: 'the shopping platform, as declared' })),
      seller: Nullable(Type.String({ description: 'the seller, as declared' })),
      courier: Nullable(Type.String({ description: 'the courier (특송업체), as declared: whom a hold’s next step sends the consignee to' })),
      ...declaredGoodsFields,
      taxNotice: Type.Union([ListedTaxNotice, Type.Null()], {
        description:
          'the parcel’s tax notice as GET /api/v1/consumer/tax-notices lists it (paid, due by dueDate, or overdue), for every parcel however old; null when nothing is owed or paid. Its `reason` is the tax line of the parcel’s `nextAction`',
      }),
      reasons: Type.Array(ReasonSchema, {
        description:
          'the clearance engine’s reasons for this parcel, as assessed: why it took its route (ROUTE_*), each tax and how it was worked out, what to do next (NEXT_*), each with the law it rests on. ' +
          'Once an officer held or refused the parcel, or it was withdrawn, the engine’s NEXT_* advice no longer holds and is left out (`nextAction` says what to do now)',
      }),
    }),
    { description: 'newest first, one page of `limit`: the lookup view plus the order’s parties, the consignee’s name, the tax notice and the engine’s reasons' },
  ),
  next: Nullable(Id({ description: 'pass as `after` for the older declarations; null: none older' })),
  total: Type.Integer({ minimum: 0, description: 'how many declarations name the PCCC, all pages together' }),
  held: Type.Integer({ minimum: 0, description: 'how many of them are held (status held), all pages together' }),
});
export const TaxNoticeList = Closed({
  notices: Type.Array(ListedTaxNotice, { description: 'newest first, of the latest 500 taxed (or paid) declarations' }),
  truncated: Type.Boolean({ description: 'more taxed (or paid) declarations than the 500 whose notices are listed' }),
});
export const OperatorTaxNoticeList = Closed({
  notices: Type.Array(
    Closed({
      ...ListedTaxNotice.properties,
      consigneeName: Type.String({ description: 'whose parcel it is: the consignee’s name, as the operator declared it' }),
    }),
    { description: 'newest first' },
  ),
  next: Nullable(Type.Integer({ description: 'the `after` of the next page (older notices), or null; a status-filtered page may hold fewer than limit notices' })),
  prev: Nullable(Type.Integer({ description: 'the `before` of the page before (newer notices), or null on the first page' })),
});
export const TaxReceipt = Closed(
  {
    receiptNo: ReceiptNo,
    paymentNo: PaymentNo,
    cargoNo: Type.String({ description: '화물관리번호' }),
    amountKrw: Won,
    method: Method,
    payerKind: PayerKind,
    paidAt: DateTime,
    taxes: NoticeTaxes,
    part: Type.Integer({ minimum: 0, description: "0: the notice's payment; n ≥ 1: the n-th shortfall paid on the same notice after the taxes were assessed again higher (관세법 제38조의2), its taxes what the new assessment added" }),
    demo: Type.Boolean({ description: 'true when the payment went through the local payment emulator: no money moved, not a real tax payment' }),
    voided: Type.Union(
      [Closed({
        at: DateTime,
        reason: Type.Literal('deposit_reversed', { description: 'the bank reversed the deposit that paid it (입금 오류/취소)' }),
        ko: Type.String(),
        en: Type.String(),
      }), Type.Null()],
      { description: 'The payment was undone after it was recorded: the receipt is void (it proves nothing paid) and no certificate is issued; null while the payment stands' },
    ),
    refunded: Type.Union(
      [Closed({
        refunds: Type.Array(Closed({ refundNo: Type.String({ pattern: '^RF-\\d{8,}$' }), amountKrw: Won, refundedAt: DateTime }), { description: 'oldest first' }),
        refundedKrw: Won,
        remainingKrw: Won,
        extent: Type.Union([Type.Literal('all'), Type.Literal('part')]),
        title: Closed({ ko: Type.String(), en: Type.String() }),
        text: Closed({ ko: Type.String(), en: Type.String() }),
      }), Type.Null()],
      { description: 'Refunds made since against this payment (관세법 제46조; a withdrawal 제250조): amounts, refund numbers, days and what remains paid; the receipt stays valid as proof of the payment made. null: none' },
    ),
  },
  { description: 'A payment as anyone may check it by its number: no name, no PCCC, no payer reference' },
);
export const PaymentResult = Closed({ notice: TaxNotice, receipt: TaxReceipt });
export const TransferResult = Closed({ notice: TaxNotice, virtualAccount: VirtualAccount });
export const DepositCallbackResult = Closed({
  result: Type.Union([Type.Literal('paid'), Type.Literal('refund_due'), Type.Literal('reversed'), Type.Literal('closed'), Type.Literal('waiting')]),
  receiptNo: Type.Optional(Nullable(ReceiptNo)),
  refundNo: Type.Optional(Nullable(Type.String())),
});
export const RefundDue = Closed(
  {
    id: Type.Integer(),
    refundNo: Type.String({ pattern: '^RF-\\d{8,}$', description: "'RF-' + id in 8 digits: the reference the payer was given" }),
    provider: Type.String(),
    providerTx: Type.String({ description: "the charge to refund, at the provider; 'order:<orderId>' for a charge of unknown outcome (look the order up first)" }),
    declarationId: Type.Integer(),
    cargoNo: Type.String({ description: "the declaration's cargo number (화물관리번호): the reference administrators work with" }),
    paymentNo: PaymentNo,
    amountKrw: Won,
    payerKind: PayerKind,
    reason: Type.String({ description: 'duplicate_charge_not_voided: the taxes were already paid and voiding this second charge failed; charge_outcome_unknown: the gateway gave no definitive answer, the order may have been charged; deposit_after_paid: a deposit into a virtual account arrived after the taxes were paid another way (a deposit is returned only to a refund account of the payer); deposit_while_held: a deposit into a virtual account closed because nothing was payable (held on the consignee\'s "not me" report or by the engine): it pays no taxes, also once the hold is released, and is returned so; charge_while_held: a card charge whose answer came after the parcel was held (the notice was payable when it was sent): recorded as no payment, and cancelling it failed; reassessed_lower: the taxes were assessed again lower after they were paid, or the paid declaration was withdrawn or refused (it owes nothing: all of it), the overpayment (amount paid − taxes now) is refunded from the charge in providerTx (`reassessed:v<version>.<payments>:<charge>`: a partial cancel; withdrawn or refused `reassessed:v<version>.<payments>.withdrawn|rejected:<charge>`; split over several charges, one record per charge, each at most what is left of it, the latest payment first, `….parts<n>:<charge>`; 관세법 제46조, a withdrawal 제250조)' }),
    refundBy: IsoDate('YYYY-MM-DD: the day the payer was told the refund comes by'),
    createdAt: DateTime,
    resolvedAt: Nullable(DateTime),
    resolvedBy: Nullable(Type.String({ description: "the administrator who recorded the outcome; 'system' when a later retry settled a charge of unknown outcome, the bank took a deposit back, or a later assessment superseded a reassessment refund (or made it no longer due)" })),
    resolution: Nullable(Type.String({ description: 'the note: what was done, or why nothing is refunded' })),
    outcome: Nullable(
      Type.Union([Type.Literal('refunded'), Type.Literal('not_refunded'), Type.Literal('recovered'), Type.Literal('written_off')], {
        description: "null while open; refunded (환불 완료): the money went back through the provider, and only then does it count as returned (netted by later assessments, shown on the notice); not_refunded (환불하지 않음): nothing returned (the system's resolutions are all this); of a deposit paid back twice (refunded_then_reversed) only: recovered (회수 완료) or written_off (회수 포기)",
      }),
    ),
    providerRefundRef: Nullable(Type.String({ description: 'the refund at the payment provider, when refunded (null on those recorded before it was asked)' })),
    alert: Type.Optional(
      Closed(
        { code: Type.Literal('PAID_BACK_TWICE'), ko: Type.String(), en: Type.String(), ref: Type.String({ description: 'the legal reference (민법 제741조, unjust enrichment)' }) },
        { description: 'only on reason refunded_then_reversed (not a refund to make): a deposit an administrator refunded that the bank then reversed, so the payer got it back twice; why and what to do, ko/en (recover it, then resolve as recovered or written_off with a note)' },
      ),
    ),
    cancelRetries: Type.Optional(
      Nullable(
        Closed(
          {
            attempts: Type.Integer({ minimum: 1, description: 'cancels sent to the provider for this charge' }),
            maxAttempts: Type.Integer({ minimum: 1, description: 'the most tried before it is given up (charge-cancel-retries.ts: 8)' }),
            state: Type.Union([Type.Literal('retrying'), Type.Literal('given_up'), Type.Literal('cancelled')], {
              description: 'retrying: another cancel is due (not listed open meanwhile); given_up: every attempt failed, or the provider refused for good: to refund by hand; cancelled: a later attempt went through (settled by the system)',
            }),
            lastError: Nullable(Type.String({ description: "the provider's last failure, as the administrators read it (English)" })),
          },
          { description: 'in the list only: the cancel retries of a card charge not kept (duplicate_charge_not_voided, charge_while_held; migrations/115); null when no cancel was tried' },
        ),
      ),
    ),
  },
  { description: 'A second charge of taxes already paid that the provider could not void: to refund (reconciliation)' },
);
export const RefundDueList = Closed({
  refunds: Type.Array(RefundDue, { description: 'of the `status` asked, up to `limit` (the next ones: `nextAfter`): open ones oldest first; resolved ones the latest resolved first; all: the open ones, then the resolved' }),
  total: Type.Integer({ minimum: 0, description: 'how many are of the `status` asked in all: more than listed when above the length of refunds' }),
  nextAfter: Type.Union([Type.Integer(), Type.String({ pattern: '^(open|resolved)-[0-9]+$' }), Type.Null()], {
    description: 'the `after` that asks the next page, to send as it is; null when none is left. open and resolved: the id of the last one listed; all: open-<id> or resolved-<id>, the last one listed and the part of the list it was in',
  }),
});

export const AccountClosure = Closed(
  {
    id: Type.Integer(),
    reason: Type.Union(['paid_otherwise', 'notice_corrected', 'reversal_after_paid', 'expired', 'duplicate_issue', 'declaration_withdrawn', 'declaration_rejected', 'nothing_owed', 'held_not_payable', 'held_on_not_me', 'reversal_of_returned_deposit'].map((r) => Type.Literal(r)), {
      description: 'why the account had to be closed: paid another way, the notice corrected, a reversed deposit that was a refund due (the account waits again at Toss), past its deadline, issued for a request that lost the race to another, the declaration withdrawn or refused, assessed again with nothing more to pay, assessed again into the engine\'s hold, or held on the consignee\'s "not me" report (held_on_not_me), when nothing is payable (closed with that transition); a reversed deposit that was made while the parcel was held and recorded to be returned (reversal_of_returned_deposit: the taxes are not paid)',
    }),
    why: Bilingual('the reason'),
    status: Type.Union([Type.Literal('pending'), Type.Literal('closed'), Type.Literal('deposited'), Type.Literal('dead')], { description: 'dead: given up; pending: to be tried again by the closure worker; closed: closed at the provider; deposited: the provider holds a deposit into it, recorded by the deposit path' }),
    attempts: Type.Integer({ minimum: 0, description: 'attempts of this round' }),
    lastError: Nullable(Type.String({ description: 'why the last attempt failed: our diagnostic, in English' })),
    lastErrorExplained: Nullable(
      Closed(
        {
          ko: Type.String(),
          en: Type.String(),
          providerCode: Nullable(Type.String({ description: "Toss's error code as sent (e.g. NOT_CANCELABLE_PAYMENT); null when Toss sent no error object (no answer, a server error)" })),
          providerMessage: Nullable(Type.String({ description: "Toss's error message as sent (Korean)" })),
        },
        { description: "the last failure for the administrator: Toss's code explained in Korean and English (a generic text for a code not known), with Toss's code and message as detail; null when no attempt failed" },
      ),
    ),
    queuedAt: DateTime,
    doneAt: Nullable(DateTime),
    account: Closed({
      declarationId: Type.Integer(),
      paymentNo: PaymentNo,
      amountKrw: Won,
      provider: Type.String(),
      orderId: Type.String({ description: "Toss's orderId" }),
      providerTx: Type.String({ description: "Toss's paymentKey (look it up, or cancel it, in Toss's console)" }),
      bankCode: Type.String(),
      accountNumber: Type.String(),
      dueAt: DateTime,
    }),
  },
  { description: 'A close of a virtual account at the payment provider (migrations/065)' },
);
export const AccountClosureList = Closed({
  closures: Type.Array(AccountClosure, { description: 'given up (dead), the most recently given up first' }),
  total: Type.Integer({ minimum: 0, description: 'how many closes are given up in all' }),
  maxAttempts: Type.Integer({ description: 'attempts in a round before a close is given up' }),
});
export const AccountClosureRetried = Closed({
  outcome: Type.Union([Type.Literal('closed'), Type.Literal('deposited'), Type.Literal('retry')], { description: 'closed at the provider; found deposited (recorded: a refund due when the taxes are paid); or failed again (pending: the closure worker tries again with backoff)' }),
  closure: AccountClosure,
});

// ---- order-time consent, the phone's side ----

export const ConsentView = Closed({
  id: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('declined'), Type.Literal('expired'), Type.Literal('refused')]),
  refusal: Nullable(Type.String({ description: 'why the request was refused, e.g. wrong_number' })),
  expiresAt: Type.String({ format: 'date-time', description: 'a pending request expires (10 minutes after it was made)' }),
  operator: Closed({ name: Type.String(), code: Type.String() }, { description: 'the operator that asks' }),
  order: Closed({
    platform: Type.String(),
    seller: Nullable(Type.String()),
    orderNo: Type.String(),
    items: Type.Array(Closed({ description: Type.String(), quantity: Type.Integer({ minimum: 1 }), unitPrice: Type.Integer({ minimum: 0, description: 'hundredths of `currency` (cents)' }) })),
    total: Type.Integer({ minimum: 0, description: 'Σ unitPrice × quantity, in hundredths of `currency` (cents)' }),
    currency: Type.String({ description: 'ISO 4217' }),
    postcodeMasked: Type.String({ description: 'the delivery postcode, its first 3 digits only (062**): enough to recognise the order, not to locate the address' }),
    pcccMasked: Type.String({ description: 'the PCCC the order names, masked (P12********12)' }),
  }),
  orderHash: Type.String({ description: 'the hash the approval is bound to' }),
  choices: Type.Array(Type.String({ pattern: '^\\d{2}$' }), { description: 'three numbers, one of them the one the shop shows; empty once decided' }),
  returnUrl: Nullable(Type.String({ description: 'where to send the consumer back to, given by the operator' })),
});
export const ConsentOptions = Closed({
  options: Type.Object(
    { challenge: Type.String({ description: 'bound to this order and this decision' }) },
    { additionalProperties: true, description: 'WebAuthn PublicKeyCredentialRequestOptionsJSON, for navigator.credentials.get (@simplewebauthn/browser startAuthentication)' },
  ),
});
export const ConsentRequestCreated = Closed({
  id: Type.String({ description: 'the request: GET /api/v1/consent-requests/{id} for its status and, once approved, the consent token' }),
  status: Type.Literal('pending'),
  expiresAt: Type.String({ format: 'date-time', description: '10 minutes after the request' }),
  matchingNumber: Type.String({ pattern: '^\\d{2}$', description: 'show it to the buyer: the phone asks them to pick the same number' }),
  orderHash: Type.String({ description: 'the hash of the order the approval is bound to' }),
  deepLink: Type.String({ description: 'the consent page on the phone' }),
  qr: Closed({ png: Type.String({ description: 'data: URL of a PNG image' }), svg: Type.String({ description: 'data: URL of an SVG image' }) }, { description: 'the deep link as a QR code' }),
});
export const ConsentDecided = Closed({
  status: Type.Union([Type.Literal('approved'), Type.Literal('declined')]),
  returnUrl: Nullable(Type.String({ description: 'where to send the consumer back to, given by the operator' })),
});

// ---- public statistics ----

// A month is YYYY-MM everywhere in the public statistics: the query, from/to, rows, totals and the CSV.
const month = (description: string) => Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description });
// A published cell, or a withheld one (small-cell suppression, data/statistics.json).
const statisticsCell = {
  suppressed: Type.Boolean({ description: 'true: withheld so that no one’s purchase can be read from it; count and values are null' }),
  belowMin: Type.Boolean({ description: 'true: withheld because it holds fewer than disclosure.minCount declarations; false on a cell withheld to protect such a cell' }),
  count: Nullable(Type.Integer({ minimum: 0, description: 'declarations' })),
  valueUsd: Nullable(Type.Number({ description: 'goods value, USD, rounded to the cent' })),
  valueKrw: Nullable(Type.Integer({ description: 'goods value, KRW' })),
  taxesKrw: Nullable(Type.Integer({ description: 'taxes assessed, KRW' })),
};
export const MonthlyStatistics = Closed({
  dimension: Type.Union([Type.Literal('origin'), Type.Literal('category'), Type.Literal('route')]),
  from: month('the first month (YYYY-MM)'),
  to: month('the last month, included (YYYY-MM)'),
  rows: Type.Array(
    Closed({
      month: month('the month (YYYY-MM)'),
      key: Type.String({ description: 'origin country (ISO 3166-1 alpha-2), HS chapter (2 digits) or route; empty: unknown' }),
      ...statisticsCell,
    }),
    { description: 'by month, then by count (most first)' },
  ),
  totals: Type.Array(Closed({ month: month('the month (YYYY-MM)'), ...statisticsCell }), { description: 'one per month of the period, months without declarations included' }),
  period: Closed(statisticsCell, { description: 'the whole period' }),
  labels: Type.Record(Type.String(), Bilingual('the name of the key'), { description: 'the name of each key of the rows' }),
  declarations: Nullable(Type.Integer({ minimum: 0, description: 'declarations in the period (period.count); null when withheld' })),
  disclosure: Closed({ minCount: Type.Integer({ minimum: 1, description: 'fewest declarations a published cell holds (data/statistics.json)' }) }),
  queryMs: Type.Number({ minimum: 0, description: 'the time the database took for the aggregate, ms' }),
});
