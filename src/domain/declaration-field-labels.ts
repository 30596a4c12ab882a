// The declaration's fields named for people, in Korean and English: the CSV template's header
// ("참조번호 (ref)") and the operator console's field errors ("1번 물품 단가") read the same names.
// An item's fields are keyed `items.price`: a path `items[0].price` names the item by its place.
const PARTY = { platform: ['플랫폼', 'Platform'], seller: ['판매자', 'Seller'], forwarder: ['배송대행업체', 'Forwarder'], courier: ['특송업체', 'Courier'], broker: ['관세사', 'Broker'] } as const;
const PARTY_FIELD = { name: ['이름', 'name'], country: ['국가', 'country'], code: ['부호', 'code'], registrationNo: ['등록부호', 'registration no.'] } as const;
/** A person's name for each field path (the CSV template's header reads "참조번호 (ref)"; the console names field errors so). */
export const DECLARATION_FIELD_LABELS: Record<string, readonly [string, string]> = {
  ref: ['참조번호', 'Reference'],
  declaredAt: ['신고일', 'Declared on'],
  ecommerceType: ['전자상거래 유형', 'E-commerce type'],
  purpose: ['수입 목적', 'Purpose'],
  'shipment.mode': ['운송 방식', 'Mode'],
  'shipment.shipFrom': ['발송 국가', 'Shipped from'],
  'shipment.hblNo': ['House B/L 번호', 'House B/L no.'],
  'shipment.mblNo': ['Master B/L 번호', 'Master B/L no.'],
  'shipment.arrivalDate': ['입항일', 'Arrival date'],
  'shipment.grossWeightKg': ['총중량(kg)', 'Gross weight (kg)'],
  ...Object.fromEntries(
    Object.entries(PARTY).flatMap(([role, [rk, re]]) => Object.entries(PARTY_FIELD).map(([f, [fk, fe]]) => [`parties.${role}.${f}`, [`${rk} ${fk}`, `${re} ${fe}`] as const])),
  ),
  'consignee.name': ['수하인 성명', 'Consignee name'],
  'consignee.pccc': ['개인통관고유부호', 'Consignee PCCC'],
  'consignee.phone': ['수하인 전화번호', 'Consignee phone'],
  'consignee.postcode': ['우편번호', 'Postcode'],
  'consignee.address': ['주소', 'Address'],
  'consignee.email': ['수하인 이메일', 'Consignee e-mail'],
  'order.orderNo': ['주문번호', 'Order no.'],
  'order.purchasedAt': ['구매일', 'Purchased on'],
  'order.currency': ['통화', 'Currency'],
  'order.amountPaid': ['결제 금액', 'Amount paid'],
  'items.description': ['품명', 'Description'],
  'items.category': ['품목 분류', 'Category'],
  'items.hsCode': ['HS 부호', 'HS code'],
  'items.quantity': ['수량', 'Quantity'],
  'items.unit': ['단위', 'Unit'],
  'items.volumeMl': ['용량(ml)', 'Volume (ml)'],
  'items.weightG': ['중량(g)', 'Weight (g)'],
  'items.alcoholPercent': ['알코올 도수(%)', 'Alcohol (%)'],
  'items.price': ['단가', 'Unit price'],
  'items.localTax': ['현지 세금', 'Local tax'],
  'items.localShipping': ['현지 운송료', 'Local shipping'],
  'items.discount': ['할인', 'Discount'],
  'items.otherCosts': ['기타 비용', 'Other costs'],
  'items.originCountry': ['원산지', 'Origin'],
  'items.brand': ['브랜드', 'Brand'],
  'items.gift': ['선물·샘플', 'Gift or sample'],
  'fta.agreement': ['FTA 협정', 'FTA agreement'],
  'fta.proof': ['원산지 증빙', 'Proof of origin'],
  'fta.approvedExporterNo': ['인증수출자 번호', 'Approved exporter no.'],
  'consent.token': ['소비자 동의 토큰', 'Consumer consent token'],
};

// "Unit price" within a phrase: "Item 1 unit price"; an acronym stays ("Item 1 HS code").
const lowerFirst = (s: string) => (/^[A-Z][A-Z]/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

const ITEM = /^items\[(\d+)\](?:\.(.+))?$/;

/**
 * A field error's path in words: `items[0].price` → "1번 물품 단가" / "Item 1 unit price",
 * `consignee.pccc` → "개인통관고유부호" / "Consignee PCCC"; null for a path with no name
 * (the root, an unknown field): the caller shows the path itself.
 */
export function declarationFieldInWords(path: string): { ko: string; en: string } | null {
  const item = ITEM.exec(path);
  if (item) {
    const n = Number(item[1]) + 1;
    if (item[2] === undefined) return { ko: `${n}번 물품`, en: `Item ${n}` };
    const label = DECLARATION_FIELD_LABELS[`items.${item[2]}`];
    return label ? { ko: `${n}번 물품 ${label[0]}`, en: `Item ${n} ${lowerFirst(label[1])}` } : null;
  }
  if (path === 'items') return { ko: '물품 목록', en: 'Items' };
  const label = DECLARATION_FIELD_LABELS[path];
  return label ? { ko: label[0], en: label[1] } : null;
}
