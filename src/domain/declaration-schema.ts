// The e-commerce import declaration: one TypeBox schema that types the code, validates
// each declaration (validate-declaration.ts) and documents the HTTP API (OpenAPI).
// Field names are fixed by the clearance-engine issue; operators depend on them.
import { Type, type Static } from '@sinclair/typebox';

/** A string limited to a few values, written as a JSON-Schema enum (one clear error, clean OpenAPI). */
function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Country = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' });
const Money = Type.Number({ description: 'amount in order.currency' });
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const PartySchema = Type.Object(
  {
    name: Name,
    country: Type.Optional(Country),
    code: Type.Optional(Type.String({ maxLength: 40, description: 'operator code, e.g. 특송업체부호, 해외거래처부호' })),
    registrationNo: Type.Optional(Type.String({ maxLength: 40, description: '구매대행업자 등록부호 (purchase agents)' })),
  },
  { additionalProperties: false },
);

export const ItemSchema = Type.Object(
  {
    description: Type.String({ maxLength: 300, description: '[품목] [브랜드] [제품명], e.g. "티셔츠 Nike Dri-FIT"' }),
    category: Type.Optional(Type.String({ maxLength: 60, description: '품목 category code (see /api/v1/reference/categories), mapped to HS when hsCode is absent' })),
    hsCode: Type.Optional(Type.String({ pattern: '^[0-9.\\-]{2,13}$', description: 'HS code, 2 to 10 digits' })),
    quantity: Type.Number({ description: 'number of units (or ml/g/kg when unit says so)' }),
    unit: Type.Optional(StringEnum(['piece', 'bottle', 'ml', 'g', 'kg'] as const)),
    volumeMl: Type.Optional(Type.Number({ description: 'volume of one unit in ml (perfume, liquor)' })),
    weightG: Type.Optional(Type.Number({ description: 'net weight of one unit in grams (herbal goods)' })),
    alcoholPercent: Type.Optional(Type.Number({ description: 'alcohol by volume, liquor only' })),
    price: Money,
    localTax: Type.Optional(Money),
    localShipping: Type.Optional(Money),
    discount: Type.Optional(Money),
    otherCosts: Type.Optional(Money),
    originCountry: Type.Optional(Country),
    brand: Type.Optional(Type.String({ maxLength: 100 })),
    gift: Type.Optional(Type.Boolean({ description: 'gift or sample: declared at its price with an equal discount' })),
  },
  { additionalProperties: false },
);

export const DeclarationSchema = Type.Object(
  {
    ref: Type.String({ minLength: 1, maxLength: 64, description: "operator's own reference, unique per operator" }),
    declaredAt: IsoDate,
    ecommerceType: Type.Optional(StringEnum(['direct', 'forwarding', 'purchase-agency'] as const, { description: '전자상거래 유형: 직접배송 / 배송대행 / 구매대행 (mandatory from 2022-11-01)' })),
    purpose: Type.Optional(StringEnum(['personal', 'business'] as const, { default: 'personal' })),
    shipment: Type.Object(
      {
        mode: StringEnum(['express', 'postal', 'cargo'] as const),
        shipFrom: Country,
        hblNo: Type.Optional(Type.String({ maxLength: 35 })),
        mblNo: Type.Optional(Type.String({ maxLength: 35 })),
        arrivalDate: Type.Optional(IsoDate),
        grossWeightKg: Type.Number({ description: 'actual gross weight in kg (deemed freight is by actual weight)' }),
      },
      { additionalProperties: false },
    ),
    parties: Type.Optional(
      Type.Object(
        {
          platform: Type.Optional(PartySchema),
          seller: Type.Optional(PartySchema),
          forwarder: Type.Optional(PartySchema),
          courier: Type.Optional(PartySchema),
          broker: Type.Optional(PartySchema),
        },
        { additionalProperties: false },
      ),
    ),
    consignee: Type.Object(
      {
        name: Name,
        pccc: Type.String({ description: '개인통관고유부호: P + 12 digits' }),
        phone: Type.String({ maxLength: 20 }),
        postcode: Type.String({ maxLength: 10 }),
        address: Type.String({ maxLength: 300 }),
        email: Type.Optional(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
    order: Type.Object(
      {
        orderNo: Type.Optional(Type.String({ maxLength: 64 })),
        purchasedAt: Type.Optional(IsoDate),
        currency: Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217' }),
        amountPaid: Type.Optional(Money),
      },
      { additionalProperties: false },
    ),
    items: Type.Array(ItemSchema, { maxItems: 999, description: 'at least one item: an empty list rejects the declaration (items_empty)' }),
    fta: Type.Optional(
      Type.Object(
        {
          agreement: Type.String({ maxLength: 10, description: 'KORUS | KOREU | KORUK | …' }),
          proof: StringEnum(['marking-receipt', 'origin-declaration', 'certificate', 'approved-exporter'] as const),
          approvedExporterNo: Type.Optional(Type.String({ maxLength: 40 })),
        },
        { additionalProperties: false },
      ),
    ),
    consent: Type.Optional(
      Type.Object({ token: Type.String({ maxLength: 4000 }) }, { additionalProperties: false, description: 'consumer consent token (JWS) from the order-time approval' }),
    ),
  },
  { additionalProperties: false, $id: 'Declaration' },
);

export type Declaration = Static<typeof DeclarationSchema>;
export type DeclarationItem = Static<typeof ItemSchema>;
export type Party = Static<typeof PartySchema>;
export type ShippingMode = Declaration['shipment']['mode'];
