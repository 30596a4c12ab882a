// Korean and English labels of the risk features, in officers' words. Columns not listed here
// (other CSV files) are shown under their own name.
import type { Bilingual } from '../bilingual.ts';

export const FEATURE_LABELS: Record<string, Bilingual> = {
  'declared value usd': { ko: '신고 물품가격(USD)', en: 'declared goods value (USD)' },
  'max unit price usd': { ko: '최고 단가(USD)', en: 'highest unit price (USD)' },
  'unit price vs category': { ko: '같은 품목 대비 단가 수준', en: 'unit price compared with the same category' },
  'unit price vs brand': { ko: '같은 브랜드 대비 단가 수준', en: 'unit price compared with the same brand' },
  'gross weight kg': { ko: '총중량(kg)', en: 'gross weight (kg)' },
  'value per kg usd': { ko: 'kg당 가격(USD)', en: 'value per kg (USD)' },
  items: { ko: '품목 수', en: 'number of items' },
  'total quantity': { ko: '총수량', en: 'total quantity' },
  'value to de minimis': { ko: '면세한도 대비 가격 비율', en: 'value relative to the de minimis' },
  'duty rate': { ko: '관세율', en: 'duty rate' },
  'taxes owed krw': { ko: '납부세액(원)', en: 'taxes owed (KRW)' },
  'hs digits declared': { ko: '신고 HS 자릿수', en: 'digits of the declared HS code' },
  'description words': { ko: '품명 단어 수', en: 'words in the description' },
  'description hs mismatch': { ko: '품명과 HS 불일치', en: 'description does not match the HS code' },
  'luxury brand': { ko: '명품 브랜드', en: 'luxury brand' },
  'concealment words': { ko: '은닉 우범 품명', en: 'goods often used for concealment' },
  'amount paid ratio': { ko: '결제금액/신고가격 비율', en: 'amount paid ÷ declared value' },
  'days purchase to declaration': { ko: '구매일~신고일 일수', en: 'days from purchase to declaration' },
  'consignee parcels 30d': { ko: '수하인 최근 30일 반입 건수', en: "consignee's parcels in the last 30 days" },
  'consignee names': { ko: '개인통관고유부호 사용 성명 수', en: 'names used with this PCCC' },
  'consignee phones': { ko: '개인통관고유부호 사용 전화번호 수', en: 'phone numbers used with this PCCC' },
  'consignee postcodes': { ko: '개인통관고유부호 사용 우편번호 수', en: 'postcodes used with this PCCC' },
  'consignee parcels same day': { ko: '수하인 같은 날 반입 건수', en: "consignee's parcels on the same day" },
  'consignee value 7d usd': { ko: '수하인 최근 7일 반입금액(USD)', en: "consignee's value in the last 7 days (USD)" },
  'consignee days known': { ko: '수하인 첫 반입 후 경과일', en: 'days since the consignee was first seen' },
  'seller parcels': { ko: '판매자 반입 이력 건수', en: "seller's past parcels" },
  'seller hit rate': { ko: '판매자 과거 검사 적발률', en: "seller's past inspection hit rate" },
  'seller days known': { ko: '판매자 첫 반입 후 경과일', en: 'days since the seller was first seen' },
  'forwarder hit rate': { ko: '배송대행지 과거 검사 적발률', en: "forwarder's past inspection hit rate" },
  'signal count': { ko: '통관 엔진 경고 수', en: 'number of engine signals' },
  'near de minimis': { ko: '면세한도 직전 가격', en: 'value just under the de minimis' },
  'amount paid mismatch': { ko: '결제금액 불일치', en: 'amount paid mismatch' },
  combined: { ko: '합산과세 대상', en: 'combined with other parcels' },
  'no seller': { ko: '판매자 미기재', en: 'no seller declared' },
  'prohibited goods': { ko: '반입금지 물품 일치', en: 'matches a prohibited-goods rule' },
  'quantity over self use': { ko: '자가사용 기준 초과', en: 'quantity above the self-use limit' },
  platform: { ko: '통신판매중개자(플랫폼)', en: 'platform' },
  seller: { ko: '판매자', en: 'seller' },
  forwarder: { ko: '배송대행업자', en: 'forwarder' },
  courier: { ko: '특송업체', en: 'courier' },
  broker: { ko: '관세사', en: 'customs broker' },
  'ship from': { ko: '적출국', en: 'country shipped from' },
  mode: { ko: '운송 형태', en: 'transport mode' },
  'ecommerce type': { ko: '전자상거래 유형', en: 'e-commerce type' },
  category: { ko: '품목 분류', en: 'goods category' },
  'hs heading': { ko: 'HS 호(4단위)', en: 'HS heading' },
  brand: { ko: '브랜드', en: 'brand' },
  route: { ko: '통관 경로', en: 'clearance route' },
  'postcode area': { ko: '배송지 권역(우편번호 앞 2자리)', en: 'delivery area (postcode prefix)' },
  currency: { ko: '결제 통화', en: 'currency' },
};

/**
 * How a numeric feature's value reads to an officer: a share as a percentage (0.33 → 33.0%), a
 * yes/no column (0 or 1) as 예/아니오; the others as a number.
 */
export const FEATURE_KINDS: Record<string, 'share' | 'flag' | 'zscore'> = {
  // How far the (log) unit price lies from the category's or brand's usual, in standard deviations
  // (features.ts zScore): a bare -3.91 meant nothing to an officer.
  'unit price vs category': 'zscore',
  'unit price vs brand': 'zscore',
  'seller hit rate': 'share',
  'forwarder hit rate': 'share',
  'duty rate': 'share', // a fraction (assessment line dutyRate: 0.13)
  'description hs mismatch': 'flag',
  'luxury brand': 'flag',
  'concealment words': 'flag',
  'near de minimis': 'flag',
  'amount paid mismatch': 'flag',
  combined: 'flag',
  'no seller': 'flag',
  'prohibited goods': 'flag',
  'quantity over self use': 'flag',
};

export function featureLabel(name: string): Bilingual {
  const known = FEATURE_LABELS[name];
  if (known) return known;
  const parts = name.split(' × ');
  if (parts.length > 1) {
    const labels = parts.map(featureLabel);
    return { ko: labels.map((l) => l.ko).join(' × '), en: labels.map((l) => l.en).join(' × ') };
  }
  return { ko: name, en: name };
}
