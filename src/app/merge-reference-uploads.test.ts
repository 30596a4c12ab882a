// Uploaded tariff lines (CSV) over a tariff file that holds a correction (data/README.md,
// Conventions): an upload builds on the version the engine uses on its date — the correction.
import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../../test/fixtures/fixture-reference.ts';
import { compileReference } from '../domain/reference/compile-reference.ts';
import type { ReferenceFiles, TariffLine } from '../domain/reference/types.ts';
import { isPlaceholderRate } from '../domain/valuation.ts';
import { mergeReferenceUploads } from './merge-reference-uploads.ts';

const base = fixtureFiles.tariff.versions[0]!;
const almonds: TariffLine = { hs: '0802', ko: '견과류', en: 'Nuts', basic: 0.3, source: 'fixture', uncertain: true };
const withCorrection: ReferenceFiles = {
  ...fixtureFiles,
  tariff: {
    ...fixtureFiles.tariff,
    versions: [base, { version: `${base.version}-r2`, effectiveFrom: base.effectiveFrom, corrects: base.version, source: 'fixture correction', records: [...base.records, almonds] }],
  },
};

describe('mergeReferenceUploads over a corrected tariff version', () => {
  it('the engine uses the correction, listed after the version it corrects, on every date of the period', () => {
    const asOf = compileReference(withCorrection).asOf('2026-03-04')!;
    expect(asOf.versions.tariff).toBe('tariff-fixture-r2');
    expect(asOf.tariff.get('0802')?.basic).toBe(0.3);
  });

  it('an upload dated later starts from the correction, so the added lines are kept', () => {
    const merged = mergeReferenceUploads(withCorrection, [], [{ uploadId: 7, effectiveFrom: '2026-06-01', hs: '6109', basic: 0.12, ko: '티셔츠', en: 'T-shirts' }]);
    const asOf = compileReference(merged).asOf('2026-06-01')!;
    expect(asOf.versions.tariff).toBe('tariff-upload-2026-06-01-u7');
    expect([asOf.tariff.get('6109')?.basic, asOf.tariff.get('0802')?.basic]).toEqual([0.12, 0.3]);
    // before the upload's date, still the correction
    expect(compileReference(merged).asOf('2026-05-31')!.versions.tariff).toBe('tariff-fixture-r2');
  });

  it('a second upload for the same date is another version name: an assessment records which content it used', () => {
    const first = { uploadId: 7, effectiveFrom: '2026-06-01', hs: '6109', basic: 0.12, ko: '티셔츠', en: 'T-shirts' };
    const second = { ...first, uploadId: 9, basic: 0.13 };
    const once = compileReference(mergeReferenceUploads(withCorrection, [], [first])).asOf('2026-06-02')!;
    const twice = compileReference(mergeReferenceUploads(withCorrection, [], [first, second])).asOf('2026-06-02')!;
    expect([once.versions.tariff, once.tariff.get('6109')?.basic]).toEqual(['tariff-upload-2026-06-01-u7', 0.12]);
    expect([twice.versions.tariff, twice.tariff.get('6109')?.basic]).toEqual(['tariff-upload-2026-06-01-u9', 0.13]);
  });
});

describe('mergeReferenceUploads over a placeholder exchange-rate week', () => {
  const placeholderWeek = { ...fixtureFiles.exchangeRates.weeks[0]!, weekStart: '2026-11-15', placeholder: true, rates: { USD: 1370.24, EUR: 1480, JPY: 8.7 } };
  const files: ReferenceFiles = { ...fixtureFiles, exchangeRates: { ...fixtureFiles.exchangeRates, weeks: [...fixtureFiles.exchangeRates.weeks, placeholderWeek] } };
  it('an uploaded rate is no longer an approximation; the currencies not uploaded still are', () => {
    const merged = mergeReferenceUploads(files, [{ uploadId: 3, weekStart: '2026-11-15', currency: 'USD', rate: 1400 }], []);
    const week = compileReference(merged).fxWeek('2026-11-15')!;
    expect(week.rates.USD).toBe(1400);
    // before: the week stayed placeholder: true, every assessment in it said the rate was provisional
    expect([isPlaceholderRate(week, 'USD'), isPlaceholderRate(week, 'EUR'), isPlaceholderRate(week, 'JPY')]).toEqual([false, true, true]);
    const all = mergeReferenceUploads(files, ['USD', 'EUR', 'JPY'].map((currency, i) => ({ uploadId: 4 + i, weekStart: '2026-11-15', currency, rate: 1 })), []);
    const done = compileReference(all).fxWeek('2026-11-15')!;
    expect([done.placeholder, done.placeholderCurrencies]).toEqual([false, undefined]);
  });
});
