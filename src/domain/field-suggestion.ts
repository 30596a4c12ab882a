// "Did you mean …?" for a field an operator misnamed: other systems call a unit price
// `unitPrice`, an origin `origin`, a purchase date `purchaseDate` (and our own order API says
// `orderedAt`), and some put an item's local tax on the order. The unknown_field error then says
// which field was meant, or where it belongs, instead of only "check its spelling". A wrong hint
// is worse than none: synonyms are explicit, spelling slips go through closestCode (one clear
// winner only).
import { closestCode } from './closest-code.ts';

/** A field name folded for comparison: case, spaces, `_`, `-` and `.` set aside (`unit_price` = `unitPrice`). */
export const foldFieldName = (s: string) => s.toLowerCase().replace(/[\s_\-.]+/g, '');

/**
 * Names that mean the same field: ours (first) and what other customs and shop systems call it.
 * An unknown name is matched (folded) against a group, and the hint is the group's member that
 * the object has (a declaration's `order.purchasedAt` is an order's `orderedAt`).
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['price', 'unitPrice', 'unitCost', 'priceUsd', 'itemPrice', 'amount', 'value'],
  ['quantity', 'qty', 'count', 'pieces'],
  ['originCountry', 'origin', 'countryOfOrigin', 'coo', 'originCountryCode', 'madeIn'],
  ['hsCode', 'hs', 'hsCd', 'hsNo', 'tariffCode', 'hts', 'htsCode'],
  ['description', 'itemName', 'productName', 'desc', 'goodsName'],
  ['localTax', 'salesTax', 'tax'],
  ['localShipping', 'shipping', 'domesticShipping', 'inlandFreight'],
  ['purchasedAt', 'orderedAt', 'purchaseDate', 'orderDate', 'purchasedOn', 'orderedOn'],
  ['orderNo', 'orderId', 'orderNumber'],
  ['postcode', 'zip', 'zipCode', 'postalCode', 'postCd'],
  ['phone', 'mobile', 'tel', 'telephone', 'phoneNo', 'mobileNo'],
  ['pccc', 'buyerPccc', 'customsCode', 'personalCustomsCode', 'personalCustomsClearanceCode'],
  ['hblNo', 'awb', 'awbNo', 'hawb', 'houseBlNo', 'hbl', 'houseBl'],
  ['mblNo', 'mawb', 'mbl', 'masterBl', 'masterBlNo'],
  ['grossWeightKg', 'weight', 'weightKg', 'grossWeight'],
  ['shipFrom', 'shipFromCountry', 'departureCountry', 'fromCountry'],
  ['declaredAt', 'declarationDate', 'declaredDate'],
  ['amountPaid', 'totalPaid', 'paidAmount', 'total', 'orderTotal'],
];
const SYNONYMS_BY_NAME = new Map<string, readonly string[]>();
for (const group of SYNONYMS) for (const n of group) SYNONYMS_BY_NAME.set(foldFieldName(n), group);

/** The names that mean the same field as `name` (ours first), or just `name` when it has none. */
export function synonymsOf(name: string): readonly string[] {
  return SYNONYMS_BY_NAME.get(foldFieldName(name)) ?? [name];
}

export interface FieldHint {
  hintKo: string;
  hintEn: string;
}

const NO_HINT: FieldHint = { hintKo: '', hintEn: '' };

/**
 * The hint for an unknown field `name` in an object whose known fields are `siblings`; `places`
 * (folded name → where the field lives, e.g. `items[].localTax`) names fields that belong
 * elsewhere in the document.
 */
export function suggestField(name: string, siblings: readonly string[], places?: ReadonlyMap<string, string>): FieldHint {
  const group = synonymsOf(name);
  const same = siblings.find((s) => group.some((n) => foldFieldName(n) === foldFieldName(s)));
  const near = same ?? closestCode(name, siblings.map((code) => ({ code, names: [] })))?.code;
  if (near && near !== name) return { hintKo: ` 혹시 '${near}'인가요?`, hintEn: ` Did you mean '${near}'?` };
  // Only the name as given: an alias's place would guess twice (`name` is a party's, not an item's description).
  const place = places?.get(foldFieldName(name));
  if (place) return { hintKo: ` 이 항목은 ${place}에 적습니다.`, hintEn: ` This field belongs in ${place}.` };
  return NO_HINT;
}

interface SchemaNode {
  properties?: Record<string, unknown>;
  items?: unknown;
}

/**
 * Where each field of a JSON schema lives (`items[].localTax`), by folded name. Names found in
 * several places (`name`, `country`) are left out: the hint could not say which one.
 */
export function fieldPlaces(schema: SchemaNode): ReadonlyMap<string, string> {
  const places = new Map<string, string | null>();
  const walk = (node: SchemaNode, prefix: string) => {
    if (node.items) walk(node.items as SchemaNode, `${prefix}[]`);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      places.set(foldFieldName(key), places.has(foldFieldName(key)) ? null : path);
      walk(child as SchemaNode, path);
    }
  };
  walk(schema, '');
  return new Map([...places].filter((e): e is [string, string] => e[1] !== null));
}
