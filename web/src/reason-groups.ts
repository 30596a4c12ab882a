// The engine's reasons grouped as a reader takes them in: the outcome (ROUTE_*: which way the
// parcel went), the calculation (the value, freight, each tax line and the total), what to do next
// (NEXT_*) and why (everything else: the limit, the classification, the signals). The tax estimator
// and the consumer's own parcels (/me) group them the same way.

/** The reasons of the calculation: the value in KRW, the freight, the taxable value, each tax line, the total, the minimum collected. */
export const CALCULATION = /^(GOODS_VALUE|FREIGHT_|TAXABLE_VALUE|DUTY_LINE|EXCISE_LINE|LIQUOR_LINE|VAT_|TAX_TOTAL|MINIMUM_COLLECTION|FTA_|LIQUOR_TAXES)/;

export interface ReasonGroups<R> {
  outcome: R[];
  calculation: R[];
  next: R[];
  why: R[];
}

export function groupReasons<R extends { code: string }>(reasons: readonly R[]): ReasonGroups<R> {
  const groups: ReasonGroups<R> = { outcome: [], calculation: [], next: [], why: [] };
  for (const r of reasons) {
    if (r.code.startsWith('ROUTE_')) groups.outcome.push(r);
    else if (r.code.startsWith('NEXT_')) groups.next.push(r);
    else if (CALCULATION.test(r.code)) groups.calculation.push(r);
    else groups.why.push(r);
  }
  return groups;
}
