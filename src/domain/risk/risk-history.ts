// The risk history table: declarations in time order → assessment by the clearance engine →
// party snapshot → feature row, with the label, the revenue at stake, the fraud-pattern labels
// and whether the (simulated) selection desk of the time inspected the parcel. Inspection
// outcomes feed the party profiles `outcomeDelayDays` after the declaration, as officers'
// results would. Then a split by time: train on the past, validate and test on the future.
import { assessBatch, historyEntryOf } from '../assess.ts';
import type { HistoryEntry } from '../assessment.ts';
import { dayNumber, rateWeekStart } from '../dates.ts';
import type { Declaration } from '../declaration-schema.ts';
import type { Reference } from '../reference/compile-reference.ts';
import { createPartyBook, priceFacts, recordDeclaration, recordOutcome, riskFeatures, snapshotParties, RISK_CATEGORICAL_FEATURES, RISK_NUMERIC_FEATURES, type RiskFeatureRow } from './features.ts';
import { seededRandom } from './random.ts';
import { ruleScore, type RiskRuleSet } from './rules.ts';
import { FRAUD_PATTERNS, type SyntheticCase } from './synthetic-history.ts';

export type HistoryRow = Record<string, string | number>;

export const HISTORY_ID = 'ref';
export const HISTORY_LABEL = 'illicit';
export const HISTORY_REVENUE = 'revenue at stake krw';
export const HISTORY_COLUMNS: string[] = [
  HISTORY_ID,
  'declared at',
  ...RISK_NUMERIC_FEATURES,
  ...RISK_CATEGORICAL_FEATURES,
  'description',
  'signals',
  HISTORY_REVENUE,
  HISTORY_LABEL,
  ...FRAUD_PATTERNS.map((p) => `pattern ${p}`),
  'inspected',
];

export interface HistoryOptions {
  seed: number;
  outcomeDelayDays: number;
  /** Days of earlier declarations given to the engine for combined taxation. */
  combineWindowDays: number;
  /** Random inspection share of the simulated selection desk (plus its rule score). */
  randomInspection: number;
}

export const DEFAULT_HISTORY_OPTIONS: HistoryOptions = { seed: 11, outcomeDelayDays: 7, combineWindowDays: 14, randomInspection: 0.02 };

export function buildRiskHistory(cases: readonly SyntheticCase[], reference: Reference, rules: RiskRuleSet, options: Partial<HistoryOptions> = {}): HistoryRow[] {
  const o: HistoryOptions = { ...DEFAULT_HISTORY_OPTIONS, ...options };
  const r = seededRandom(o.seed);
  const book = createPartyBook();
  const rows: HistoryRow[] = [];
  const pending: { day: number; d: Declaration; illicit: boolean }[] = [];
  let window: { day: number; entry: HistoryEntry }[] = [];
  for (let start = 0; start < cases.length; ) {
    const date = cases[start]!.declaration.declaredAt;
    let end = start;
    while (end < cases.length && cases[end]!.declaration.declaredAt === date) end++;
    const day = dayNumber(date)!;
    // Outcomes known by today reach the profiles before today's parcels are scored.
    while (pending.length && pending[0]!.day + o.outcomeDelayDays <= day) {
      const p = pending.shift()!;
      recordOutcome(book, p.d, p.illicit);
    }
    window = window.filter((h) => h.day > day - o.combineWindowDays);
    const batch = cases.slice(start, end);
    const assessments = assessBatch(
      batch.map((c) => c.declaration),
      reference,
      window.map((h) => h.entry),
    );
    batch.forEach((c, k) => {
      const a = assessments[k]!;
      const d = c.declaration;
      if (a.status !== 'assessed') throw new Error(`synthetic declaration ${d.ref} rejected: ${a.errors.map((e) => `${e.path} ${e.code}`).join(', ')}`);
      const prices = priceFacts(d, a);
      const features: RiskFeatureRow = riskFeatures(d, a, snapshotParties(book, d, prices.priceKey, prices.brand), prices);
      recordDeclaration(book, d, a.goodsValueUsd ?? 0, prices);
      const inspected = r() < o.randomInspection + 0.6 * ruleScore(rules, a.signals, features.description);
      if (inspected) pending.push({ day, d, illicit: c.illicit });
      const row: HistoryRow = { [HISTORY_ID]: d.ref, 'declared at': d.declaredAt, ...features, [HISTORY_REVENUE]: c.illicit ? c.revenueAtStakeKrw : 0, [HISTORY_LABEL]: c.illicit ? 1 : 0, inspected: inspected ? 1 : 0 };
      for (const p of FRAUD_PATTERNS) row[`pattern ${p}`] = c.patterns.includes(p) ? 1 : 0;
      rows.push(row);
      window.push({ day, entry: historyEntryOf(d, a, reference) });
    });
    start = end;
  }
  return rows;
}

/** Splits rows (in time order) at whole dates so that train < valid < test in time; fractions of rows. */
export function splitByTime<T extends Record<string, unknown>>(rows: readonly T[], dateColumn: string, fractions: [number, number, number] = [0.6, 0.2, 0.2]): { train: T[]; valid: T[]; test: T[] } {
  const total = fractions[0] + fractions[1] + fractions[2];
  const cut = (share: number) => {
    const i = Math.min(rows.length - 1, Math.max(0, Math.round((share / total) * rows.length)));
    return String(rows[i]?.[dateColumn] ?? '');
  };
  const c1 = cut(fractions[0]);
  const c2 = cut(fractions[0] + fractions[1]);
  const train: T[] = [];
  const valid: T[] = [];
  const test: T[] = [];
  for (const row of rows) {
    const d = String(row[dateColumn]);
    (d < c1 ? train : d < c2 ? valid : test).push(row);
  }
  return { train, valid, test };
}

/** Formats a row's values as CSV cells (numbers with up to 6 significant decimals, NaN as empty). */
export function historyCells(row: HistoryRow, columns: readonly string[] = HISTORY_COLUMNS): string[] {
  return columns.map((c) => {
    const v = row[c];
    if (v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8)))) : '';
    return v;
  });
}

/** Units of a currency per USD at the customs rate of the week of `date` (for the synthetic history). */
export function usdRateOf(reference: Reference): (currency: string, date: string) => number | null {
  return (currency, date) => {
    const week = rateWeekStart(date);
    const fx = week ? reference.fxWeek(week) : undefined;
    const usd = fx?.rates.USD;
    const c = fx?.rates[currency];
    if (!usd || !c) return null;
    return usd / reference.fxUnits('USD') / (c / reference.fxUnits(currency));
  };
}
