// Reads the versioned reference-data files in data/ (see data/README.md) and the HSK
// nomenclature CSVs in data/hs/. No validation beyond "the file exists and is JSON of the
// expected top-level kind": the integrity tests beside this file check the contents. Except
// holidays.json: a malformed date there would silently move tax due dates, so its entries are
// checked on load (checkHolidays).
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type {
  CategoryMapping,
  CountryEntry,
  CurrencyEntry,
  Dataset,
  ExchangeRateFile,
  ExciseRule,
  ExclusionRule,
  FreightTable,
  FtaAgreement,
  HolidayCalendarRecords,
  LiquorRule,
  ProhibitedRule,
  QuantityLimit,
  ReasonText,
  ReferenceFiles,
  SimplifiedRateRules,
  TariffLine,
  ThresholdRules,
  VatRules,
} from '../../domain/reference/types.ts';

/** File names inside the data directory, one per ReferenceFiles key. */
export const REFERENCE_FILE_NAMES = {
  thresholds: 'thresholds.json',
  exchangeRates: 'exchange-rates.json',
  freight: 'freight.json',
  tariff: 'tariff.json',
  categories: 'categories.json',
  exclusions: 'exclusions.json',
  quantityLimits: 'quantity-limits.json',
  prohibited: 'prohibited.json',
  excise: 'excise.json',
  liquor: 'liquor.json',
  vat: 'vat.json',
  fta: 'fta.json',
  simplifiedRates: 'simplified-rates.json',
  holidays: 'holidays.json',
  countries: 'countries.json',
  currencies: 'currencies.json',
  reasons: 'reasons.json',
} as const;

export const HS_CODES_FILE = join('hs', 'hsk-10digit-names.csv');
export const HS_HEADINGS_FILE = join('hs', 'hs-headings-4digit.csv');

export interface HsCodeRow {
  code: string; // 10 digits
  ko: string;
  en: string;
}

export interface HsHeadingRow {
  chapter: string; // 2 digits
  heading: string; // 4 digits
  title: string; // short Korean title (표제)
  description: string; // Korean description (품명)
}

export interface HsNomenclature {
  /** HSK leaves: 10-digit codes, normalised, sorted, one row per code. */
  codes: HsCodeRow[];
  /** Intermediate levels listed in the file (7–9 digits, each a prefix of a 10-digit code), sorted. */
  levels: HsCodeRow[];
  /** 4-digit headings, sorted; section rows ("제1절 …") are left out. */
  headings: HsHeadingRow[];
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`reference data: cannot read ${path}: ${(err as Error).message}`);
  }
}

async function readJson<T>(dataDir: string, name: string, kind: 'dataset' | 'array' | 'object'): Promise<T> {
  const path = join(dataDir, name);
  const text = await readText(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`reference data: ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const ok =
    kind === 'array'
      ? Array.isArray(value)
      : typeof value === 'object' && value !== null && !Array.isArray(value) && (kind !== 'dataset' || Array.isArray((value as { versions?: unknown }).versions));
  if (!ok) throw new Error(`reference data: ${path} is not a ${kind === 'dataset' ? 'dataset with versions' : `JSON ${kind}`}`);
  return value as T;
}

/** A file the engine can do without (simplified-rates.json): undefined when absent. */
async function readOptional<T>(dataDir: string, name: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    await access(join(dataDir, name));
  } catch {
    return undefined;
  }
  return read();
}

async function readReasons(dataDir: string): Promise<Record<string, ReasonText>> {
  // reasons.json is written with the engine; without it reasons fall back to their codes.
  try {
    await access(join(dataDir, REFERENCE_FILE_NAMES.reasons));
  } catch {
    return {};
  }
  return readJson<Record<string, ReasonText>>(dataDir, REFERENCE_FILE_NAMES.reasons, 'object');
}

/** Digits of an HS code as written anywhere ("8471.30-0000" → "8471300000"). */
export function hsDigits(raw: string): string {
  return String(raw ?? '').replace(/\D/g, '');
}

function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

/**
 * Splits the rows of the HSK file into 10-digit codes and intermediate levels. The file lists
 * intermediate levels of 7–9 digits (e.g. "1211201" above "1211201000"); each is a prefix of a
 * 10-digit code and is a group heading. A 7–9 digit code that is a prefix of no other code lost its
 * leading zeros (e.g. in a spreadsheet) and is left-padded to 10. Duplicates keep the first row.
 */
export function normaliseHsRows(rows: readonly { code: string; ko: string; en: string }[]): { codes: HsCodeRow[]; levels: HsCodeRow[] } {
  const cleaned = rows
    .map((r) => ({ code: hsDigits(r.code), ko: String(r.ko ?? '').trim(), en: String(r.en ?? '').trim() }))
    .filter((r) => r.code.length >= 2 && r.code.length <= 10);
  const sorted = cleaned.map((r) => r.code).sort();
  const isPrefixOfAnother = (code: string): boolean => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= code) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(code); i++) if (sorted[i] !== code) return true;
    return false;
  };
  const codes = new Map<string, HsCodeRow>();
  const levels = new Map<string, HsCodeRow>();
  for (const r of cleaned) {
    if (r.code.length === 10) {
      if (!codes.has(r.code)) codes.set(r.code, r);
    } else if (r.code.length >= 7 && !isPrefixOfAnother(r.code)) {
      const code = r.code.padStart(10, '0');
      if (!codes.has(code)) codes.set(code, { ...r, code });
    } else if (!levels.has(r.code)) {
      levels.set(r.code, r);
    }
  }
  const byCode = (a: HsCodeRow, b: HsCodeRow) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return { codes: [...codes.values()].sort(byCode), levels: [...levels.values()].sort(byCode) };
}

/** 4-digit heading rows of the headings file ("류, 번호, 표제, 품명"); section rows are skipped. */
export function normaliseHeadingRows(rows: readonly string[][]): HsHeadingRow[] {
  const out = new Map<string, HsHeadingRow>();
  for (const [chapterRaw = '', headingRaw = '', title = '', description = ''] of rows) {
    const chapter = hsDigits(chapterRaw).padStart(2, '0');
    let heading = headingRaw.trim();
    if (!/^\d+$/.test(heading) || chapter.length !== 2) continue; // header row, "제1절 …" section rows
    // A heading that lost its leading digits ("301" in chapter 13) keeps its last two digits.
    if (heading.length !== 4 || !heading.startsWith(chapter)) heading = chapter + heading.slice(-2).padStart(2, '0');
    if (!out.has(heading)) out.set(heading, { chapter, heading, title: title.trim(), description: description.trim() });
  }
  return [...out.values()].sort((a, b) => (a.heading < b.heading ? -1 : 1));
}

/** The HSK nomenclature for validation and the HS search API. */
export async function loadHsNomenclature(dataDir: string): Promise<HsNomenclature> {
  const [codesText, headingsText] = await Promise.all([readText(join(dataDir, HS_CODES_FILE)), readText(join(dataDir, HS_HEADINGS_FILE))]);
  const codeRows = parseCsv(codesText)
    .slice(1) // header: HS부호, 한글품목명, 영문품목명
    .map(([code = '', ko = '', en = '']) => ({ code, ko, en }));
  const { codes, levels } = normaliseHsRows(codeRows);
  const headings = normaliseHeadingRows(parseCsv(headingsText));
  return { codes, levels, headings };
}

const HOLIDAY_KINDS = new Set(['holiday', 'election', 'temporary', 'substitute']);
const isIsoDate = (s: unknown): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Throws, naming the file and the entry, unless every version lists real, unique, covered dates. */
export function checkHolidays(path: string, dataset: Dataset<HolidayCalendarRecords>): void {
  for (const v of dataset.versions) {
    const where = `reference data: ${path} ${String(v?.version)}`;
    const r = v?.records;
    if (!isIsoDate(v?.effectiveFrom)) throw new Error(`${where}: effectiveFrom is not a date`);
    if (!r || !isIsoDate(r.coversFrom) || !isIsoDate(r.coversThrough) || r.coversFrom > r.coversThrough) throw new Error(`${where}: coversFrom/coversThrough are not dates in order`);
    if (!Array.isArray(r.holidays)) throw new Error(`${where}: holidays is not a list`);
    const seen = new Set<string>();
    for (const [i, h] of r.holidays.entries()) {
      const at = `${where} holidays[${i}]`;
      if (!isIsoDate(h?.date)) throw new Error(`${at}: date ${JSON.stringify(h?.date)} is not a real YYYY-MM-DD date`);
      if (h.date < r.coversFrom || h.date > r.coversThrough) throw new Error(`${at}: ${h.date} is outside ${r.coversFrom} … ${r.coversThrough}`);
      if (seen.has(h.date)) throw new Error(`${at}: ${h.date} is listed twice`);
      seen.add(h.date);
      if (!HOLIDAY_KINDS.has(h.kind)) throw new Error(`${at}: kind ${JSON.stringify(h.kind)} is not one of ${[...HOLIDAY_KINDS].join(', ')}`);
      if (typeof h.ko !== 'string' || !h.ko || typeof h.en !== 'string' || !h.en) throw new Error(`${at}: ko and en names are required`);
      if (h.kind === 'substitute' && !isIsoDate(h.substituteFor)) throw new Error(`${at}: a substitute day needs substituteFor`);
    }
  }
}

/** Every file of data/ as read from disk (see ReferenceFiles). reasons.json is optional. */
export async function loadReferenceFiles(dataDir: string): Promise<ReferenceFiles> {
  const n = REFERENCE_FILE_NAMES;
  const files = await awaitAll({
    thresholds: readJson<Dataset<ThresholdRules>>(dataDir, n.thresholds, 'dataset'),
    exchangeRates: readJson<ExchangeRateFile>(dataDir, n.exchangeRates, 'object'),
    freight: readJson<Dataset<FreightTable>>(dataDir, n.freight, 'dataset'),
    tariff: readJson<Dataset<TariffLine[]>>(dataDir, n.tariff, 'dataset'),
    categories: readJson<Dataset<CategoryMapping[]>>(dataDir, n.categories, 'dataset'),
    exclusions: readJson<Dataset<ExclusionRule[]>>(dataDir, n.exclusions, 'dataset'),
    quantityLimits: readJson<Dataset<QuantityLimit[]>>(dataDir, n.quantityLimits, 'dataset'),
    prohibited: readJson<Dataset<ProhibitedRule[]>>(dataDir, n.prohibited, 'dataset'),
    excise: readJson<Dataset<ExciseRule[]>>(dataDir, n.excise, 'dataset'),
    liquor: readJson<Dataset<LiquorRule[]>>(dataDir, n.liquor, 'dataset'),
    vat: readJson<Dataset<VatRules>>(dataDir, n.vat, 'dataset'),
    fta: readJson<Dataset<FtaAgreement[]>>(dataDir, n.fta, 'dataset'),
    simplifiedRates: readOptional(dataDir, n.simplifiedRates, () => readJson<Dataset<SimplifiedRateRules>>(dataDir, n.simplifiedRates, 'dataset')),
    holidays: readJson<Dataset<HolidayCalendarRecords>>(dataDir, n.holidays, 'dataset'),
    countries: readJson<CountryEntry[]>(dataDir, n.countries, 'array'),
    currencies: readJson<CurrencyEntry[]>(dataDir, n.currencies, 'array'),
    reasons: readReasons(dataDir),
    nomenclature: loadHsNomenclature(dataDir),
  });
  const { nomenclature, ...rest } = files;
  if (!Array.isArray(rest.exchangeRates.weeks)) throw new Error(`reference data: ${join(dataDir, n.exchangeRates)} has no weeks`);
  checkHolidays(join(dataDir, n.holidays), rest.holidays);
  return {
    ...rest,
    hsCodes: nomenclature.codes.map((c) => c.code),
    hsNames: nomenclature.codes.map((c) => ({ ko: c.ko, en: c.en })),
  };
}

/** Promise.all over an object's values, keeping the keys (and their types). */
async function awaitAll<T extends Record<string, Promise<unknown>>>(promises: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const entries = await Promise.all(Object.entries(promises).map(async ([k, p]) => [k, await p] as const));
  return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> };
}
