// Shapes of the versioned reference-data files in data/. Every dataset carries versions
// with an effective date and a source; the engine picks the version in force on the
// declaration date (compile-reference.ts versionAt) and records which one it used.
import type { Bilingual } from '../bilingual.ts';

/** One dated version of a dataset. */
export interface DatasetVersion<T> {
  version: string; // e.g. "thresholds-2022-11-17"
  effectiveFrom: string; // YYYY-MM-DD, inclusive
  /** A correction: the version it replaces, with the same effectiveFrom and listed before it. The
   * replaced version stays in the file unchanged (assessments recorded its name); this one is used
   * in its place for every date (data/README.md, Conventions). */
  corrects?: string;
  source: string;
  records: T;
}

export interface Dataset<T> {
  dataset: string;
  description: string;
  versions: DatasetVersion<T>[];
}

/** Values that change with the law (고시 제67조, 제68조; 관세법 제40조; 국고금 관리법 제47조). */
export interface ThresholdRules {
  deMinimisUsd: number; // 150
  usExpressDeMinimisUsd: number; // 200 (KORUS express special case)
  usExpressShipFrom: string[]; // ["US"]
  usExpressModes: string[]; // ["express"]; postal from the US stays at 150 (UNCERTAIN)
  listClearanceModes: string[]; // modes that may use list clearance: express, postal
  freightSwitchKrw: number; // 200,000: sea-parcel rate at or below, express rate above
  minimumCollectionKrw: number; // 10,000
  combineBySameArrivalDate: boolean; // deleted ground, declarations before 2022-11-17
  ecommerceTypeRequired: boolean; // mandatory from 2022-11-01 (grace to 2022-10-31)
  rounding: { valueUnitKrw: number; taxUnitKrw: number };
  refs: Record<string, string>;
  uncertain?: string[];
}

export interface FxWeek {
  weekStart: string; // a Sunday
  rates: Record<string, number>; // currency -> KRW per `units[currency]` units
  placeholder: boolean; // true: approximation, to be replaced by the published rate
  /** When placeholder is false but some rates of the week are still approximations (e.g. HKD
   *  derived from USD), the currencies concerned. Absent: every rate follows `placeholder`. */
  placeholderCurrencies?: string[];
  source: string;
}

export interface ExchangeRateFile {
  dataset: 'exchange-rates';
  version: string;
  description: string;
  units: Record<string, number>; // e.g. { JPY: 100 } when the rate is per 100 yen
  weeks: FxWeek[];
}

export interface FreightZone extends Bilingual {
  zone: string;
  countries: string[];
}

export interface FreightRow {
  zone: string;
  maxKg: number;
  seaParcelKrw: number;
  expressKrw: number;
}

export interface FreightTable {
  zones: FreightZone[];
  defaultZone: string;
  rows: FreightRow[];
  /** Added per kg (or part of a kg) above the last row of the zone. */
  extraPerKg: { zone: string; seaParcelKrw: number; expressKrw: number }[];
  placeholder: boolean;
  note: string;
}

export interface TariffLine extends Bilingual {
  hs: string; // 2, 4, 6 or 10 digits
  basic: number; // fraction (0.13)
  fta?: Record<string, number>; // agreement code -> fraction
  source: string;
  uncertain?: boolean;
}

export interface CategoryMapping extends Bilingual {
  category: string; // e.g. "clothing"
  hs: string;
  source: string;
}

/** A matcher used by exclusion, quantity, prohibited, excise and liquor rules. */
export interface GoodsMatcher {
  hsPrefixes?: string[];
  categories?: string[];
  keywords?: { ko: string[]; en: string[] };
  /** Words that cancel the rule's keyword matches when found in the same text (the HS code and the
   * category still match): a tool or a look-alike named after the goods, "hair dye brush". Kept to
   * narrow rules, since they cancel every keyword of the rule. */
  exceptKeywords?: { ko: string[]; en: string[] };
}

export interface ExclusionRule extends Bilingual, GoodsMatcher {
  code: string;
  /** Codes of narrower rules: when one of them matched the item on as firm a ground, this one is not said (FOOD → HEALTH_FUNCTIONAL_FOOD). */
  yieldsTo?: string[];
  ref: string;
}

export interface QuantityLimit extends Bilingual, GoodsMatcher {
  code: string;
  measure: 'count' | 'volumeMl' | 'weightG';
  max: number;
  overAction: 'hold' | 'taxed';
  /** What `max` is counted over: the matching items of the parcel added up (the default), or each
   * item alone ('item': a limit per 품목, [별표11] 기타 한약재 품목별 3kg). */
  per?: 'parcel' | 'item';
  /** Codes of narrower limits: an item one of them matched is not counted under this one (기타 한약재
   * leaves out ginseng, 상황버섯 and 녹용, which have limits of their own). */
  yieldsTo?: string[];
  ref: string;
  uncertain?: boolean;
}

export interface ProhibitedRule extends Bilingual, GoodsMatcher {
  code: string;
  ref: string;
}

export interface ExciseRule extends Bilingual, GoodsMatcher {
  code: string;
  /** Categories the rule leaves out though their HS code is among hsPrefixes (golf bags under 4202.92: the HSK splits by material, the tax by use). */
  exceptCategories?: string[];
  thresholdKrw: number; // per unit
  rate: number;
  educationRate: number;
  ref: string;
}

export interface LiquorRule extends Bilingual, GoodsMatcher {
  code: string;
  adValoremRate?: number; // of (taxable value + duty)
  perLiterKrw?: number; // specific tax (beer)
  educationRate: number; // of the liquor tax
  ref: string;
  uncertain?: boolean;
}

export interface VatRules {
  rate: number;
  exempt: (Bilingual & GoodsMatcher & { code: string; ref: string })[];
  ref: string;
}

export interface FtaProofRule {
  proof: string; // marking-receipt | origin-declaration | certificate | approved-exporter
  maxValue: number | null; // null: no ceiling
  currency: string;
  valueBasis: 'taxable' | 'goods';
  needsApprovedExporterNo?: boolean;
  /** What proves origin above maxValue under this agreement, as a sentence for FTA_NOT_APPLIED_PROOF. */
  beyond?: Bilingual;
}

export interface FtaAgreement extends Bilingual {
  code: string; // KORUS, KOREU, KORUK
  partners: string[]; // origin countries
  directFrom: string[]; // ship-from countries that count as direct transport
  transitUntil?: { from: string[]; until: string }; // e.g. UK goods via the EU until 2023-12-31
  proofs: FtaProofRule[];
  /** The agreement's own articles, for the reasons: direct transport, and proof of origin by value. */
  refs?: { transport: string; proof: string };
  ref: string;
}

export interface CountryEntry extends Bilingual {
  code: string;
}

export interface CurrencyEntry extends Bilingual {
  code: string;
  minorUnits: number;
}

/**
 * A day listed in holidays.json: a 공휴일 or 대체공휴일 under 「공휴일에 관한 법률」 (including
 * election days and 임시공휴일). Saturdays, Sundays and 근로자의 날 (May 1) are not listed: 관세법
 * 제8조③ names them itself (src/domain/holidays.ts).
 */
export interface Holiday extends Bilingual {
  date: string; // YYYY-MM-DD
  /** holiday: 공휴일에 관한 법률 제2조 1–8호; election: 제2조 9호 (or a designated election day);
   *  temporary: 임시공휴일 (제2조 10호, 정부 지정); substitute: 대체공휴일 (제3조). */
  kind: 'holiday' | 'election' | 'temporary' | 'substitute';
  /** For a substitute day: the holiday it replaces. */
  substituteFor?: string;
  /** Why the date is not confirmed from an official calendar (absent: confirmed). Applied all the same. */
  uncertain?: string;
  /** About the legal basis of the day. */
  note?: string;
}

/** One version of the holiday calendar: the listed days of coversFrom … coversThrough (inclusive). */
export interface HolidayCalendarRecords {
  coversFrom: string;
  coversThrough: string;
  holidays: Holiday[];
  refs: Record<string, string>;
}

/** A group of goods and its 간이세율 (data/simplified-rates.json; every figure UNCERTAIN). */
export interface SimplifiedRate extends Bilingual {
  group: string;
  rate: number;
  /** HS prefixes of the group; none: the rate of goods of no other group (기타). */
  hsPrefixes: string[];
  source: string;
  uncertain?: boolean;
}

/** 간이세율 of a postal parcel's 간이수입신고 (관세법 제81조, 시행령 [별표2]): said beside the general estimate, not taxed with. */
export interface SimplifiedRateRules {
  modes: string[];
  maxGoodsValueUsd: { value: number; source: string; uncertain?: boolean };
  ref: string;
  rates: SimplifiedRate[];
}

export interface ReasonText extends Bilingual {
  ref: string;
}

/** Everything in data/, as read from disk, before compilation. */
export interface ReferenceFiles {
  thresholds: Dataset<ThresholdRules>;
  exchangeRates: ExchangeRateFile;
  freight: Dataset<FreightTable>;
  tariff: Dataset<TariffLine[]>;
  categories: Dataset<CategoryMapping[]>;
  exclusions: Dataset<ExclusionRule[]>;
  quantityLimits: Dataset<QuantityLimit[]>;
  prohibited: Dataset<ProhibitedRule[]>;
  excise: Dataset<ExciseRule[]>;
  liquor: Dataset<LiquorRule[]>;
  vat: Dataset<VatRules>;
  fta: Dataset<FtaAgreement[]>;
  /** 간이세율 of postal parcels (optional: without it no POSTAL_SIMPLIFIED_RATE reason). */
  simplifiedRates?: Dataset<SimplifiedRateRules>;
  /** Public holidays, for deadlines (관세법 제8조③). */
  holidays: Dataset<HolidayCalendarRecords>;
  countries: CountryEntry[];
  currencies: CurrencyEntry[];
  reasons: Record<string, ReasonText>;
  /** Known HSK codes (10 digits), for validation and search; optional. */
  hsCodes?: string[];
  /** The names of hsCodes' codes, in the same order (for the hints of hs_unknown). */
  hsNames?: Bilingual[];
}
