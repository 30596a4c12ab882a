// What the engine answers for each declaration. Field names are fixed by the
// clearance-engine issue; the HTTP API and the CLI print this shape as it is.

export type Route = 'list' | 'general' | 'hold';

export interface FieldError {
  path: string; // e.g. "items[2].description"
  code: string; // stable machine code, e.g. "description_uninformative"
  ko: string;
  en: string;
}

/** Read its fields (a reason of one declaration renders its texts when read: explain.ts); JSON gives all four. */
export interface Reason {
  readonly code: string; // stable code, e.g. "DE_MINIMIS_EXCEEDED"
  readonly ko: string;
  readonly en: string;
  readonly ref: string; // law, decree or notice article
}

export interface Valuation {
  currency: string;
  exchangeRate: number; // KRW per 1 unit of currency (customs rate of the week)
  rateWeekStart: string; // Sunday of the rate week
  goodsValueKrw: number;
  freightKrw: number;
  freightBasis: 'sea-parcel' | 'express' | 'none';
  insuranceKrw: number;
  taxableValueKrw: number;
}

export interface AssessedLine {
  index: number; // position in items[]
  hsCode: string; // the code the rate was found under (10, 6, 4 or 2 digits)
  hsSource: 'declared' | 'category';
  dutyRate: number; // fraction: 0.13
  rateType: 'basic' | 'fta' | 'default';
  taxableValueKrw: number;
  dutyKrw: number;
  exciseKrw: number;
  educationKrw: number;
  liquorKrw: number;
  vatKrw: number;
}

export interface Taxes {
  dutyKrw: number;
  exciseKrw: number;
  educationKrw: number;
  liquorKrw: number;
  vatKrw: number;
  totalKrw: number;
  collected: boolean; // false when the total is under the minimum collection amount
}

export interface Assessment {
  ref: string;
  status: 'assessed' | 'rejected';
  errors: FieldError[];
  route: Route | null;
  reasons: Reason[];
  goodsValueUsd: number | null;
  deMinimis: { thresholdUsd: number | null; exempt: boolean };
  combinedWith: string[];
  valuation: Valuation | null;
  lines: AssessedLine[];
  taxes: Taxes | null;
  /** What would be owed without the de minimis exemption (what a consumer risks above the limit). */
  taxesWithoutExemption: Taxes | null;
  /** Signals for officers and the risk engine (rule-based, no I/O). */
  signals: string[];
  dataVersions: Record<string, string>;
}

/** A declaration already on record, as far as combined taxation needs it (고시 제68조). */
export interface HistoryEntry {
  ref: string;
  declaredAt: string;
  consigneeKey: string;
  /**
   * The seller's code and name, each normalized (normalizeKey in combine.ts; null when not given):
   * it shares its supplier with a declaration that gives the same code, or the same name.
   */
  sellerCodeKey: string | null;
  sellerNameKey: string | null;
  purchasedAt: string | null;
  hblNo: string | null;
  arrivalDate: string | null;
  goodsValueUsd: number;
  personal: boolean;
  /**
   * Its own de minimis in USD (null: business, none): a combined group is judged against the lowest
   * of its members' limits, the stored ones included (a USD 150 parcel of vitamins on the B/L of a
   * US-express T-shirt makes the group's limit USD 150 whichever came first).
   */
  thresholdUsd: number | null;
}
