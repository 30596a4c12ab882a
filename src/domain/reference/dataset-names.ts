// What each versioned reference dataset is called, in the texts that name one: the events of a
// correction (reference-corrections.ts) and the administrator's reference page, so that a consumer's
// timeline and the administrator's table call the same data the same. English in sentence case, as
// it reads inside a sentence ("a correction of the item categories"); a table capitalises it.
import type { Bilingual } from '../bilingual.ts';
import type { VersionedDataset } from './compile-reference.ts';

export const DATASET_NAMES: Readonly<Record<VersionedDataset, Bilingual>> = {
  thresholds: { ko: '면세한도·통관 기준금액', en: 'de minimis and clearance thresholds' },
  freight: { ko: '과세운임표', en: 'deemed freight table' },
  tariff: { ko: '관세율표', en: 'tariff rates' },
  categories: { ko: '품목 분류', en: 'item categories' },
  exclusions: { ko: '목록통관 배제 품목', en: 'goods excluded from list clearance' },
  // [별표11] 자가사용 인정기준: the quantities a consumer may import for own use.
  quantityLimits: { ko: '자가사용 인정기준(수량)', en: 'self-use quantity limits' },
  prohibited: { ko: '수입 금지·제한 품목', en: 'prohibited and restricted goods' },
  excise: { ko: '개별소비세', en: 'individual consumption tax' },
  liquor: { ko: '주세', en: 'liquor tax' },
  vat: { ko: '부가가치세', en: 'VAT' },
  fta: { ko: 'FTA 협정세율', en: 'FTA preferential rates' },
  // 관세법 제81조 간이세율 of a postal parcel's 간이수입신고 (data/simplified-rates.json): told, not taxed with.
  simplifiedRates: { ko: '우편물 간이세율', en: 'postal simplified rates' },
};
