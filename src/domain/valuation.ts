// Valuation: the goods value compared with the de minimis (물품가격: price + local tax +
// local shipping − discount + other costs, international freight excluded; seed 002,
// domain rules §1.2) and the CIF taxable value (과세가격 = goods + deemed freight + insurance).
import type { Declaration, DeclarationItem } from './declaration-schema.ts';
import { krwOf, toHundredths, truncateTo } from './money.ts';
import type { CompiledFreight } from './reference/compile-reference.ts';
import type { FxWeek } from './reference/types.ts';

/**
 * Whether the week's rate for `currency` is an approximation (관세법 제18조 과세환율 not yet
 * loaded): the whole week is a placeholder, or this currency is within a published week (HKD
 * derived from USD). The engine's FX_PLACEHOLDER reason and the estimator both ask this.
 */
export function isPlaceholderRate(fx: FxWeek, currency: string): boolean {
  return fx.placeholder || (fx.placeholderCurrencies?.includes(currency) ?? false);
}

/**
 * The customs rate of `currency` in KRW for the week: the published 과세환율 (관세법 제18조), or 1 for an
 * order paid in won, which needs no conversion (KCS publishes no KRW rate; AliExpress and other sites
 * charge Korean buyers in KRW). Undefined without a rate that week.
 */
export function customsRateOf(fx: FxWeek, currency: string): number | undefined {
  return currency === 'KRW' ? 1 : fx.rates[currency];
}

/** Value of one line in hundredths of the order currency. A gift or sample is declared at its price with an equal discount (seed 002). */
export function lineValueHundredths(item: DeclarationItem): number {
  const gross = toHundredths(item.price) * item.quantity;
  const extra = toHundredths(item.localTax ?? 0) + toHundredths(item.localShipping ?? 0) + toHundredths(item.otherCosts ?? 0);
  const discount = item.gift && item.discount === undefined ? Math.round(gross) : toHundredths(item.discount ?? 0);
  return Math.max(0, Math.round(gross) + extra - discount);
}

export interface GoodsValue {
  lineHundredths: number[];
  totalHundredths: number;
  lineKrw: number[]; // each line converted and truncated to the won
  goodsValueKrw: number;
  goodsValueUsd: number; // rounded to the cent, for display
  isUsd: boolean;
  rate: number;
  units: number;
  usdRate: number;
}

/** Exact comparison of the goods value with a USD threshold, free of rounding: value <= thresholdUsd. */
export function withinUsd(g: GoodsValue, thresholdUsd: number): boolean {
  if (g.isUsd) return g.totalHundredths <= thresholdUsd * 100;
  // totalHundredths * rate / units <= threshold * usdRate * 100, in hundredths of rates
  return g.totalHundredths * toHundredths(g.rate) <= thresholdUsd * 100 * toHundredths(g.usdRate) * g.units;
}

/** Total goods value in hundredths of the order currency. */
export function totalHundredthsOf(d: Declaration): number {
  let total = 0;
  for (const item of d.items) total += lineValueHundredths(item);
  return total;
}

/** Goods value in USD, rounded to the cent (for display and combined taxation). */
export function goodsValueUsdOf(totalHundredths: number, isUsd: boolean, rate: number, units: number, usdRate: number): number {
  if (isUsd) return totalHundredths / 100;
  // Non-USD amounts go to USD through KRW at the customs rates of the week (domain rules §1.2, UNCERTAIN cross method).
  const exactKrw = (totalHundredths / 100) * (rate / units);
  return Math.round((exactKrw / usdRate) * 100) / 100;
}

/** valueUnitKrw: the unit each line's KRW value is truncated to (thresholds data `rounding.valueUnitKrw`, 1 won: 원 미만 절사). */
export function valueGoods(d: Declaration, rate: number, units: number, usdRate: number, valueUnitKrw = 1): GoodsValue {
  const lineHundredths = d.items.map(lineValueHundredths);
  const lineKrw = lineHundredths.map((h) => truncateTo(krwOf(h, rate, units), valueUnitKrw));
  let totalHundredths = 0;
  let goodsValueKrw = 0;
  for (let i = 0; i < lineKrw.length; i++) {
    totalHundredths += lineHundredths[i]!;
    goodsValueKrw += lineKrw[i]!;
  }
  const isUsd = d.order.currency.toUpperCase() === 'USD';
  const goodsValueUsd = goodsValueUsdOf(totalHundredths, isUsd, rate, units, usdRate);
  return {
    lineHundredths,
    totalHundredths,
    lineKrw,
    goodsValueKrw,
    goodsValueUsd,
    isUsd,
    rate,
    units,
    usdRate,
  };
}

export interface Freight {
  freightKrw: number;
  basis: 'sea-parcel' | 'express';
  zone: string;
}

/**
 * Deemed freight (과세운임) by region and actual weight: goods value <= the switch amount
 * (KRW 200,000) takes the sea-parcel post rate, above it the express rate (domain rules §4.3).
 */
export function deemedFreight(freight: CompiledFreight, shipFrom: string, weightKg: number, goodsValueKrw: number, switchKrw: number): Freight {
  const zone = freight.zoneOf.get(shipFrom.toUpperCase()) ?? freight.table.defaultZone;
  const basis = goodsValueKrw <= switchKrw ? 'sea-parcel' : 'express';
  const rows = freight.rowsByZone.get(zone) ?? freight.rowsByZone.get(freight.table.defaultZone) ?? [];
  const sea = basis === 'sea-parcel';
  for (const r of rows) if (weightKg <= r.maxKg) return { freightKrw: sea ? r.seaParcelKrw : r.expressKrw, basis, zone };
  const last = rows[rows.length - 1];
  if (!last) return { freightKrw: 0, basis, zone };
  const extra = freight.extraByZone.get(zone);
  const extraKg = Math.ceil(weightKg - last.maxKg);
  return { freightKrw: (sea ? last.seaParcelKrw : last.expressKrw) + (extra ? (sea ? extra.seaParcelKrw : extra.expressKrw) * extraKg : 0), basis, zone };
}

/** Spreads an amount over lines in proportion to their values; the rounding remainder goes to the largest line. */
export function allocate(amount: number, weights: number[]): number[] {
  if (amount === 0 || weights.length === 0) return weights.map(() => 0);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  if (total === 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const out = weights.map((w) => Math.floor((amount * w) / total));
  let given = 0;
  let largest = 0;
  for (let i = 0; i < weights.length; i++) {
    given += out[i]!;
    if (weights[i]! > (weights[largest] ?? 0)) largest = i;
  }
  out[largest] = out[largest]! + (amount - given);
  return out;
}
