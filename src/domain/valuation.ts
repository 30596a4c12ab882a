// Valuation: the goods value compared with the de minimis (물품가격: price + local tax +
// local shipping − discount + other costs, international freight excluded; seed 002,
// domain rules §1.2) and the CIF taxable value (과세가격 = goods + deemed freight + insurance).
import type { Declaration, DeclarationItem } from './declaration-schema.ts';
import { krwOf, toHundredths, truncateTo } from './money.ts';
import type { CompiledFreight } from './reference/compile-reference.ts';

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
  /** Exact comparison with a USD threshold, free of rounding: value <= thresholdUsd. */
  withinUsd(thresholdUsd: number): boolean;
}

/** valueUnitKrw: the unit each line's KRW value is truncated to (thresholds data `rounding.valueUnitKrw`, 1 won: 원 미만 절사). */
export function valueGoods(d: Declaration, rate: number, units: number, usdRate: number, valueUnitKrw = 1): GoodsValue {
  const lineHundredths = d.items.map(lineValueHundredths);
  const totalHundredths = lineHundredths.reduce((a, b) => a + b, 0);
  const lineKrw = lineHundredths.map((h) => truncateTo(krwOf(h, rate, units), valueUnitKrw));
  const goodsValueKrw = lineKrw.reduce((a, b) => a + b, 0);
  const isUsd = d.order.currency.toUpperCase() === 'USD';
  // Non-USD amounts go to USD through KRW at the customs rates of the week (domain rules §1.2, UNCERTAIN cross method).
  const exactKrw = (totalHundredths / 100) * (rate / units);
  const goodsValueUsd = isUsd ? totalHundredths / 100 : Math.round((exactKrw / usdRate) * 100) / 100;
  return {
    lineHundredths,
    totalHundredths,
    lineKrw,
    goodsValueKrw,
    goodsValueUsd,
    withinUsd(thresholdUsd) {
      if (isUsd) return totalHundredths <= thresholdUsd * 100;
      // totalHundredths * rate / units <= threshold * usdRate * 100, in hundredths of rates
      return totalHundredths * toHundredths(rate) <= thresholdUsd * 100 * toHundredths(usdRate) * units;
    },
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
  const pick = (r: { seaParcelKrw: number; expressKrw: number }) => (basis === 'sea-parcel' ? r.seaParcelKrw : r.expressKrw);
  const row = rows.find((r) => weightKg <= r.maxKg);
  if (row) return { freightKrw: pick(row), basis, zone };
  const last = rows[rows.length - 1];
  if (!last) return { freightKrw: 0, basis, zone };
  const extra = freight.extraByZone.get(zone);
  const extraKg = Math.ceil(weightKg - last.maxKg);
  return { freightKrw: pick(last) + (extra ? pick(extra) * extraKg : 0), basis, zone };
}

/** Spreads an amount over lines in proportion to their values; the rounding remainder goes to the largest line. */
export function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (amount === 0 || weights.length === 0) return weights.map(() => 0);
  if (total === 0) {
    const out = weights.map(() => 0);
    out[0] = amount;
    return out;
  }
  const out = weights.map((w) => Math.floor((amount * w) / total));
  const rest = amount - out.reduce((a, b) => a + b, 0);
  let largest = 0;
  weights.forEach((w, i) => {
    if (w > (weights[largest] ?? 0)) largest = i;
  });
  out[largest] = (out[largest] ?? 0) + rest;
  return out;
}
