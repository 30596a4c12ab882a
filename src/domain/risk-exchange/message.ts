// Risk-information exchange with partner customs administrations: the message format
// (docs/risk-exchange.md). Two kinds, modelled on the seizure reporting fields of the WCO Customs
// Enforcement Network (CEN / nCEN) and named, where it has a name for them, after the WCO Data
// Model: a seizure (finding) report, and a risky-party notice; and a third, the withdrawal of a
// notice by its sender. One TypeBox schema types the code,
// validates what partners send (validate-message.ts) and documents the inbound route (OpenAPI).
// Consumer personal data (PCCC, consignee name, phone, address, e-mail) has no field here: the
// schemas refuse unknown fields, so a message carrying it is refused, and the builder never reads it.
import { Type, type Static } from '@sinclair/typebox';

/** A string limited to a few values, as a JSON-Schema enum (one clear error, clean OpenAPI), like declaration-schema.ts. */
function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}


export { EXCHANGE_FORMAT, EXCHANGE_PARTY_ROLES, EXCHANGE_VERSION, FIND_OUTCOMES, INBOX_KINDS, SUPPORTED_MAJOR, MESSAGE_KINDS, OFFENCE_CATEGORIES, OFFENCE_OF_OUTCOME, OFFENCE_TEXT, OFFENCES, WITHDRAWAL_GROUNDS } from './codes.ts';
export type { ExchangePartyRole, FindOutcome, InboxKind, MessageKind, Offence, OffenceCategory, WithdrawalGrounds } from './codes.ts';
import { EXCHANGE_FORMAT, EXCHANGE_PARTY_ROLES, FIND_OUTCOMES, MESSAGE_KINDS, OFFENCE_CATEGORIES, OFFENCES, WITHDRAWAL_GROUNDS } from './codes.ts';

export const TRANSPORT_MODES = ['express', 'postal', 'cargo'] as const;
/**
 * UN/ECE Recommendation 19 mode-of-transport codes (the code list the WCO Data Model uses):
 * 5 = mail. An express or cargo parcel may travel by air or by sea (China–Korea express often goes
 * by ferry), which the declaration does not say: 9 = mode not specified.
 */
export const REC19_OF_MODE: Record<(typeof TRANSPORT_MODES)[number], '5' | '9'> = { express: '9', postal: '5', cargo: '9' };

const Timestamp = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$', description: 'UTC, ISO 8601' });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{2,79}$', description: 'unique per sender' });
const SenderCode = Type.String({ pattern: '^[A-Z0-9][A-Z0-9_-]{1,31}$', description: 'the administration as the receiver registered it, e.g. KR, JP-CUSTOMS' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Amount = Type.Object(
  { amount: Type.Number({ minimum: 0, maximum: 1e15 }), currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' }) },
  { additionalProperties: false },
);

export const ExchangePartySchema = Type.Object(
  {
    name: Text(200),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'the operator code the sender knows the party by (e.g. seller id on the platform)' })),
    country: Type.Optional(Country),
  },
  { additionalProperties: false },
);

export const SeizureReportBodySchema = Type.Object(
  {
    reportingCountry: Country,
    /** The day the inspection found the goods (CEN: date of seizure). */
    seizureDate: IsoDate,
    detection: Type.Object(
      {
        outcome: StringEnum([...FIND_OUTCOMES, 'other'] as const, { description: "the reporting administration's own outcome" }),
        offence: StringEnum(OFFENCES),
        category: StringEnum(OFFENCE_CATEGORIES),
      },
      { additionalProperties: false },
    ),
    ecommerceType: Type.Optional(StringEnum(['direct', 'forwarding', 'purchase-agency'] as const)),
    transport: Type.Object(
      {
        mode: StringEnum(TRANSPORT_MODES),
        modeCode: Type.String({ pattern: '^[0-9]$', description: 'UN/ECE Rec 19' }),
        departureCountry: Country,
        destinationCountry: Country,
      },
      { additionalProperties: false },
    ),
    goods: Type.Array(
      Type.Object(
        {
          hsCode: Type.String({
            pattern: '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$',
            description: 'HS code as far as the goods were classified, up to the 6-digit subheading (the internationally shared level): 6 digits, or the heading (4) or chapter (2) when only that is known',
          }),
          description: Text(300),
          quantity: Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }),
          unit: Type.Optional(StringEnum(['piece', 'bottle', 'ml', 'g', 'kg'] as const)),
          originCountry: Type.Optional(Country),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 999 },
    ),
    /** HS 6-digit subheading the inspection found (misclassification). */
    correctedHsCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}([0-9]{2}([0-9]{2})?)?$' })),
    /** The invoice value as declared, in the order's currency. */
    invoiceValue: Amount,
    /** Customs value of the goods as declared, in the reporting country's currency. */
    declaredValue: Amount,
    correctedValue: Type.Optional(Amount),
    parties: Type.Object(
      {
        platform: Type.Optional(ExchangePartySchema),
        seller: Type.Optional(ExchangePartySchema),
        forwarder: Type.Optional(ExchangePartySchema),
        courier: Type.Optional(ExchangePartySchema),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const RiskyPartyNoticeBodySchema = Type.Object(
  {
    reportingCountry: Country,
    party: Type.Object(
      {
        role: StringEnum(EXCHANGE_PARTY_ROLES),
        name: Text(200),
        code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
        country: Type.Optional(Country),
      },
      { additionalProperties: false },
    ),
    reason: Type.Object(
      {
        category: StringEnum(OFFENCE_CATEGORIES),
        offence: Type.Optional(StringEnum(OFFENCES)),
        text: Type.Object({ en: Text(500), ko: Type.Optional(Text(500)) }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
    /** How many findings (seizures, inspections) the notice rests on. */
    evidenceCount: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    /** The last day the sender stands by the notice. */
    validUntil: IsoDate,
  },
  { additionalProperties: false },
);

/**
 * A risky-party notice withdrawn by the administration that sent it (issued in error, or the party
 * cleared since): the receiver stops acting on it. It names the notice by id and by the SHA-256 of
 * the bytes the notice's signature covers, both under this message's own signature, so a
 * withdrawal cannot be moved to another notice, nor apply to another version of the same id.
 */
export const PartyNoticeWithdrawalBodySchema = Type.Object(
  {
    reportingCountry: Country,
    withdraws: Type.Object(
      {
        id: Id,
        issuedAt: Timestamp,
        digest: Type.String({ pattern: '^[0-9a-f]{64}$', description: "SHA-256 (hex) of the RFC 8785 canonical JSON of the withdrawn notice without its signature: the bytes the notice's signature covers" }),
      },
      { additionalProperties: false },
    ),
    reason: Type.Object(
      {
        grounds: StringEnum(WITHDRAWAL_GROUNDS),
        // Either language or both: our officers write Korean (English optional), a partner writes its own way.
        text: Type.Object({ ko: Type.Optional(Text(500)), en: Type.Optional(Text(500)) }, { additionalProperties: false, minProperties: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const SignatureSchema = Type.Object(
  {
    alg: Type.Literal('Ed25519'),
    keyId: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: 'RFC 7638 JWK thumbprint (SHA-256, base64url) of the signing key' }),
    value: Type.String({ pattern: '^[A-Za-z0-9_-]{86}$', description: 'Ed25519 signature (64 bytes, base64url) over the RFC 8785 canonical JSON of the message without "signature"' }),
  },
  { additionalProperties: false },
);

/** The envelope; `body` is checked against the schema of its kind. */
export const EnvelopeSchema = Type.Object(
  {
    format: Type.Literal(EXCHANGE_FORMAT),
    version: Type.String({ pattern: '^\\d+\\.\\d+$' }),
    kind: StringEnum(MESSAGE_KINDS),
    id: Id,
    from: SenderCode,
    to: Type.Optional(SenderCode),
    issuedAt: Timestamp,
    body: Type.Unknown(),
    signature: SignatureSchema,
  },
  { additionalProperties: false },
);

/** What the OpenAPI document shows for the inbound route: the envelope with either body. */
export const ExchangeMessageDoc = Type.Object(
  { ...EnvelopeSchema.properties, body: Type.Union([SeizureReportBodySchema, RiskyPartyNoticeBodySchema, PartyNoticeWithdrawalBodySchema]) },
  { additionalProperties: false, description: 'docs/risk-exchange.md' },
);

export type ExchangeParty = Static<typeof ExchangePartySchema>;
export type SeizureReportBody = Static<typeof SeizureReportBodySchema>;
export type RiskyPartyNoticeBody = Static<typeof RiskyPartyNoticeBodySchema>;
export type PartyNoticeWithdrawalBody = Static<typeof PartyNoticeWithdrawalBodySchema>;
export type MessageSignature = Static<typeof SignatureSchema>;

interface EnvelopeFields {
  format: typeof EXCHANGE_FORMAT;
  version: string;
  id: string;
  from: string;
  to?: string;
  issuedAt: string;
}

export type UnsignedMessage = EnvelopeFields &
  ({ kind: 'seizure_report'; body: SeizureReportBody } | { kind: 'risky_party_notice'; body: RiskyPartyNoticeBody } | { kind: 'party_notice_withdrawal'; body: PartyNoticeWithdrawalBody });
export type ExchangeMessage = UnsignedMessage & { signature: MessageSignature };
