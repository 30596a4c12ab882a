// Integrity tests of the reference data in data/ and of its loader. They read the real files:
// a wrong date, a missing currency, a category without a tariff line or a keyword that flags
// ordinary goods fails here, before the engine sees it.
import { copyFile, mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTariffLine } from '../../domain/classify-items.ts';
import { compileReference } from '../../domain/reference/compile-reference.ts';
import { compileMatcher, sharedKeywordFinder, type CompiledMatcher } from '../../domain/reference/goods-matcher.ts';
import type { Dataset, GoodsMatcher, ReferenceFiles } from '../../domain/reference/types.ts';
import {
  HS_CODES_FILE,
  HS_HEADINGS_FILE,
  REFERENCE_FILE_NAMES,
  checkHolidays,
  loadHsNomenclature,
  loadReferenceFiles,
  normaliseHeadingRows,
  normaliseHsRows,
  type HsNomenclature,
} from './load-reference-files.ts';

const DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));
const FX_CURRENCIES = ['USD', 'EUR', 'JPY', 'CNY', 'GBP', 'HKD'];
const EU27 = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
/** Prefix lengths the engine's goods matcher looks up (src/domain/reference/goods-matcher.ts). */
const MATCHER_PREFIX_LENGTHS = [2, 4, 6, 8, 10];

let files: ReferenceFiles;
let nomenclature: HsNomenclature;

beforeAll(async () => {
  [files, nomenclature] = await Promise.all([loadReferenceFiles(DATA_DIR), loadHsNomenclature(DATA_DIR)]);
});

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const dayOfWeek = (s: string) => new Date(`${s}T00:00:00Z`).getUTCDay();
const daysBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

function datasets(): [string, Dataset<unknown>][] {
  return [
    ['thresholds', files.thresholds],
    ['freight', files.freight],
    ['tariff', files.tariff],
    ['categories', files.categories],
    ['exclusions', files.exclusions],
    ['quantityLimits', files.quantityLimits],
    ['prohibited', files.prohibited],
    ['excise', files.excise],
    ['liquor', files.liquor],
    ['vat', files.vat],
    ['fta', files.fta],
    ['holidays', files.holidays],
  ];
}

function versionAt<T>(dataset: Dataset<T>, date: string) {
  return dataset.versions.filter((v) => v.effectiveFrom <= date).at(-1);
}

/** Every rule list with its matchers, over all versions. */
function matcherRules(): { file: string; code: string; rule: GoodsMatcher & { ref: string } }[] {
  const out: { file: string; code: string; rule: GoodsMatcher & { ref: string } }[] = [];
  const add = (file: string, ds: Dataset<(GoodsMatcher & { code: string; ref: string })[]>) => {
    for (const v of ds.versions) for (const r of v.records) out.push({ file, code: r.code, rule: r });
  };
  add('exclusions', files.exclusions);
  add('quantity-limits', files.quantityLimits);
  add('prohibited', files.prohibited);
  add('excise', files.excise);
  add('liquor', files.liquor);
  for (const v of files.vat.versions) for (const r of v.records.exempt) out.push({ file: 'vat', code: r.code, rule: r });
  return out;
}

/** The name of the correction of `version`: tariff-2026-01-01 → tariff-2026-01-01-r2, …-r2 → …-r3. */
const nextRevision = (version: string) => {
  const m = /^(.*)-r(\d+)$/.exec(version);
  return m ? `${m[1]}-r${Number(m[2]) + 1}` : `${version}-r2`;
};

describe('datasets and versions', () => {
  it('every dataset has versions with a version name, a valid effectiveFrom and a source, sorted ascending', () => {
    for (const [name, ds] of datasets()) {
      expect(ds.dataset, name).toBeTruthy();
      expect(ds.description.length, `${name} description`).toBeGreaterThan(20);
      expect(ds.versions.length, name).toBeGreaterThan(0);
      const names = new Set<string>();
      let previous = '';
      let previousName = '';
      for (const v of ds.versions) {
        // a correction is named after the version it corrects, with a revision: tariff-2026-01-01-r2
        expect(v.version, name).toMatch(/^[a-z-]+-\d{4}-\d{2}-\d{2}(-r\d+)?$/);
        expect(isIsoDate(v.effectiveFrom), `${name} ${v.version} effectiveFrom ${v.effectiveFrom}`).toBe(true);
        expect(v.source.trim().length, `${name} ${v.version} source`).toBeGreaterThan(10);
        // Ascending; an equal effectiveFrom only for a correction of the version listed just before
        // it (the engine then uses the correction, compile-reference.ts versionAt).
        if (v.corrects === undefined) expect(v.effectiveFrom > previous, `${name} versions ascending at ${v.version}`).toBe(true);
        // a second correction corrects the first and takes the next revision: exclusions-2019-06-01-r3 corrects -r2
        else expect([v.effectiveFrom, v.corrects, v.version === nextRevision(v.corrects)], `${name} ${v.version} corrects the version before it`).toEqual([previous, previousName, true]);
        expect(names.has(v.version), `${name} duplicate ${v.version}`).toBe(false);
        names.add(v.version);
        previous = v.effectiveFrom;
        previousName = v.version;
      }
    }
  });

  it('every dataset has a version in force on every date the exchange-rate file covers', () => {
    const first = files.exchangeRates.weeks[0]!.weekStart;
    for (const [name, ds] of datasets()) expect(versionAt(ds, first), `${name} on ${first}`).toBeDefined();
  });

  it('reasons come from data/reasons.json when present', () => {
    expect(typeof files.reasons).toBe('object');
    for (const [code, r] of Object.entries(files.reasons)) {
      expect(r.ko && r.en, code).toBeTruthy();
    }
  });
});

describe('thresholds', () => {
  it('carries the 2015, 2022-11-01 and 2022-11-17 rule changes', () => {
    const at = (d: string) => versionAt(files.thresholds, d)!.records;
    expect(at('2022-10-31')).toMatchObject({ deMinimisUsd: 150, usExpressDeMinimisUsd: 200, combineBySameArrivalDate: true, ecommerceTypeRequired: false });
    expect(at('2022-11-01')).toMatchObject({ combineBySameArrivalDate: true, ecommerceTypeRequired: true });
    expect(at('2022-11-17')).toMatchObject({ combineBySameArrivalDate: false, ecommerceTypeRequired: true });
    for (const v of files.thresholds.versions) {
      const r = v.records;
      expect(r).toMatchObject({
        usExpressShipFrom: ['US'],
        usExpressModes: ['express'],
        listClearanceModes: ['express', 'postal'],
        freightSwitchKrw: 200_000,
        minimumCollectionKrw: 10_000,
        rounding: { valueUnitKrw: 1, taxUnitKrw: 10 },
      });
      for (const key of ['deMinimis', 'usExpress', 'combined', 'minimumCollection', 'freight', 'exchangeRate', 'rounding']) {
        expect(r.refs[key], `${v.version} refs.${key}`).toBeTruthy();
      }
      expect(r.uncertain?.some((u) => u.startsWith('rounding'))).toBe(true);
      expect(r.uncertain?.some((u) => u.startsWith('usExpressModes'))).toBe(true);
    }
  });
});

describe('exchange rates', () => {
  it('has one Sunday week every 7 days from 2022-01-02 to 2027-12-26 (2027: placeholders, so the platform runs through it)', () => {
    const weeks = files.exchangeRates.weeks;
    expect(files.exchangeRates.dataset).toBe('exchange-rates');
    expect(files.exchangeRates.version).toBe('fx-2026-12-04-market');
    expect(weeks[0]!.weekStart).toBe('2022-01-02');
    expect(weeks.at(-1)!.weekStart).toBe('2027-12-26');
    for (const [i, w] of weeks.entries()) {
      expect(isIsoDate(w.weekStart), w.weekStart).toBe(true);
      expect(dayOfWeek(w.weekStart), `${w.weekStart} is a Sunday`).toBe(0);
      if (i > 0) expect(daysBetween(weeks[i - 1]!.weekStart, w.weekStart), w.weekStart).toBe(7);
    }
    expect(weeks.length).toBe(313); // 261 weeks of 2022–2026 + 52 of 2027
  });

  it('has a positive rate for the 6 currencies every week, with units and sources', () => {
    for (const c of FX_CURRENCIES) expect(files.exchangeRates.units[c], c).toBe(1);
    for (const w of files.exchangeRates.weeks) {
      for (const c of FX_CURRENCIES) {
        const rate = w.rates[c];
        expect(Number.isFinite(rate) && rate! > 0, `${w.weekStart} ${c}`).toBe(true);
        expect(Math.round(rate! * 100) / 100, `${w.weekStart} ${c} 2 decimals`).toBe(rate);
      }
      expect(typeof w.placeholder).toBe('boolean');
      expect(w.source.length).toBeGreaterThan(10);
      if (w.placeholderCurrencies) {
        expect(w.placeholder, `${w.weekStart}: placeholderCurrencies only on published weeks`).toBe(false);
        for (const c of w.placeholderCurrencies) expect(FX_CURRENCIES).toContain(c);
      }
      if (w.placeholder) expect(w.source).toMatch(/^placeholder/);
    }
  });

  it('keeps rates plausible: within historic ranges and no jump above 5% from one week to the next', () => {
    const ranges: Record<string, [number, number]> = { USD: [1000, 1700], EUR: [1100, 2000], JPY: [7, 12], CNY: [150, 250], GBP: [1300, 2300], HKD: [130, 220] };
    const weeks = files.exchangeRates.weeks;
    for (const [i, w] of weeks.entries()) {
      for (const c of FX_CURRENCIES) {
        const [lo, hi] = ranges[c]!;
        expect(w.rates[c]!, `${w.weekStart} ${c}`).toBeGreaterThan(lo);
        expect(w.rates[c]!, `${w.weekStart} ${c}`).toBeLessThan(hi);
        if (i > 0) {
          const prev = weeks[i - 1]!.rates[c]!;
          // The largest real move here: USD −4.5 % in the week of 2022-11-20 (the won rose from ~1,420 to ~1,330 a dollar in mid-November 2022).
          expect(Math.abs(w.rates[c]! / prev - 1), `${w.weekStart} ${c} jump`).toBeLessThan(0.05);
        }
      }
    }
  });

  it('has the published week 2026-02-01 (iporter) as real, with HKD marked as approximate', () => {
    const w = files.exchangeRates.weeks.find((x) => x.weekStart === '2026-02-01')!;
    expect(w.placeholder).toBe(false);
    expect(w.placeholderCurrencies).toEqual(['HKD']);
    expect(w.rates).toMatchObject({ USD: 1442.88, JPY: 9.4, CNY: 207.51, EUR: 1723.42, GBP: 1985.46 });
    expect(w.rates.HKD).toBeCloseTo(1442.88 / 7.8, 1);
  });
});

describe('freight', () => {
  const weights = [0.5, 1, 1.5, 2, ...Array.from({ length: 18 }, (_, i) => i + 3)];
  it('has every zone with rows per 0.5 kg to 2 kg then per kg to 20 kg, increasing, and an extra-per-kg rate', () => {
    for (const v of files.freight.versions) {
      const t = v.records;
      const zones = t.zones.map((z) => z.zone);
      expect(zones).toEqual(['US', 'CN', 'JP', 'EU', 'HK-SEA', 'OTHER']);
      expect(zones).toContain(t.defaultZone);
      const seen = new Set<string>();
      for (const z of t.zones) {
        expect(z.ko && z.en).toBeTruthy();
        for (const c of z.countries) {
          expect(seen.has(c), `${c} in two zones`).toBe(false);
          seen.add(c);
        }
        const rows = t.rows.filter((r) => r.zone === z.zone);
        expect(rows.map((r) => r.maxKg), z.zone).toEqual(weights);
        for (const [i, r] of rows.entries()) {
          expect(Number.isInteger(r.seaParcelKrw) && r.seaParcelKrw > 0).toBe(true);
          expect(Number.isInteger(r.expressKrw) && r.expressKrw > 0).toBe(true);
          expect(r.expressKrw, `${z.zone} ${r.maxKg}`).toBeGreaterThanOrEqual(r.seaParcelKrw);
          if (i > 0) {
            expect(r.seaParcelKrw).toBeGreaterThan(rows[i - 1]!.seaParcelKrw);
            expect(r.expressKrw).toBeGreaterThan(rows[i - 1]!.expressKrw);
          }
        }
        const extra = t.extraPerKg.find((e) => e.zone === z.zone);
        expect(extra && extra.seaParcelKrw > 0 && extra.expressKrw > 0, `${z.zone} extraPerKg`).toBe(true);
      }
      expect(t.placeholder).toBe(true);
      expect(t.note).toMatch(/antennagom/);
    }
  });

  it('keeps the two known US rows (antennagom.com/1014)', () => {
    const rows = files.freight.versions.at(-1)!.records.rows.filter((r) => r.zone === 'US');
    expect(rows.find((r) => r.maxKg === 1)).toMatchObject({ seaParcelKrw: 12_000, expressKrw: 18_900 });
    expect(rows.find((r) => r.maxKg === 2)).toMatchObject({ seaParcelKrw: 18_500, expressKrw: 29_050 });
  });
});

describe('tariff', () => {
  const headings = () => new Set(nomenclature.headings.map((h) => h.heading));
  const codes = () => nomenclature.codes.map((c) => c.code);

  it('has at least 80 four-digit headings and a chapter default for every chapter it covers', () => {
    for (const v of files.tariff.versions) {
      const hs = v.records.map((l) => l.hs);
      expect(new Set(hs).size, `${v.version} unique hs`).toBe(hs.length);
      expect(hs.filter((h) => h.length === 4).length, v.version).toBeGreaterThanOrEqual(80);
      const chapters = new Set(hs.filter((h) => h.length === 2));
      for (const h of hs) expect(chapters.has(h.slice(0, 2)), `${v.version}: chapter default for ${h}`).toBe(true);
      for (const l of v.records.filter((x) => x.hs.length === 2)) {
        expect(l.uncertain, `chapter ${l.hs}`).toBe(true);
        expect(l.source).toMatch(/^chapter default: the typical basic rate of the chapter/);
      }
    }
  });

  it('uses HS codes of 2, 4, 6 or 10 digits that exist in the HSK nomenclature', () => {
    const known = headings();
    const all = codes();
    for (const v of files.tariff.versions) {
      for (const l of v.records) {
        expect(l.hs, l.hs).toMatch(/^(\d{2}|\d{4}|\d{6}|\d{10})$/);
        if (l.hs.length === 4) expect(known.has(l.hs), `heading ${l.hs}`).toBe(true);
        if (l.hs.length >= 6) expect(all.some((c) => c.startsWith(l.hs)), `HSK ${l.hs}`).toBe(true);
        expect(l.ko.trim() && l.en.trim(), l.hs).toBeTruthy();
        expect(l.source.trim().length, l.hs).toBeGreaterThan(5);
      }
    }
  });

  it('has rates as fractions: [0, 1], above 1 only for agricultural chapters 01–24 and then flagged uncertain', () => {
    const agreements = new Set(files.fta.versions.flatMap((v) => v.records.map((a) => a.code)));
    for (const v of files.tariff.versions) {
      for (const l of v.records) {
        expect(l.basic, l.hs).toBeGreaterThanOrEqual(0);
        if (l.basic > 1) {
          expect(Number(l.hs.slice(0, 2)), `${l.hs} rate ${l.basic} above 100% outside agriculture`).toBeLessThanOrEqual(24);
          expect(l.basic, l.hs).toBeLessThan(10);
          expect(l.uncertain, l.hs).toBe(true);
        }
        for (const [code, rate] of Object.entries(l.fta ?? {})) {
          expect(agreements.has(code), `${l.hs} agreement ${code}`).toBe(true);
          expect(rate, `${l.hs} ${code}`).toBeGreaterThanOrEqual(0);
          expect(rate, `${l.hs} ${code} not above basic`).toBeLessThanOrEqual(l.basic);
        }
      }
    }
  });

  it('has a line for every HS chapter 01–97 (77 is reserved) and every HSK heading on 2026-12-03: no goods at 0% for want of a line', () => {
    // Before the correction tariff-2026-01-01-r2, almonds (0802), olive oil (1509), canned tuna (1604),
    // watercolours (3213) and 43 other chapters had no line: TARIFF_UNKNOWN, duty 0%.
    const asOf = compileReference(files).asOf('2026-12-03')!;
    const chapters = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '77');
    const missing = chapters.filter((c) => !findTariffLine(asOf.tariff, `${c}01000000`).line);
    expect(missing).toEqual([]);
    const headingsWithout = nomenclature.headings.map((h) => h.heading).filter((h) => !findTariffLine(asOf.tariff, `${h}000000`).line);
    expect(headingsWithout).toEqual([]);
    expect(nomenclature.headings.length).toBeGreaterThan(1000);
  });

  it('corrects tariff-2022-01-01 and tariff-2026-01-01 by adding lines only: the corrected versions stay in the file unchanged', () => {
    const by = new Map(files.tariff.versions.map((v) => [v.version, v]));
    for (const name of ['tariff-2022-01-01', 'tariff-2026-01-01']) {
      const old = by.get(name)!;
      const fixed = by.get(`${name}-r2`)!;
      expect(old.records).toHaveLength(218); // what assessments that recorded the name were computed with
      expect(fixed).toMatchObject({ effectiveFrom: old.effectiveFrom, corrects: name });
      const fixedByHs = new Map(fixed.records.map((l) => [l.hs, l]));
      for (const l of old.records) expect(fixedByHs.get(l.hs), `${name} ${l.hs}`).toEqual(l);
      const added = fixed.records.filter((l) => !old.records.some((o) => o.hs === l.hs));
      expect(added).toHaveLength(76); // 47 chapter defaults + 29 headings and lines
      for (const l of added) expect([l.hs, l.uncertain], 'every added line is flagged uncertain').toEqual([l.hs, true]);
    }
    // the engine uses the last correction (r3: the 2207 lines; r4: FTA rates, below; r5: gemstones, below) for every date of the period, and records its name
    const ref = compileReference(files);
    expect(ref.asOf('2022-06-01')!.versions.tariff).toBe('tariff-2022-01-01-r5');
    expect(ref.asOf('2026-01-01')!.versions.tariff).toBe('tariff-2026-01-01-r5');
    expect(ref.asOf('2026-12-03')!.dataVersions.tariff).toBe('tariff-2026-01-01-r5');
  });

  it('corrects tariff-*-r3 by FTA rates only (r4): 0 under KORUS, Korea–EU and Korea–UK on the industrial lines that had none, each line saying where that comes from', () => {
    const zero = { KORUS: 0, KOREU: 0, KORUK: 0 };
    // Agriculture and fishery (01–24), chapter 35 (dextrins and modified starches under tariff-rate
    // quotas) and wood (44, forestry: longer staging) keep no FTA rate: their schedules are not all 0.
    const left = (hs: string) => Number(hs.slice(0, 2)) <= 24 || ['35', '44'].includes(hs.slice(0, 2));
    for (const base of ['tariff-2022-01-01', 'tariff-2026-01-01']) {
      const r3 = files.tariff.versions.find((v) => v.version === `${base}-r3`)!;
      const r4 = files.tariff.versions.find((v) => v.version === `${base}-r4`)!;
      expect(r4).toMatchObject({ effectiveFrom: r3.effectiveFrom, corrects: r3.version });
      expect(r4.source).toMatch(/^Correction of tariff-20\d\d-01-01-r3 \(2026-12-04\)/);
      expect(r4.records.map((l) => l.hs)).toEqual(r3.records.map((l) => l.hs));
      const changed: string[] = [];
      r4.records.forEach((l, i) => {
        const old = r3.records[i]!;
        if (l.fta === old.fta || JSON.stringify(l) === JSON.stringify(old)) return expect(l, l.hs).toEqual(old);
        changed.push(l.hs);
        // only added: fta where there was none, and the source text extended, never rewritten
        expect([old.fta, l.fta, { ...l, fta: undefined, source: old.source }], l.hs).toEqual([undefined, zero, { ...old, fta: undefined }]);
        expect(l.source.startsWith(`${old.source}; FTA 0 (correction r4, 2026-12-04): KORUS`), l.hs).toBe(true);
        expect(l.source, l.hs).toMatch(/verify per HSK \(UNI-PASS API030\)/);
        expect([l.hs, l.uncertain, left(l.hs), l.basic > 0], 'an estimate, outside the chapters left out, with a rate to lower').toEqual([l.hs, true, false, true]);
      });
      expect(changed).toHaveLength(69); // 65 chapter defaults + 2936, 3003, 3004, 3006
      expect(r4.source).toContain(`on the ${changed.length} lines`);
      // every line with a basic rate above 0 outside those chapters now has all three rates
      const without = r4.records.filter((l) => !left(l.hs) && l.basic > 0 && !(['KORUS', 'KOREU', 'KORUK'] as const).every((a) => l.fta?.[a] !== undefined));
      expect(without.map((l) => l.hs)).toEqual([]);
      expect(r4.records.filter((l) => left(l.hs) && changed.includes(l.hs))).toEqual([]);
    }
  });

  it('corrects tariff-*-r4 by the gemstone lines only (r5): rough and loose stones of the exempt kinds at 0 since 2020-04-01, pearls left at the chapter default', () => {
    for (const base of ['tariff-2022-01-01', 'tariff-2026-01-01']) {
      const r4 = files.tariff.versions.find((v) => v.version === `${base}-r4`)!;
      const r5 = files.tariff.versions.find((v) => v.version === `${base}-r5`)!;
      expect(r5).toMatchObject({ effectiveFrom: r4.effectiveFrom, corrects: r4.version });
      expect(r5.records.filter((l) => r4.records.some((o) => o.hs === l.hs))).toEqual(r4.records);
      const added = r5.records.filter((l) => !r4.records.some((o) => o.hs === l.hs));
      // diamonds (non-industrial) and rubies, sapphires, emeralds: every kind named, 0; the mixed subheadings keep the rate of the kinds not named
      expect(added.map((l) => [l.hs, l.basic, l.uncertain])).toEqual([
        ['710231', 0, true],
        ['710239', 0, true],
        ['710310', 0.01, true],
        ['710391', 0, true],
        ['710399', 0.05, true],
      ]);
      for (const l of added) expect(l.source, l.hs).toContain('2020-04-01');
      expect(r5.records.some((l) => l.hs.startsWith('7101'))).toBe(false); // pearls are not exempt: chapter default 8%
    }
  });

  it('has the domain-rules §4.4 figures for the main categories', () => {
    const t = new Map(files.tariff.versions.at(-1)!.records.map((l) => [l.hs, l.basic]));
    const expected: Record<string, number> = {
      '6104': 0.13, '6109': 0.13, '6110': 0.13, '6203': 0.13, '6204': 0.13, '6212': 0.13, '6403': 0.13, '6404': 0.13,
      '4202': 0.08, '9101': 0.08, '9102': 0.08, '7113': 0.08, '7117': 0.08, '3304': 0.065, '8471': 0, '8517': 0,
      '4901': 0, '9503': 0.08, '2106': 0.08, '1806': 0.08, '220830': 0.2, '2203': 0.3, '2204': 0.15,
    };
    for (const [hs, rate] of Object.entries(expected)) expect(t.get(hs), hs).toBe(rate);
  });
});

describe('categories', () => {
  const REQUIRED = `clothing underwear socks swimwear outerwear shoes bag wallet watch jewellery accessory fur hat gloves scarf sunglasses
    cosmetics functional-cosmetics perfume shampoo toothpaste soap supplement vitamin medicine medical-device contact-lens book magazine
    toy lego video-game sporting-goods golf laptop computer-parts mobile-phone tablet camera headphones small-appliance hair-dryer
    kitchenware tableware furniture bedding lamp phone-case cable battery food confectionery chocolate biscuit coffee tea honey
    infant-formula pet-food liquor-whisky liquor-wine liquor-beer liquor-spirits tobacco carpet razor umbrella`.split(/\s+/);

  it('has every required category code once', () => {
    for (const v of files.categories.versions) {
      const cats = v.records.map((c) => c.category);
      expect(new Set(cats).size, v.version).toBe(cats.length);
      for (const c of REQUIRED) expect(cats, v.version).toContain(c);
    }
  });

  it('maps every category to an HS code found in the tariff at its 10-, 6-, 4- or 2-digit prefix', () => {
    const hsCodes = new Set(files.hsCodes);
    // A version replaced by a correction is only used to explain what was recorded under its name:
    // the corrected categories are checked against the tariff versions the engine uses (not replaced).
    const replaced = (ds: Dataset<unknown>) => new Set(ds.versions.map((v) => v.corrects).filter(Boolean));
    const replacedTariff = replaced(files.tariff);
    const replacedCategories = replaced(files.categories);
    for (const v of files.categories.versions) {
      for (const tv of files.tariff.versions.filter((t) => replacedCategories.has(v.version) || !replacedTariff.has(t.version))) {
        const lines = new Set(tv.records.map((l) => l.hs));
        for (const c of v.records) {
          expect(c.hs, c.category).toMatch(/^(\d{2}|\d{4}|\d{6}|\d{10})$/);
          const hit = [10, 6, 4, 2].some((n) => c.hs.length >= n && lines.has(c.hs.slice(0, n)));
          expect(hit, `${c.category} → ${c.hs} in ${tv.version}`).toBe(true);
          if (c.hs.length === 10) expect(hsCodes.has(c.hs), `${c.category} → ${c.hs} is an HSK code`).toBe(true);
          expect(c.ko && c.en && c.source, c.category).toBeTruthy();
        }
      }
    }
  });
});

describe('rules with matchers (exclusions, quantity limits, prohibited, excise, liquor, VAT)', () => {
  it('every rule has a code, a ref, names and at least one matcher', () => {
    for (const { file, code, rule } of matcherRules()) {
      const label = `${file} ${code}`;
      expect(code, label).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(rule.ref.trim().length, `${label} ref`).toBeGreaterThan(5);
      const n = (rule.hsPrefixes?.length ?? 0) + (rule.categories?.length ?? 0) + (rule.keywords?.ko.length ?? 0) + (rule.keywords?.en.length ?? 0);
      expect(n, `${label} has a matcher`).toBeGreaterThan(0);
    }
  });

  it('uses HS prefixes the engine can match, category codes that exist and clean keywords', () => {
    const categories = new Set(files.categories.versions.flatMap((v) => v.records.map((c) => c.category)));
    for (const { file, code, rule } of matcherRules()) {
      const label = `${file} ${code}`;
      for (const p of rule.hsPrefixes ?? []) {
        expect(p, label).toMatch(/^\d+$/);
        expect(MATCHER_PREFIX_LENGTHS, `${label} prefix ${p}`).toContain(p.length);
      }
      for (const c of rule.categories ?? []) expect(categories.has(c), `${label} category ${c}`).toBe(true);
      for (const c of (rule as { exceptCategories?: string[] }).exceptCategories ?? []) expect(categories.has(c), `${label} excepted category ${c}`).toBe(true);
      const kw = [...(rule.keywords?.ko ?? []), ...(rule.keywords?.en ?? [])];
      expect(new Set(kw).size, `${label} duplicate keyword`).toBe(kw.length);
      for (const k of kw) expect(k, label).toBe(k.trim());
      for (const k of rule.keywords?.en ?? []) expect(k, `${label}: English keywords are lowercase`).toBe(k.toLowerCase());
      for (const k of kw) expect(k.length, `${label} keyword "${k}" too short`).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses HS prefixes that exist in the HSK nomenclature', () => {
    const all = nomenclature.codes.map((c) => c.code);
    for (const { file, code, rule } of matcherRules()) {
      for (const p of rule.hsPrefixes ?? []) expect(all.some((c) => c.startsWith(p)), `${file} ${code} prefix ${p}`).toBe(true);
    }
  });

  it('has unique rule codes per version', () => {
    for (const ds of [files.exclusions, files.quantityLimits, files.prohibited, files.excise, files.liquor] as Dataset<{ code: string }[]>[]) {
      for (const v of ds.versions) {
        const codes = v.records.map((r) => r.code);
        expect(new Set(codes).size, v.version).toBe(codes.length);
      }
    }
  });

  it('has the exclusion list of domain-rules §2.1 and seed 002', () => {
    const codes = files.exclusions.versions.at(-1)!.records.map((r) => r.code);
    for (const c of ['MEDICINE', 'HERBAL', 'CITES_WILDLIFE', 'QUARANTINE', 'HEALTH_FUNCTIONAL_FOOD', 'IP_SUSPECT', 'FOOD', 'FUNCTIONAL_COSMETICS', 'LIQUOR', 'TOBACCO', 'MEDICAL_DEVICE', 'RADIO_EQUIPMENT_UNCERTIFIED', 'NARCOTICS']) {
      expect(codes).toContain(c);
    }
    const radio = files.exclusions.versions.at(-1)!.records.find((r) => r.code === 'RADIO_EQUIPMENT_UNCERTIFIED')!;
    expect(radio.hsPrefixes ?? []).toEqual([]);
  });

  it('corrects exclusions-2019-06-01 by adding matchers only: the corrected version stays in the file unchanged', () => {
    const by = new Map(files.exclusions.versions.map((v) => [v.version, v]));
    const old = by.get('exclusions-2019-06-01')!;
    const fixed = by.get('exclusions-2019-06-01-r2')!;
    expect(fixed).toMatchObject({ effectiveFrom: old.effectiveFrom, corrects: old.version });
    // what assessments that recorded the old name were computed with: FOOD without chapters 11, 13, 15
    expect(old.records.find((r) => r.code === 'FOOD')!.hsPrefixes).toEqual(['04', '09', '16', '17', '18', '19', '20', '21', '2201', '2202']);
    expect(fixed.records.map((r) => r.code)).toEqual(old.records.map((r) => r.code));
    for (const o of old.records) {
      const f = fixed.records.find((r) => r.code === o.code)!;
      expect({ ...f, hsPrefixes: undefined, keywords: undefined }, o.code).toEqual({ ...o, hsPrefixes: undefined, keywords: undefined });
      for (const p of o.hsPrefixes ?? []) expect(f.hsPrefixes, `${o.code} keeps ${p}`).toContain(p);
      for (const k of [...(o.keywords?.ko ?? []), ...(o.keywords?.en ?? [])]) expect([...f.keywords!.ko, ...f.keywords!.en], `${o.code} keeps ${k}`).toContain(k);
    }
    // the engine uses the last correction (r7, below) for every date of the period, and records its name
    const ref = compileReference(files);
    expect(ref.asOf('2022-01-02')!.versions.exclusions).toBe('exclusions-2019-06-01-r7');
    expect(ref.asOf('2026-12-03')!.dataVersions.exclusions).toBe('exclusions-2019-06-01-r7');
  });

  it('corrects exclusions-2019-06-01-r2 by adding matchers and the narrow rule HAIR_DYE only; prohibited-2016-01-01 by matchers and POPPY_SEEDS, EPHEDRA; each liquor version by ETHANOL', () => {
    const addsOnly = <R extends GoodsMatcher & { code: string }>(old: readonly R[], fixed: readonly R[], added: string[]) => {
      expect(fixed.map((r) => r.code).filter((c) => !added.includes(c))).toEqual(old.map((r) => r.code));
      for (const o of old) {
        const f = fixed.find((r) => r.code === o.code)!;
        expect({ ...f, hsPrefixes: undefined, keywords: undefined }, o.code).toEqual({ ...o, hsPrefixes: undefined, keywords: undefined });
        for (const p of o.hsPrefixes ?? []) expect(f.hsPrefixes, `${o.code} keeps ${p}`).toContain(p);
        for (const k of [...(o.keywords?.ko ?? []), ...(o.keywords?.en ?? [])]) expect([...f.keywords!.ko, ...f.keywords!.en], `${o.code} keeps ${k}`).toContain(k);
      }
    };
    const ex = new Map(files.exclusions.versions.map((v) => [v.version, v]));
    expect(ex.get('exclusions-2019-06-01-r3')).toMatchObject({ effectiveFrom: '2019-06-01', corrects: 'exclusions-2019-06-01-r2' });
    addsOnly(ex.get('exclusions-2019-06-01-r2')!.records, ex.get('exclusions-2019-06-01-r3')!.records, ['HAIR_DYE']);
    // what r2 was computed with: LIQUOR without 2207.10, NARCOTICS without HS prefixes
    const r2 = new Map(ex.get('exclusions-2019-06-01-r2')!.records.map((r) => [r.code, r]));
    expect(r2.get('LIQUOR')!.hsPrefixes).toEqual(['2203', '2204', '2205', '2206', '2208']);
    expect(r2.get('NARCOTICS')!.hsPrefixes).toBeUndefined();
    const pr = new Map(files.prohibited.versions.map((v) => [v.version, v]));
    expect(pr.get('prohibited-2016-01-01-r2')).toMatchObject({ effectiveFrom: '2016-01-01', corrects: 'prohibited-2016-01-01' });
    addsOnly(pr.get('prohibited-2016-01-01')!.records, pr.get('prohibited-2016-01-01-r2')!.records, ['POPPY_SEEDS', 'EPHEDRA']);
    const lq = files.liquor.versions;
    for (const v of lq.filter((x) => !x.corrects)) {
      const fixed = lq.find((x) => x.corrects === v.version)!;
      expect(fixed, v.version).toMatchObject({ version: `${v.version}-r2`, effectiveFrom: v.effectiveFrom });
      expect(fixed.records.slice(0, -1)).toEqual(v.records);
      expect(fixed.records.at(-1)).toMatchObject({ code: 'ETHANOL', hsPrefixes: ['220710'], perLiterKrw: 57, educationRate: 0, uncertain: true });
    }
    const ref = compileReference(files);
    expect(ref.asOf('2022-01-02')!.versions.prohibited).toBe('prohibited-2016-01-01-r5'); // the next corrections, below
    for (const [date, version] of [['2022-01-02', 'liquor-2021-03-01-r4'], ['2022-04-01', 'liquor-2022-04-01-r4'], ['2026-12-03', 'liquor-2023-04-01-r4']]) { // r3 and r4: BEER's and ETHANOL's refs, below
      expect(ref.asOf(date!)!.versions.liquor).toBe(version);
    }
  });

  it('corrects exclusions-2019-06-01-r3 by matchers, TOBACCO exceptKeywords and HEMP_SEED_FOOD only; prohibited-2016-01-01-r2 by kratom and ALKYL_NITRITES; tariff-*-r2 by the 2207 lines only', () => {
    const sameBut = <R extends GoodsMatcher & { code: string }>(old: readonly R[], fixed: readonly R[], added: string[]) => {
      expect(fixed.map((r) => r.code).filter((c) => !added.includes(c))).toEqual(old.map((r) => r.code));
      for (const o of old) {
        const f = fixed.find((r) => r.code === o.code)!;
        const rest = (r: R) => ({ ...r, keywords: undefined, exceptKeywords: undefined });
        expect(rest(f), o.code).toEqual(rest(o));
        for (const k of [...(o.keywords?.ko ?? []), ...(o.keywords?.en ?? [])]) expect([...f.keywords!.ko, ...f.keywords!.en], `${o.code} keeps ${k}`).toContain(k);
        if (o.code !== 'TOBACCO') expect(f.exceptKeywords, o.code).toEqual(o.exceptKeywords);
      }
      return new Map(fixed.map((r) => [r.code, r]));
    };
    const ex = new Map(files.exclusions.versions.map((v) => [v.version, v]));
    expect(ex.get('exclusions-2019-06-01-r4')).toMatchObject({ effectiveFrom: '2019-06-01', corrects: 'exclusions-2019-06-01-r3' });
    const r4 = sameBut(ex.get('exclusions-2019-06-01-r3')!.records, ex.get('exclusions-2019-06-01-r4')!.records, ['HEMP_SEED_FOOD']);
    expect(r4.get('TOBACCO')!.exceptKeywords).toEqual({ ko: ['니코틴아마이드', '니코틴아미드', '니코틴산'], en: [] });
    expect(r4.get('HEMP_SEED_FOOD')!.hsPrefixes).toBeUndefined(); // by name only: 1207999000 holds other oil seeds
    // r5: nicotine replacement therapy named as medicine and excepted from tobacco; nothing else.
    expect(ex.get('exclusions-2019-06-01-r5')).toMatchObject({ effectiveFrom: '2019-06-01', corrects: 'exclusions-2019-06-01-r4' });
    const r5 = sameBut(ex.get('exclusions-2019-06-01-r4')!.records, ex.get('exclusions-2019-06-01-r5')!.records, []);
    const nrt = ['nicotine patch', 'nicotine gum', 'nicotine lozenge', '니코틴 패치', '니코틴껌', '금연보조제'];
    for (const k of nrt) expect([...r5.get('MEDICINE')!.keywords!.ko, ...r5.get('MEDICINE')!.keywords!.en], k).toContain(k);
    for (const k of nrt) expect([...r5.get('TOBACCO')!.exceptKeywords!.ko, ...r5.get('TOBACCO')!.exceptKeywords!.en], k).toContain(k);
    for (const r of ex.get('exclusions-2019-06-01-r5')!.records.filter((x) => !['MEDICINE', 'TOBACCO'].includes(x.code)))
      expect(r, r.code).toEqual(ex.get('exclusions-2019-06-01-r4')!.records.find((x) => x.code === r.code));
    // r6: health functional food by the supplement lines of 2106, not the whole heading; nothing else.
    expect(ex.get('exclusions-2019-06-01-r6')).toMatchObject({ effectiveFrom: '2019-06-01', corrects: 'exclusions-2019-06-01-r5' });
    const r6 = new Map(ex.get('exclusions-2019-06-01-r6')!.records.map((r) => [r.code, r]));
    expect([...r6.keys()]).toEqual(ex.get('exclusions-2019-06-01-r5')!.records.map((r) => r.code));
    expect(r6.get('HEALTH_FUNCTIONAL_FOOD')).toEqual({
      ...ex.get('exclusions-2019-06-01-r5')!.records.find((r) => r.code === 'HEALTH_FUNCTIONAL_FOOD'),
      hsPrefixes: ['2106109020', '21069030', '2106909070', '2106909091', '2106909099', '2936'],
    });
    for (const r of ex.get('exclusions-2019-06-01-r6')!.records.filter((x) => x.code !== 'HEALTH_FUNCTIONAL_FOOD'))
      expect(r, r.code).toEqual(ex.get('exclusions-2019-06-01-r5')!.records.find((x) => x.code === r.code));
    const pr = new Map(files.prohibited.versions.map((v) => [v.version, v]));
    expect(pr.get('prohibited-2016-01-01-r3')).toMatchObject({ effectiveFrom: '2016-01-01', corrects: 'prohibited-2016-01-01-r2' });
    sameBut(pr.get('prohibited-2016-01-01-r2')!.records, pr.get('prohibited-2016-01-01-r3')!.records, ['ALKYL_NITRITES']);
    for (const base of ['tariff-2022-01-01', 'tariff-2026-01-01']) {
      const r2 = files.tariff.versions.find((v) => v.version === `${base}-r2`)!;
      const r3 = files.tariff.versions.find((v) => v.version === `${base}-r3`)!;
      expect(r3).toMatchObject({ effectiveFrom: r2.effectiveFrom, corrects: r2.version });
      expect(r3.records.filter((l) => !r2.records.includes(l) && !r2.records.some((o) => o.hs === l.hs)).map((l) => [l.hs, l.basic, l.uncertain])).toEqual([
        ['2207101000', 0.1, true],
        ['2207109010', 2.7, true],
      ]);
      expect(r3.records.filter((l) => r2.records.some((o) => o.hs === l.hs))).toEqual(r2.records);
    }
    const ref = compileReference(files);
    expect(ref.asOf('2022-06-01')!.versions.tariff).toBe('tariff-2022-01-01-r5'); // r4 (FTA rates, below) and r5 (gemstones) copy r3's lines
    expect(ref.asOf('2026-12-03')!.dataVersions).toMatchObject({ tariff: 'tariff-2026-01-01-r5', exclusions: 'exclusions-2019-06-01-r7', prohibited: 'prohibited-2016-01-01-r5' });
  });

  it('corrects exclusions-2019-06-01-r6 (r7), prohibited-2016-01-01-r3 (r4), quantity-limits-2015-12-01-r4 (r5), each liquor -r2 (r3) and fta-2021-01-01 (r2) by legal references only: the notes for the data\'s authors leave the refs, nothing else changes', () => {
    const refsOnly = <R extends { code: string; ref: string }>(old: readonly R[], fixed: readonly R[], refs: Record<string, string>) => {
      expect(fixed.map((r) => r.code)).toEqual(old.map((r) => r.code));
      for (const o of old) expect(fixed.find((r) => r.code === o.code), o.code).toEqual(o.code in refs ? { ...o, ref: refs[o.code] } : o);
    };
    const ANNEX = '특송물품 수입통관 사무처리에 관한 고시 [별표 1] 목록통관 배제대상물품 (근거 조문 제8조②로 추정 — 조문 번호 미확인)';
    const ex = new Map(files.exclusions.versions.map((v) => [v.version, v]));
    expect(ex.get('exclusions-2019-06-01-r7')).toMatchObject({ effectiveFrom: '2019-06-01', corrects: 'exclusions-2019-06-01-r6' });
    refsOnly(ex.get('exclusions-2019-06-01-r6')!.records, ex.get('exclusions-2019-06-01-r7')!.records, {
      RADIO_EQUIPMENT_UNCERTIFIED: `${ANNEX}; 전파법 제58조의2 (방송통신기자재등의 적합성평가); 전파법 시행령 제77조의2`,
      NARCOTICS: `${ANNEX}; 마약류 관리에 관한 법률 제3조·제4조`,
    });
    // what decisions that recorded r6 were explained with stays in the file
    expect(ex.get('exclusions-2019-06-01-r6')!.records.find((r) => r.code === 'NARCOTICS')!.ref).toContain('(also prohibited.json)');
    const pr = new Map(files.prohibited.versions.map((v) => [v.version, v]));
    expect(pr.get('prohibited-2016-01-01-r4')).toMatchObject({ effectiveFrom: '2016-01-01', corrects: 'prohibited-2016-01-01-r3' });
    refsOnly(pr.get('prohibited-2016-01-01-r3')!.records, pr.get('prohibited-2016-01-01-r4')!.records, {
      NARCOTICS: '마약류 관리에 관한 법률 제3조 (일반 행위의 금지)·제4조 (마약류취급자가 아닌 자의 취급 금지); 관세법 제269조 (밀수입죄)',
    });
    // quantity-limits r5: the perfume limits' source note; liquor -r3 of each period: the beer rate's note; fta r2: KORUK's sources and note
    const ql = new Map(files.quantityLimits.versions.map((v) => [v.version, v]));
    expect(ql.get('quantity-limits-2015-12-01-r5')).toMatchObject({ effectiveFrom: '2015-12-01', corrects: 'quantity-limits-2015-12-01-r4' });
    refsOnly(ql.get('quantity-limits-2015-12-01-r4')!.records, ql.get('quantity-limits-2015-12-01-r5')!.records, {
      PERFUME_VOLUME: '수입통관 사무처리에 관한 고시 [별표11] 자가사용 인정기준 (향수 60ml)',
      PERFUME_COUNT: '수입통관 사무처리에 관한 고시 [별표11] 자가사용 인정기준 (향수 1병)',
    });
    for (const period of ['2020-01-01', '2021-03-01', '2022-04-01', '2023-04-01']) {
      const r2 = files.liquor.versions.find((v) => v.version === `liquor-${period}-r2`)!;
      const r3 = files.liquor.versions.find((v) => v.version === `liquor-${period}-r3`)!;
      expect(r3, period).toMatchObject({ effectiveFrom: period, corrects: r2.version });
      refsOnly(r2.records, r3.records, { BEER: '주세법 제8조 (세율) 맥주 종량세 (2020-01-01부터, 물가연동); 교육세법 제5조 (주세액의 30%) (UNCERTAIN: 세율은 작성자의 기억)' });
    }
    const fta = new Map(files.fta.versions.map((v) => [v.version, v]));
    expect(fta.get('fta-2021-01-01-r2')).toMatchObject({ effectiveFrom: '2021-01-01', corrects: 'fta-2021-01-01' });
    refsOnly(fta.get('fta-2021-01-01')!.records, fta.get('fta-2021-01-01-r2')!.records, {
      KORUK: 'FTA 관세특례법 제8조; 한-영 FTA 원산지 의정서 (한-EU 의정서 준용; EU 경유 운송은 발효 후 3년간 직접운송으로 인정); 6,000유로 기준 (UNCERTAIN)',
    });
    // in force: exclusions r7; the others corrected again by their refs' sources (below)
    expect(compileReference(files).asOf('2026-12-03')!.dataVersions.exclusions).toBe('exclusions-2019-06-01-r7');
  });

  it('corrects quantity-limits-2015-12-01-r5 (r6), fta-2021-01-01-r2 (r3), prohibited-2016-01-01-r4 (r5) and each liquor -r3 (r4) by legal references only: no web page, answer, guide or memory a figure was read from is left in a ref, nothing else changes', () => {
    const refsOnly = <R extends { code: string; ref: string }>(old: readonly R[], fixed: readonly R[], refs: Record<string, string>) => {
      expect(fixed.map((r) => r.code)).toEqual(old.map((r) => r.code));
      for (const o of old) expect(fixed.find((r) => r.code === o.code), o.code).toEqual(o.code in refs ? { ...o, ref: refs[o.code] } : o);
    };
    const versionsOf = <V extends { version: string }>(d: { versions: readonly V[] }) => new Map(d.versions.map((v) => [v.version, v]));
    // quantity limits: the notice's [별표11] and, where the excess is held, the law whose import requirements then apply
    const A = '수입통관 사무처리에 관한 고시 [별표11] 자가사용 인정기준';
    const ql = versionsOf(files.quantityLimits);
    expect(ql.get('quantity-limits-2015-12-01-r6')).toMatchObject({ effectiveFrom: '2015-12-01', corrects: 'quantity-limits-2015-12-01-r5' });
    refsOnly(ql.get('quantity-limits-2015-12-01-r5')!.records, ql.get('quantity-limits-2015-12-01-r6')!.records, {
      SUPPLEMENT: `${A} (건강기능식품 6병); 건강기능식품에 관한 법률; 수입식품안전관리 특별법 제20조 (수입신고)`,
      MEDICINE: `${A} (의약품 6병, 초과 시 용법상 3개월분; 처방의약품은 국내 의사 처방전 수량); 약사법 제42조 (의약품 수입); 관세법 제226조 (세관장확인물품)`,
      LIQUOR: `${A} (주류 1병·1리터·미화 150달러 이하: 관세·부가세 면제, 주세·교육세 부과)`,
      LIQUOR_VOLUME: `${A} (주류 1리터)`,
      GINSENG: `${A} (인삼 300g); 약사법 (한약재 수입)`,
      SANGHWANG: `${A} (상황버섯 300g); 약사법 (한약재 수입)`,
      DEER_ANTLER: `${A} (녹용 150g); 약사법 (한약재 수입)`,
      HERBAL: `${A} (기타 한약재 품목별 3kg); 약사법 (한약재 수입)`,
    });
    // where the figures were read is still said, in the version's source
    expect(ql.get('quantity-limits-2015-12-01-r6')!.source).toContain('customs.go.kr FAQ cnslKnwlSrno=493');
    expect(ql.get('quantity-limits-2015-12-01-r5')!.records.find((r) => r.code === 'SUPPLEMENT')!.ref).toContain('customs.go.kr FAQ'); // what r5's decisions read stays in the file
    const fta = versionsOf(files.fta);
    expect(fta.get('fta-2021-01-01-r3')).toMatchObject({ effectiveFrom: '2021-01-01', corrects: 'fta-2021-01-01-r2' });
    refsOnly(fta.get('fta-2021-01-01-r2')!.records, fta.get('fta-2021-01-01-r3')!.records, {
      KORUS: '자유무역협정의 이행을 위한 관세법의 특례에 관한 법률 (FTA 관세특례법) 제8조 (협정관세의 적용신청)·제10조 및 시행령 (과세가격 미화 1,000달러 이하: 원산지증빙서류 제출 생략); 한-미 FTA 제6장 (원산지 규정 및 원산지 절차): 수리 전 신청, 구매영수증 + MADE IN USA 표시',
      KOREU: 'FTA 관세특례법 제8조; 한-EU FTA 원산지 결정기준 및 원산지 절차에 관한 의정서 (원산지 신고서: 6,000유로 이하 모든 수출자, 초과 시 인증수출자; 직접운송); 전자상거래 구매물품은 소액 면제 대상 아님',
    });
    expect(fta.get('fta-2021-01-01-r3')!.source).toContain('kgnews.co.kr no=319594');
    const pr = versionsOf(files.prohibited);
    expect(pr.get('prohibited-2016-01-01-r5')).toMatchObject({ effectiveFrom: '2016-01-01', corrects: 'prohibited-2016-01-01-r4' });
    refsOnly(pr.get('prohibited-2016-01-01-r4')!.records, pr.get('prohibited-2016-01-01-r5')!.records, {
      POPPY_SEEDS: '마약류 관리에 관한 법률 제2조 (정의: 양귀비는 마약)·제3조 (일반 행위의 금지: 마약의 원료가 되는 식물의 종자 수출입) (UNCERTAIN: 발아 불능 처리된 종자의 취급 미확인)',
    });
    expect(pr.get('prohibited-2016-01-01-r5')!.source).toContain('Incheon Airport Customs');
    const lq = versionsOf(files.liquor);
    for (const period of ['2020-01-01', '2021-03-01', '2022-04-01', '2023-04-01']) {
      const r3 = lq.get(`liquor-${period}-r3`)!;
      const r4 = lq.get(`liquor-${period}-r4`)!;
      expect(r4, period).toMatchObject({ effectiveFrom: period, corrects: r3.version });
      refsOnly(r3.records, r4.records, {
        BEER: '주세법 제8조 (세율) 맥주 종량세 (2020-01-01부터, 물가연동); 교육세법 제5조 (주세액의 30%) (UNCERTAIN: 세율 미확인)',
        ETHANOL: '주세법 제2조 제1호 가목 (주정)·제8조 (세율) 주정 1킬로리터당 57,000원 (알코올분 95도 초과분 가산 미반영); 교육세 미부과 가정 (UNCERTAIN: 세율 미확인)',
      });
      expect(r4.source, period).toContain("author's recollection");
    }
    const ref = compileReference(files);
    expect(ref.asOf('2026-12-03')!.dataVersions).toMatchObject({ exclusions: 'exclusions-2019-06-01-r7', prohibited: 'prohibited-2016-01-01-r5', quantityLimits: 'quantity-limits-2015-12-01-r6', liquor: 'liquor-2023-04-01-r4', fta: 'fta-2021-01-01-r3' });
    expect(ref.asOf('2022-01-02')!.dataVersions.liquor).toBe('liquor-2021-03-01-r4');
  });

  it('gives every rule of a version in force a ref that is only the citation of the law: no file name, no seed, no web page or answer it was read from, no sentence in English', () => {
    // A ref is what the consumer reads as the legal basis of a reason (and refEn, lawRefInEnglish): the
    // law, decree or notice. Where a figure was read (a FAQ, a blog, a broker's answer, a customs
    // office's guide, the author's memory) and the notes for the data's authors belong in the
    // version's source. A short Korean note of what is not confirmed may stay (조문 번호 미확인, UNCERTAIN).
    const FILE_NAME = /[\w-]+\.(?:json|csv|tsv|ts|md|xlsx)\b/i; // (also prohibited.json)
    const SEED = /\bseed \d+/i; // (seed 002 table)
    // two Latin words, the second lowercase ("… does not list narcotics.", "(author's recollection, …)"), not in a web address ("kgnews.co.kr no=319594")
    const ENGLISH_SENTENCE = /(?<![\w./=])[A-Za-z]+(?:'s)? [a-z]{2,}(?![\w./=])/;
    // a web address: "customs.go.kr FAQ cnslKnwlSrno=493", "ecustoms.tistory.com/4228", "a-ha.io 관세사 답변"
    const WEB_ADDRESS = /(?:https?:\/\/|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|kr|asia|info|blog)\b)/i;
    // where a figure was read, said in Korean or English: "관세사 답변", "국민신문고 답변", "인천공항세관 안내 (2024)", "세율은 작성자의 기억"
    const INFORMAL_SOURCE = /답변|작성자|기억|블로그|세관 안내|\bFAQ\b|\bblog\b|recollection|\bauthor/i;
    // each `ref`, and each entry of a `refs` map (fta's transport and proof, thresholds', holidays')
    const refsIn = (x: unknown, out: string[] = []): string[] => {
      if (Array.isArray(x)) for (const y of x) refsIn(y, out);
      else if (x && typeof x === 'object')
        for (const [k, v] of Object.entries(x)) {
          if (k === 'ref' && typeof v === 'string') out.push(v);
          else if (k === 'refs' && v && typeof v === 'object') out.push(...Object.values(v).filter((r): r is string => typeof r === 'string'));
          else refsIn(v, out);
        }
      return out;
    };
    const found: string[] = [];
    let checked = 0;
    const check = (where: string, ref: string) => {
      checked++;
      for (const [what, re] of [['a file name', FILE_NAME], ['a seed', SEED], ['a sentence in English', ENGLISH_SENTENCE], ['a web address', WEB_ADDRESS], ['an informal source', INFORMAL_SOURCE]] as const) {
        const m = re.exec(ref);
        if (m) found.push(`${where}: ${what} "${m[0]}"`);
      }
    };
    for (const dataset of Object.values(files)) {
      const versions = (dataset as { versions?: { version: string; effectiveFrom: string; records: unknown }[] } | undefined)?.versions;
      if (!Array.isArray(versions)) continue;
      // in force: of the versions of one effectiveFrom, the one listed last (the others are corrected)
      const inForce = versions.filter((v, i) => !versions.slice(i + 1).some((w) => w.effectiveFrom === v.effectiveFrom));
      for (const v of inForce) for (const ref of refsIn(v.records)) check(v.version, ref);
    }
    // the engine's own reasons (not versioned: written with the engine)
    for (const [code, text] of Object.entries(files.reasons)) if (text.ref) check(`reasons.json ${code}`, text.ref);
    expect(checked).toBeGreaterThan(60);
    expect(found).toEqual([]);
  });

  it('makes undenatured ethyl alcohol 2207.10 liquor (excluded, liquor-taxed), never denatured alcohol 2207.20', () => {
    const ref = compileReference(files).asOf('2026-12-03')!;
    const liquorOf = (hs: string) => ref.liquor.matches({ hs, category: undefined, keywords: [] }).map((m) => m.rule.code);
    const excludedAs = (hs: string) => ref.exclusions.matches({ hs, category: undefined, keywords: [] }).map((m) => m.rule.code);
    for (const hs of ['2207101000', '2207109010', '2207109090']) {
      expect(liquorOf(hs), hs).toEqual(['ETHANOL']);
      expect(excludedAs(hs), hs).toEqual(['LIQUOR']);
    }
    expect([liquorOf('2207200000'), excludedAs('2207200000')]).toEqual([[], []]);
    expect(liquorOf('2208600000')).toEqual(['SPIRITS']); // vodka, also at 96 % (Spirytus)
  });

  it('classifies the oils of chapter 15 at the boundary the HSK draws: edible oils are food, cosmetic and industrial ones are not', () => {
    const food = compileMatcher(files.exclusions.versions.at(-1)!.records.filter((r) => r.code === 'FOOD'));
    const isFood = (hs: string) => food.matches({ hs, category: undefined, keywords: [] }).length > 0;
    // olive 1509, soya 1507, coconut 1513, sesame 1515500000, perilla 1515901000, rice bran 1515909010, margarine 1517, lard 1501, fish oil 1504200000
    for (const hs of ['1509200000', '1507901010', '1513110000', '1515500000', '1515901000', '1515909010', '1517100000', '1501200000', '1504200000']) expect(isFood(hs), hs).toBe(true);
    // castor 1515300000, camellia 1515909020, jojoba 1515909030, tung 1515909040, other (argan …) 1515909090, linseed 1515110000,
    // wool grease/lanolin 1505, glycerol 1520, beeswax 1521902000, whale oil 1504301000, non-food maize starch 1108129000, rock salt 2501001010
    for (const hs of ['1515300000', '1515909020', '1515909030', '1515909040', '1515909090', '1515110000', '1505001000', '1520000000', '1521902000', '1504301000', '1108129000', '2501001010']) expect(isFood(hs), hs).toBe(false);
    // flour, starch for food, pectin, vanilla extract, vinegar, table salt
    for (const hs of ['1101001000', '1108121000', '1302200000', '1302199091', '2209001000', '2501009010']) expect(isFood(hs), hs).toBe(true);
  });

  it('names in yieldsTo only exclusion rules of the same version, never the rule itself', () => {
    for (const v of files.exclusions.versions) {
      const codes = new Set(v.records.map((r) => r.code));
      for (const r of v.records) for (const c of r.yieldsTo ?? []) expect(codes.has(c) && c !== r.code, `${v.version} ${r.code} yieldsTo ${c}`).toBe(true);
    }
  });

  it('has the [별표11] self-use quantities', () => {
    const q = new Map(files.quantityLimits.versions.at(-1)!.records.map((r) => [r.code, r]));
    const expected: [string, string, number, string][] = [
      ['SUPPLEMENT', 'count', 6, 'hold'],
      ['MEDICINE', 'count', 6, 'hold'],
      ['PERFUME_VOLUME', 'volumeMl', 60, 'taxed'],
      ['PERFUME_COUNT', 'count', 1, 'taxed'],
      ['LIQUOR', 'count', 1, 'taxed'],
      ['LIQUOR_VOLUME', 'volumeMl', 1000, 'taxed'],
      ['GINSENG', 'weightG', 300, 'hold'],
      ['SANGHWANG', 'weightG', 300, 'hold'],
      ['DEER_ANTLER', 'weightG', 150, 'hold'],
      ['HERBAL', 'weightG', 3000, 'hold'],
    ];
    for (const [code, measure, max, overAction] of expected) expect(q.get(code), code).toMatchObject({ measure, max, overAction });
  });

  it('has excise thresholds of 2,000,000 and 5,000,000 KRW at 20% with 30% education tax', () => {
    const e = new Map(files.excise.versions.at(-1)!.records.map((r) => [r.code, r]));
    for (const c of ['LUXURY_BAG', 'WATCH', 'CARPET']) expect(e.get(c), c).toMatchObject({ thresholdKrw: 2_000_000, rate: 0.2, educationRate: 0.3 });
    for (const c of ['JEWELLERY', 'FUR']) expect(e.get(c), c).toMatchObject({ thresholdKrw: 5_000_000, rate: 0.2, educationRate: 0.3 });
  });

  it('has liquor rules with one tax base each and classification-only matchers', () => {
    for (const v of files.liquor.versions) {
      for (const r of v.records) {
        expect((r.adValoremRate === undefined) !== (r.perLiterKrw === undefined), `${v.version} ${r.code}`).toBe(true);
        // 주정 alone carries no 교육세 (assumed, uncertain: data/liquor.json ETHANOL)
        if (r.code === 'ETHANOL') expect(r).toMatchObject({ educationRate: 0, uncertain: true });
        else expect(r.educationRate).toBeGreaterThan(0);
        expect(r.educationRate).toBeLessThanOrEqual(0.3);
        expect(r.keywords, `${r.code}: liquor tax must not follow keywords`).toBeUndefined();
      }
      const by = new Map(v.records.map((r) => [r.code, r]));
      expect(by.get('SPIRITS')).toMatchObject({ adValoremRate: 0.72, educationRate: 0.3 });
      expect(by.get('WINE')).toMatchObject({ adValoremRate: 0.3, educationRate: 0.1 });
      expect(by.get('BEER')).toMatchObject({ educationRate: 0.3, uncertain: true });
    }
    expect(versionAt(files.liquor, '2024-06-01')!.records.find((r) => r.code === 'BEER')!.perLiterKrw).toBe(885.7);
  });

  it('has VAT 10% with books exempt', () => {
    const vat = files.vat.versions.at(-1)!.records;
    expect(vat.rate).toBe(0.1);
    expect(vat.exempt.find((e) => e.code === 'BOOKS')).toMatchObject({ hsPrefixes: expect.arrayContaining(['4901', '4902']), categories: ['book', 'magazine'] });
  });
});

describe('keyword sanity (the engine matcher and plain substring matching)', () => {
  const plainMatches = (rules: readonly GoodsMatcher[], text: string) =>
    rules.flatMap((r) => [...(r.keywords?.ko ?? []), ...(r.keywords?.en ?? [])]).filter((k) => text.toLowerCase().includes(k.toLowerCase()));
  const engineMatches = <R extends GoodsMatcher & { code: string }>(rules: readonly R[], text: string) => {
    const matcher = compileMatcher(rules);
    const find = sharedKeywordFinder([matcher as CompiledMatcher<unknown>]);
    return matcher.matches({ hs: '', category: undefined, keywords: find(text.toLowerCase()) }).map((m) => m.rule.code);
  };

  const ORDINARY = [
    'massage gun', 'glue gun', 'hot glue gun', 'nerf gun', 'water gun toy', 'gunmetal watch', 'ice tray', 'ice cube tray', 'speed cube',
    'nike t-shirt', 'hemp bag', 'hemp rope bracelet', 'healthcare kit', 'kiss me heroine make mascara', 'ysl opium eau de parfum',
    'pistol grip drill', 'rifle paper co notebook', 'bts dynamite album', 'shotgun microphone',
    'wine glass set', 'beer glass', 'coffee machine', 'cookie cutter set', 'hamster cage', 'honeywell air purifier',
    'imitation pearl earrings', 'jelly phone case', 'meat thermometer', 'cigarette lighter usb car charger', 'chocolate brown sweater',
    'cereal bowl', 'candy stripe shirt', 'sausage dog plush', 'cognac leather belt', 'champagne gold earrings',
    'tom ford tobacco vanille eau de parfum', 'green tea serum', 'engine oil filter', 'login card holder',
    '마사지건', '글루건', '물총', '아이스 트레이', '스피드 큐브', '나이키 티셔츠', '헴프 에코백', '소화약제 소화기', '와인잔 2개', '맥주잔',
    '커피머신', '햄스터 케이지', '분무기 스프레이 공병', '스프레이 분사기', '헤어 스프레이', 'hair spray', 'cooking oil spray', 'spray bottle', '이미테이션 귀걸이', '젤리 케이스', '고가품 시계', '추가품목 안내', '시리얼 넘버 스티커',
    'olive oil cleansing oil', 'jojoba oil 120ml', 'argan oil hair serum', 'coconut oil hair mask', 'flour sifter', 'flour sack towels', 'protein shaker bottle',
    'seed bead bracelet', 'almond shaped nail tips', 'pistachio green sweater', 'sesame street plush', 'wax strips', 'tattoo stencil paper', 'magnesium alloy bike pedals',
    '올리브 오일 클렌징', '호호바 오일', '아르간 오일 헤어 에센스', '파스텔 크레용', '스파게티 스트랩 원피스', '오징어 게임 티셔츠', '모종삽', '강력분사 노즐', '오일 식초병 세트', '마그네슘 파이어스타터',
    'dyson supersonic hair dryer', 'dye-free shampoo', 'rit all-purpose fabric dye', 'ipl permanent hair removal', 'boar bristle hair brush', 'poppy playtime huggy wuggy plush',
    'poppy red dress', 'ethanol-free toner', 'bio-ethanol fireplace fuel', 'denatured alcohol 1l', 'hand sanitizer 70% alcohol', 'spirit level 60cm', 'coca-cola glass bottle',
    '헤어 드라이기', '염색 안 된 원단', '에탄올 프리 토너', '주정차 금지 표지판', '코카콜라 유리병', '블랙 오피움 향수', '양귀비꽃 자수 손수건',
    // beside the keywords of exclusions-2019-06-01-r4 and prohibited-2016-01-01-r3
    'hemp tote bag', 'mario golf: super rush', 'gold rush board game', 'rush hour traffic game', 'leather dog collar', 'cat collar with bell', 'retinal camera toy',
    '전동칫솔 브러쉬 헤드', '메이크업 브러쉬 세트', '강아지 가죽 목걸이', '골드 목걸이', '정글짐 놀이터',
  ];

  it('prohibited keywords do not flag ordinary goods', () => {
    const rules = files.prohibited.versions.at(-1)!.records;
    for (const d of ORDINARY) {
      expect(engineMatches(rules, d), d).toEqual([]);
      expect(plainMatches(rules, d), d).toEqual([]);
    }
  });

  it('exclusion keywords do not flag ordinary goods', () => {
    const rules = files.exclusions.versions.at(-1)!.records;
    for (const d of ORDINARY) {
      expect(engineMatches(rules, d), d).toEqual([]);
      expect(plainMatches(rules, d), d).toEqual([]);
    }
  });

  it('prohibited keywords catch narcotics, weapons, explosives and counterfeit money', () => {
    const rules = files.prohibited.versions.at(-1)!.records;
    const cases: [string, string][] = [
      ['CBD oil 1000mg', 'NARCOTICS'],
      ['대마 젤리', 'NARCOTICS'],
      ['THC gummies 10mg', 'NARCOTICS'],
      ['cannabis seeds', 'NARCOTICS'],
      ['케타민', 'NARCOTICS'],
      ['glock handgun', 'WEAPONS'],
      ['9mm ammunition box', 'WEAPONS'],
      ['석궁 세트', 'WEAPONS'],
      ['stun gun 5000kv', 'WEAPONS'],
      ['sabre red pepper spray', 'WEAPONS'],
      ['호신용 스프레이 휴대용', 'WEAPONS'],
      ['katana samurai sword', 'KNIVES_SWORDS'],
      ['fireworks set', 'EXPLOSIVES'],
      ['폭죽 세트', 'EXPLOSIVES'],
      ['prop money stack', 'COUNTERFEIT_CURRENCY'],
      // added by prohibited-2016-01-01-r2
      ['dried poppy pods 500g', 'NARCOTICS'],
      ['앵속각 200g', 'NARCOTICS'],
      ['mate de coca tea bags', 'NARCOTICS'],
      ['organic poppy seeds 1 lb', 'POPPY_SEEDS'],
      ["trader joe's everything but the bagel sesame seasoning", 'POPPY_SEEDS'],
      ['양귀비씨 500g', 'POPPY_SEEDS'],
      ['마황 500g', 'EPHEDRA'],
      ['ephedra extract capsules', 'EPHEDRA'],
      ['ephedrine hcl 25mg', 'EPHEDRA'],
      // added by prohibited-2016-01-01-r3
      ['kratom powder red vein 250g', 'NARCOTICS'],
      ['크라톰 잎 티백', 'NARCOTICS'],
      ['rush poppers 10ml', 'ALKYL_NITRITES'],
      ['jungle juice platinum 30ml', 'ALKYL_NITRITES'],
      ['isobutyl nitrite aroma', 'ALKYL_NITRITES'],
      ['러쉬 파퍼스', 'ALKYL_NITRITES'],
      ['아질산 아밀 10ml', 'ALKYL_NITRITES'],
    ];
    for (const [d, code] of cases) {
      expect(engineMatches(rules, d), d).toContain(code);
      expect(plainMatches(rules, d).length, d).toBeGreaterThan(0);
    }
  });

  it('exclusion keywords catch the typical excluded goods', () => {
    const rules = files.exclusions.versions.at(-1)!.records;
    const cases: [string, string][] = [
      ['vitamin d3 5000iu', 'HEALTH_FUNCTIONAL_FOOD'],
      ['omega-3 fish oil 120 softgels', 'HEALTH_FUNCTIONAL_FOOD'],
      ['유산균 60캡슐', 'HEALTH_FUNCTIONAL_FOOD'],
      ['sunscreen spf50', 'FUNCTIONAL_COSMETICS'],
      ['선크림 50ml', 'FUNCTIONAL_COSMETICS'],
      ['johnnie walker whisky 700ml', 'LIQUOR'],
      ['red wine 750ml', 'LIQUOR'],
      ['pregnancy test 3pcs', 'MEDICAL_DEVICE'],
      ['체온계', 'MEDICAL_DEVICE'],
      ['condom 12p', 'MEDICAL_DEVICE'],
      ['tylenol extra strength', 'MEDICINE'],
      ['beef jerky', 'QUARANTINE'],
      ['dog food 2kg', 'QUARANTINE'],
      ['haribo gummies', 'FOOD'],
      ['walkie talkie pair', 'RADIO_EQUIPMENT_UNCERTIFIED'],
      ['replica watch', 'IP_SUSPECT'],
      ['marlboro cigarettes', 'TOBACCO'],
      ['elephant ivory carving', 'CITES_WILDLIFE'],
      ['CBD oil 1000mg', 'NARCOTICS'],
      // added by exclusions-2019-06-01-r2
      ['Colavita extra virgin olive oil 1L', 'FOOD'],
      ['오뚜기 참기름 320ml', 'FOOD'],
      ['King Arthur bread flour 5 lb', 'FOOD'],
      ['balsamic vinegar of modena', 'FOOD'],
      ['basil seed packet', 'QUARANTINE'],
      ['tulip flower bulbs 20pcs', 'QUARANTINE'],
      ['ciao churu cat treats', 'QUARANTINE'],
      ['Kirkland mixed nuts 1.13kg', 'QUARANTINE'],
      ['salonpas pain relieving patch', 'MEDICINE'],
      ['zyrtec allergy 70 tablets', 'MEDICINE'],
      ['krill oil 60 softgels', 'HEALTH_FUNCTIONAL_FOOD'],
      ['nasal irrigator', 'MEDICAL_DEVICE'],
      ['rotary tattoo machine kit', 'MEDICAL_DEVICE'],
      ['veet hair removal cream', 'FUNCTIONAL_COSMETICS'],
      ['mezcal 700ml', 'LIQUOR'],
      // added by exclusions-2019-06-01-r3
      ['ammonia-free hair dye', 'HAIR_DYE'],
      ["clairol nice'n easy permanent hair color 6a", 'HAIR_DYE'],
      ['로레알 엑셀랑스 크림 염색약', 'HAIR_DYE'],
      ['새치염색 크림', 'HAIR_DYE'],
      ['헤나 염색 파우더 100g', 'HAIR_DYE'],
      ['just for men beard dye', 'HAIR_DYE'],
      ['everclear 190 proof grain alcohol', 'LIQUOR'],
      ['spirytus rektyfikowany 500ml', 'LIQUOR'],
      ['dried poppy pods', 'NARCOTICS'],
      ['nexgard chewables for dogs', 'MEDICINE'],
      ['freshlook colorblends colored contacts', 'MEDICAL_DEVICE'],
      ['아큐브 오아시스 2주 착용', 'MEDICAL_DEVICE'],
      ['심장사상충 예방약', 'MEDICINE'],
      // added by exclusions-2019-06-01-r4
      ['the ordinary retinol 1% in squalane', 'FUNCTIONAL_COSMETICS'],
      ['adenosine eye cream', 'FUNCTIONAL_COSMETICS'],
      ['niacinamide 10% + zinc 1%', 'FUNCTIONAL_COSMETICS'],
      ['레티놀 크림', 'FUNCTIONAL_COSMETICS'],
      ['니코틴아마이드 세럼', 'FUNCTIONAL_COSMETICS'],
      ['manitoba harvest hemp hearts', 'HEMP_SEED_FOOD'],
      ['햄프씨드 1kg', 'HEMP_SEED_FOOD'],
      ['seresto flea and tick collar', 'MEDICINE'],
      ['세레스토 목걸이', 'MEDICINE'],
      ['kratom capsules', 'NARCOTICS'],
      ['zyn nicotine pouches', 'TOBACCO'],
      ['니코틴 파우치', 'TOBACCO'],
    ];
    for (const [d, code] of cases) expect(engineMatches(rules, d), d).toContain(code);
  });

  // A keyword that also names a tool or a look-alike: the rule's exceptKeywords cancel its keyword
  // matches (not its HS prefixes). Plain substring matching would still find these: hence not in ORDINARY.
  it('exceptKeywords cancel a narrow rule: dye tools, fabric dyes, temporary colours; ornamental poppies, poppy-seed oil; pseudoephedrine', () => {
    const ex = files.exclusions.versions.at(-1)!.records;
    for (const d of ['hair dye brush and bowl set', 'hair dye cape', 'hair colour applicator bottle', 'temporary hair color spray', 'hair color wax 120g', 'henna powder for mehndi tattoo', 'tie-dye kit',
      '다이론 옷 염색약', '섬유 염색약', '염색볼 염색붓 세트', '염색 장갑 100매', '일시적 헤어컬러 스프레이', '헤나 타투 스텐실',
      'hemp seed oil lip balm', 'hemp seed body lotion', 'hemp seed shampoo bar', '햄프씨드 오일 비누', '햄프씨드 핸드크림', '니코틴산 500mg']) {
      expect(engineMatches(ex, d), d).toEqual([]);
    }
    // nicotinamide is a vitamin (and a whitening ingredient), not nicotine: 니코틴아마이드 cancels TOBACCO's 니코틴
    expect(engineMatches(ex, '니코틴아마이드 세럼')).toEqual(['FUNCTIONAL_COSMETICS']);
    const pr = files.prohibited.versions.at(-1)!.records;
    for (const d of ['california poppy seeds', 'shirley poppy seeds (papaver rhoeas)', 'poppy seed oil for oil painting', '꽃양귀비 씨앗', '개양귀비 씨앗', 'sudafed 12 hour pseudoephedrine', '슈도에페드린 함유 감기약', '로마황제 피규어',
      'party poppers 20pcs', 'confetti poppers', 'popcorn poppers', 'bubble poppers fidget toy', 'pop it poppers', 'champagne poppers', '파티 파퍼스 꽃가루 20개']) {
      expect(engineMatches(pr, d), d).toEqual([]);
    }
    // the HS code still decides: an ornamental poppy declared as opium poppy seed 1207.91 is held
    const poppy = compileMatcher(pr.filter((r) => r.code === 'POPPY_SEEDS'));
    const find = sharedKeywordFinder([poppy as CompiledMatcher<unknown>]);
    expect(poppy.matches({ hs: '1207910000', category: undefined, keywords: find('꽃양귀비 씨앗') }).map((m) => [m.rule.code, m.by])).toEqual([['POPPY_SEEDS', 'hs']]);
  });
});

describe('FTA, countries and currencies', () => {
  it('has KORUS, KOREU and KORUK with their partners, transport and proof rules', () => {
    const a = new Map(files.fta.versions.at(-1)!.records.map((x) => [x.code, x]));
    expect(a.get('KORUS')).toMatchObject({ partners: ['US'], directFrom: ['US'] });
    expect(a.get('KORUS')!.proofs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ proof: 'marking-receipt', maxValue: 1000, currency: 'USD', valueBasis: 'taxable' }),
        { proof: 'certificate', maxValue: null, currency: 'USD', valueBasis: 'taxable' },
      ]),
    );
    expect([...a.get('KOREU')!.partners].sort()).toEqual([...EU27].sort());
    expect([...a.get('KOREU')!.directFrom].sort()).toEqual([...EU27].sort());
    expect(a.get('KOREU')!.partners).not.toContain('GB');
    expect(a.get('KORUK')).toMatchObject({ partners: ['GB'], directFrom: ['GB'], transitUntil: { until: '2023-12-31' } });
    expect([...a.get('KORUK')!.transitUntil!.from].sort()).toEqual([...EU27].sort());
    for (const code of ['KOREU', 'KORUK']) {
      expect(a.get(code)!.proofs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ proof: 'origin-declaration', maxValue: 6000, currency: 'EUR', valueBasis: 'goods' }),
          { proof: 'approved-exporter', maxValue: null, currency: 'EUR', valueBasis: 'goods', needsApprovedExporterNo: true },
        ]),
      );
    }
    for (const x of a.values()) expect(x.ref.length).toBeGreaterThan(10);
    // Each agreement says its own proof above a ceiling and cites its own articles: KORUS has no
    // approved exporters and no origin protocol; Korea–EU/UK have no certificate of origin.
    for (const v of files.fta.versions) {
      for (const x of v.records) {
        expect(x.refs?.transport && x.refs.proof, `${v.version} ${x.code} refs`).toBeTruthy();
        for (const p of x.proofs.filter((q) => q.maxValue !== null)) expect(p.beyond?.ko && p.beyond.en, `${x.code} ${p.proof} beyond`).toBeTruthy();
      }
      const byCode = new Map(v.records.map((x) => [x.code, x]));
      const korus = byCode.get('KORUS')!;
      expect(JSON.stringify([korus.refs, korus.proofs])).not.toMatch(/인증수출자|approved exporter|의정서|[Pp]rotocol/);
      for (const code of ['KOREU', 'KORUK']) expect(byCode.get(code)!.proofs.find((q) => q.maxValue !== null)!.beyond!.ko).toContain('인증수출자');
    }
  });

  it('lists all ISO 3166-1 alpha-2 countries once, with Korean and English names', () => {
    const codes = files.countries.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBe(249);
    for (const c of ['KR', 'US', 'CN', 'JP', 'DE', 'GB', 'HK', 'TW', 'VN']) expect(codes).toContain(c);
    for (const c of files.countries) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.ko && c.en && c.ko !== c.code && c.en !== c.code, c.code).toBeTruthy();
    }
  });

  it('uses only known countries in freight zones, FTA and thresholds', () => {
    const known = new Set(files.countries.map((c) => c.code));
    const used = [
      ...files.freight.versions.flatMap((v) => v.records.zones.flatMap((z) => z.countries)),
      ...files.fta.versions.flatMap((v) => v.records.flatMap((a) => [...a.partners, ...a.directFrom, ...(a.transitUntil?.from ?? [])])),
      ...files.thresholds.versions.flatMap((v) => v.records.usExpressShipFrom),
    ];
    for (const c of used) expect(known.has(c), c).toBe(true);
  });

  it('lists active ISO 4217 currencies with names and minor units, including the 6 FX currencies', () => {
    const codes = files.currencies.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(150);
    for (const c of [...FX_CURRENCIES, 'KRW']) expect(codes).toContain(c);
    const minor = new Map(files.currencies.map((c) => [c.code, c.minorUnits]));
    expect(minor.get('KRW')).toBe(0);
    expect(minor.get('JPY')).toBe(0);
    expect(minor.get('USD')).toBe(2);
    expect(minor.get('KWD')).toBe(3);
    for (const c of files.currencies) {
      expect(c.code).toMatch(/^[A-Z]{3}$/);
      expect(Number.isInteger(c.minorUnits) && c.minorUnits >= 0 && c.minorUnits <= 4, c.code).toBe(true);
      expect(c.ko && c.en && c.ko !== c.code, c.code).toBeTruthy();
    }
    for (const c of Object.keys(files.exchangeRates.units)) expect(codes).toContain(c);
  });
});

describe('HS nomenclature', () => {
  it('has more than 10,000 normalised, unique, sorted 10-digit codes, also exposed as hsCodes', () => {
    const codes = nomenclature.codes.map((c) => c.code);
    expect(codes.length).toBeGreaterThan(10_000);
    for (const c of codes) expect(c).toMatch(/^\d{10}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    expect(files.hsCodes).toEqual(codes);
    expect(nomenclature.codes.find((c) => c.code === '8471300000')?.ko).toMatch(/휴대용 자동자료처리기계/);
    expect(nomenclature.codes.find((c) => c.code === '0101211000')).toMatchObject({ ko: '농가 사육용', en: 'For farm breeding' });
  });

  it('keeps the 7–9 digit rows of the file as intermediate levels, each a prefix of a code', () => {
    const codes = nomenclature.codes.map((c) => c.code);
    expect(nomenclature.levels.length).toBeGreaterThan(1000);
    for (const l of nomenclature.levels) {
      expect(l.code.length).toBeGreaterThanOrEqual(7);
      expect(l.code.length).toBeLessThanOrEqual(9);
      expect(codes.some((c) => c.startsWith(l.code)), l.code).toBe(true);
    }
    expect(nomenclature.levels.find((l) => l.code === '1211201')?.ko).toMatch(/인삼 뿌리/);
  });

  it('has the 4-digit headings with chapter, title and description', () => {
    const h = nomenclature.headings;
    expect(h.length).toBeGreaterThan(1200);
    expect(new Set(h.map((x) => x.heading)).size).toBe(h.length);
    for (const x of h) {
      expect(x.heading).toMatch(/^\d{4}$/);
      expect(x.heading.startsWith(x.chapter)).toBe(true);
      expect(x.title, x.heading).toBeTruthy();
    }
    expect(h.find((x) => x.heading === '6109')).toMatchObject({ chapter: '61', title: '티셔츠' });
    expect(h.find((x) => x.heading === '1301')).toMatchObject({ chapter: '13', title: '락·천연검·수지' });
  });

  it('normalises codes: punctuation, intermediate levels, dropped leading zeros, duplicates', () => {
    const { codes, levels } = normaliseHsRows([
      { code: '8471.30-0000', ko: ' 노트북 ', en: 'Laptop ' },
      { code: '1211201', ko: '인삼 뿌리', en: 'Ginseng root' },
      { code: '1211201110', ko: '산양삼', en: 'Wild-simulated ginseng' },
      { code: '101211000', ko: '농가 사육용', en: 'For farm breeding' }, // lost its leading zero
      { code: '8471300000', ko: '중복', en: 'duplicate' },
      { code: '', ko: '', en: '' },
    ]);
    expect(codes).toEqual([
      { code: '0101211000', ko: '농가 사육용', en: 'For farm breeding' },
      { code: '1211201110', ko: '산양삼', en: 'Wild-simulated ginseng' },
      { code: '8471300000', ko: '노트북', en: 'Laptop' },
    ]);
    expect(levels).toEqual([{ code: '1211201', ko: '인삼 뿌리', en: 'Ginseng root' }]);
    expect(normaliseHeadingRows([['류', '번호', '표제', '품명'], ['13', '301', '락', 'lac'], ['28', '제1절 원소', '', ''], ['1', '0101', '말', '살아 있는 말']])).toEqual([
      { chapter: '01', heading: '0101', title: '말', description: '살아 있는 말' },
      { chapter: '13', heading: '1301', title: '락', description: 'lac' },
    ]);
  });
});

describe('holidays', () => {
  const all = () => files.holidays.versions.flatMap((v) => v.records.holidays.map((h) => ({ ...h, version: v.version })));
  const latest = () => files.holidays.versions.at(-1)!.records;
  const on = (date: string) => latest().holidays.find((h) => h.date === date);

  it('covers 2022–2027 with sorted, unique, real dates and cites the law', () => {
    const r = latest();
    expect([r.coversFrom, r.coversThrough]).toEqual(['2022-01-01', '2027-12-31']);
    const dates = r.holidays.map((h) => h.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    for (const d of dates) expect(isIsoDate(d), d).toBe(true);
    for (const key of ['deadline', 'holidays', 'substitute', 'workersDay']) expect(r.refs[key], key).toBeTruthy();
  });

  it('has the fixed-date holidays of every year (공휴일에 관한 법률 제2조)', () => {
    for (let y = 2022; y <= 2027; y++) {
      for (const md of ['01-01', '03-01', '05-05', '06-06', '08-15', '10-03', '10-09', '12-25']) expect(on(`${y}-${md}`)?.kind, `${y}-${md}`).toBe('holiday');
    }
  });

  it('has 설날, 부처님오신날 and 추석 on the dates of the Korean lunisolar calendar', () => {
    // ICU's dangi calendar (Korean, UTC+9): 설날 = 1/1, 부처님오신날 = 4/8, 추석 = 8/15 (not a leap month)
    const lunar = new Intl.DateTimeFormat('en-u-ca-dangi', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
    const lunarOf = (date: string) => {
      const p = Object.fromEntries(lunar.formatToParts(new Date(`${date}T00:00:00Z`)).map((x) => [x.type, x.value]));
      return `${p.month}/${p.day}`;
    };
    const expected: [string, string][] = [];
    for (let t = Date.UTC(2022, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      const l = lunarOf(d);
      const next = lunarOf(new Date(t + 86_400_000).toISOString().slice(0, 10));
      if (next === '1/1') expected.push([d, '설날 전날']);
      if (l === '1/1') expected.push([d, '설날']);
      if (l === '1/2') expected.push([d, '설날 다음 날']);
      if (l === '4/8') expected.push([d, '부처님오신날']);
      if (l === '8/14') expected.push([d, '추석 전날']);
      if (l === '8/15') expected.push([d, '추석']);
      if (l === '8/16') expected.push([d, '추석 다음 날']);
    }
    expect(expected).toHaveLength(6 * 7);
    for (const [d, name] of expected) expect(on(d)?.ko, `${d} ${name}`).toContain(name);
  });

  it('lists election days, temporary holidays and substitute days on weekdays after their holiday', () => {
    for (const d of ['2022-03-09', '2022-06-01', '2024-04-10', '2025-06-03', '2026-06-03']) expect(on(d)?.kind, d).toBe('election');
    for (const d of ['2023-10-02', '2024-10-01', '2025-01-27']) expect(on(d)?.kind, d).toBe('temporary');
    const substitutes = all().filter((h) => h.kind === 'substitute');
    expect(substitutes.map((h) => h.date)).toEqual([
      '2022-09-12', '2022-10-10', '2023-01-24', '2023-05-29', '2024-02-12', '2024-05-06', '2025-03-03', '2025-05-06', '2025-10-08',
      '2026-03-02', '2026-05-25', '2026-08-17', '2026-10-05', '2027-02-09', '2027-08-16', '2027-10-04', '2027-10-11', '2027-12-27',
    ]);
    for (const h of substitutes) {
      expect([0, 6], h.date).not.toContain(dayOfWeek(h.date));
      expect(on(h.substituteFor!), `${h.date} replaces ${h.substituteFor}`).toBeDefined();
      const gap = daysBetween(h.substituteFor!, h.date);
      expect(gap > 0 && gap <= 4, `${h.date} after ${h.substituteFor}`).toBe(true);
    }
  });

  it('marks the 2027 entries uncertain (not checked against the 2027 월력요항)', () => {
    for (const h of latest().holidays) expect(Boolean(h.uncertain), h.date).toBe(h.date.startsWith('2027'));
  });

  it('the loader refuses a malformed entry, naming the file and the entry', () => {
    const bad = (holidays: unknown[]) => ({ ...files.holidays, versions: [{ ...files.holidays.versions[0]!, records: { ...latest(), holidays } }] }) as typeof files.holidays;
    expect(() => checkHolidays('holidays.json', files.holidays)).not.toThrow();
    expect(() => checkHolidays('holidays.json', bad([{ date: '2026-02-30', kind: 'holiday', ko: 'x', en: 'x' }]))).toThrow(/holidays\.json holidays-2022-01-01 holidays\[0\]: date "2026-02-30"/);
    expect(() => checkHolidays('holidays.json', bad([{ date: '2030-01-01', kind: 'holiday', ko: 'x', en: 'x' }]))).toThrow(/outside/);
    expect(() => checkHolidays('holidays.json', bad([{ date: '2026-01-01', kind: 'holiday', ko: 'x', en: 'x' }, { date: '2026-01-01', kind: 'holiday', ko: 'x', en: 'x' }]))).toThrow(/twice/);
    expect(() => checkHolidays('holidays.json', bad([{ date: '2026-01-01', kind: 'day-off', ko: 'x', en: 'x' }]))).toThrow(/kind/);
    expect(() => checkHolidays('holidays.json', bad([{ date: '2026-01-02', kind: 'substitute', ko: 'x', en: 'x' }]))).toThrow(/substituteFor/);
  });
});

describe('loader', () => {
  async function copyData(skip: string[] = []): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'tonggwan-data-'));
    await mkdir(join(dir, 'hs'));
    for (const name of await readdir(DATA_DIR)) {
      if (name.endsWith('.json') && !skip.includes(name)) await copyFile(join(DATA_DIR, name), join(dir, name));
    }
    for (const f of [HS_CODES_FILE, HS_HEADINGS_FILE]) await copyFile(join(DATA_DIR, f), join(dir, f));
    return dir;
  }

  it('uses {} for reasons when data/reasons.json is missing', async () => {
    const dir = await copyData([REFERENCE_FILE_NAMES.reasons]);
    try {
      const loaded = await loadReferenceFiles(dir);
      expect(loaded.reasons).toEqual({});
      expect(loaded.tariff.versions.length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the file when a data file is missing or not JSON', async () => {
    const dir = await copyData([REFERENCE_FILE_NAMES.freight]);
    try {
      await expect(loadReferenceFiles(dir)).rejects.toThrow(/freight\.json/);
      await writeFile(join(dir, REFERENCE_FILE_NAMES.freight), '{ not json');
      await expect(loadReferenceFiles(dir)).rejects.toThrow(/freight\.json is not valid JSON/);
      await writeFile(join(dir, REFERENCE_FILE_NAMES.freight), '[]');
      await expect(loadReferenceFiles(dir)).rejects.toThrow(/freight\.json is not a dataset/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
