// data/exchange-rates.json against the published weeks it was generated from
// (data/sources/fx-published-weeks.json, read by scripts/generate-fx-placeholders.ts): a week
// marked published must name its source page and carry exactly the figures of the sources file,
// the sources' own ▲/▼ changes must match consecutive weeks, and the committed file must be what
// the script writes today.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExchangeRateFile } from '../../src/domain/reference/types.ts';
import { buildExchangeRateFile, customsMargins, publishedSource, readMarketDays, readPublishedWeeks } from '../../scripts/generate-fx-placeholders.ts';

const fx = JSON.parse(readFileSync(fileURLToPath(new URL('../../data/exchange-rates.json', import.meta.url)), 'utf8')) as ExchangeRateFile;
const published = readPublishedWeeks();
const market = readMarketDays();
const byWeek = new Map(published.weeks.map((p) => [p.weekStart, p]));
const DAY_MS = 86_400_000;

describe('published weeks of data/exchange-rates.json', () => {
  const real = fx.weeks.filter((w) => !w.placeholder);

  it('every week marked published names the page it was read from and is in the sources file with the same rates', () => {
    expect(real.length).toBeGreaterThan(0);
    for (const w of real) {
      const p = byWeek.get(w.weekStart);
      expect(p, `${w.weekStart} is published but not in data/sources/fx-published-weeks.json`).toBeDefined();
      expect(p!.url).toMatch(/^https:\/\//);
      expect(w.source).toContain(p!.url);
      expect(w.source).toBe(publishedSource(p!));
      for (const c of published.currencies) expect(w.rates[c], `${w.weekStart} ${c}`).toBe(p!.rates[c]);
      // HKD is never on the source pages: derived from USD and flagged as approximate.
      expect(w.placeholderCurrencies).toEqual(['HKD']);
      expect(w.rates.HKD).toBe(Math.round((w.rates.USD! / 7.8) * 100) / 100);
    }
  });

  it('every week of the sources file is published in the rates file (none left as a placeholder)', () => {
    const realWeeks = new Set(real.map((w) => w.weekStart));
    for (const p of published.weeks) expect(realWeeks.has(p.weekStart), p.weekStart).toBe(true);
  });

  it('the sources file is one Sunday per entry, five currencies each, with a method the script knows', () => {
    expect(new Set(published.weeks.map((p) => p.weekStart)).size).toBe(published.weeks.length);
    expect([...published.currencies].sort()).toEqual(['CNY', 'EUR', 'GBP', 'JPY', 'USD']);
    for (const p of published.weeks) {
      expect(new Date(`${p.weekStart}T00:00:00Z`).getUTCDay(), p.weekStart).toBe(0);
      expect(Object.keys(p.rates).sort()).toEqual(['CNY', 'EUR', 'GBP', 'JPY', 'USD']);
      expect(['stated', 'delta']).toContain(p.method);
    }
  });

  it('a stated week’s ▲/▼ change equals its rate minus the week before, wherever both are listed', () => {
    let checked = 0;
    for (const p of published.weeks) {
      if (!p.change) continue;
      const before = byWeek.get(new Date(Date.parse(`${p.weekStart}T00:00:00Z`) - 7 * DAY_MS).toISOString().slice(0, 10));
      if (!before) continue;
      for (const c of published.currencies) {
        // e.g. 2026-02-01 USD 1,442.88 − 2026-01-25 USD 1,473.06 = −30.18 (▼ -30.18 on the page).
        expect(Math.round((p.rates[c] - before.rates[c]) * 100) / 100, `${p.weekStart} ${c}`).toBe(p.change[c]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('every "delta" week is the week before a stated week of the same page', () => {
    for (const p of published.weeks.filter((x) => x.method === 'delta')) {
      const next = byWeek.get(new Date(Date.parse(`${p.weekStart}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10));
      expect(next?.method, p.weekStart).toBe('stated');
      expect(next?.url).toBe(p.url);
    }
  });

  it('placeholders between two published weeks lie on the line between them; after the last estimate they hold it', () => {
    // 2025-07-13, between 2025-07-06 (USD 1,356.02) and 2025-07-20 (USD 1,382.76):
    // (1,356.02 + 1,382.76) / 2 = 1,369.39.
    const w = (d: string) => fx.weeks.find((x) => x.weekStart === d)!;
    expect(w('2025-07-13')).toMatchObject({ placeholder: true, rates: { USD: 1369.39 } });
    expect(w('2025-07-13').source).toMatch(/^placeholder: linear interpolation between the nearest published weeks/);
    // After the last market estimate (2026-10-04: the market data ends with 2026-09-30): its rates held.
    expect(w('2026-12-27').rates).toEqual(w('2026-10-04').rates);
    expect(w('2026-12-27').source).toMatch(/^placeholder: the last published week or market estimate held flat/);
  });

  it('the committed file is what scripts/generate-fx-placeholders.ts writes from the sources files', () => {
    expect(buildExchangeRateFile(fx, published, market)).toEqual(fx);
  });
});

describe('market estimates of data/exchange-rates.json (2022-01-02 … 2025-01-05)', () => {
  const w = (d: string) => fx.weeks.find((x) => x.weekStart === d)!;

  it('the margin of customs rates over the market is measured on the 30 published weeks of 2016 and 2020', () => {
    expect(published.calibrationWeeks).toHaveLength(30);
    for (const c of published.calibrationWeeks) expect(c.url).toMatch(/^https:\/\/www\.iporter\.com\//);
    // Week 2020-03-15: published USD 1,208.41; the market's Monday to Friday before (2020-03-09..13):
    // (1,191.3971 + 1,201.3977 + 1,196.693 + 1,192.7935 + 1,202.0012) / 5 = 1,196.8565; 1,208.41 / 1,196.8565 = 1.00965.
    // Most weeks of 2020 give 1.0097 to the fourth decimal; the median over all 30 is the margin.
    const margins = customsMargins(published, market);
    expect(margins.USD).toBe(1.0097);
    for (const c of ['EUR', 'JPY', 'CNY', 'GBP', 'HKD'] as const) {
      expect(margins[c], c).toBeGreaterThan(1.005); // banks' transfer selling rates lie about 1 % above the market
      expect(margins[c], c).toBeLessThan(1.015);
    }
  });

  it('a week is the average market rate of the Monday to Friday before it times the margin', () => {
    // 2022-01-09: (1,185.5059 + 1,190.8045 + 1,194.2979 + 1,198.1965 + 1,199.5952) / 5 = 1,193.68; × 1.0097 = 1,205.2587 → 1,205.26.
    expect(w('2022-01-09')).toMatchObject({ placeholder: true, rates: { USD: 1205.26 } });
    expect(w('2022-01-09').source).toMatch(/^placeholder: estimate from the market/);
  });

  it('leaves out Korean bank holidays, on which no bank quotes the rate customs averages', () => {
    // 2022-09-18: 2022-09-12 is the substitute holiday of 추석 (data/holidays.json), so the average is of 09-13..16:
    // (1,381.2042 + 1,374.8083 + 1,391.6952 + 1,394.1986) / 4 = 1,385.4766; × 1.0097 = 1,398.9157 → 1,398.92
    // (with 09-12's 1,377.38 it would be 1,397.28).
    expect(w('2022-09-18').rates.USD).toBe(1398.92);
  });

  it('dates a snapshot of the exchange-rate feed the day after its version, the Seoul morning it matches', () => {
    // 2026-09-13: the Monday to Friday before (09-07..11) are the feed's versions 2026.9.6 … 2026.9.10:
    // (1,345.3105 + 1,345.9665 + 1,340.0741 + 1,338.2931 + 1,337.1759) / 5 = 1,341.3640; × 1.0097 = 1,354.3752 → 1,354.38.
    const days = market.days.filter((d) => d.date >= '2026-09-07' && d.date <= '2026-09-11');
    expect(days.map((d) => d.source)).toEqual(['currency-api 2026.9.6', 'currency-api 2026.9.7', 'currency-api 2026.9.8', 'currency-api 2026.9.9', 'currency-api 2026.9.10']);
    expect(w('2026-09-13').rates.USD).toBe(1354.38);
    expect(w('2026-09-13').source).toContain('daily exchange-rate feed snapshots');
  });

  it('estimates every week the market data covers, interpolates the weeks it misses, and never overwrites a published week', () => {
    const estimated = fx.weeks.filter((x) => x.source.startsWith('placeholder: estimate from the market')).map((x) => x.weekStart);
    expect(estimated[0]).toBe('2022-01-02');
    expect(estimated.at(-1)).toBe('2026-10-04');
    // 2022-01-02 … 2025-01-05 without a gap (IMF/FRED every working day), then the weeks the sparse feed has a day in
    expect(estimated.filter((d) => d <= '2025-01-05')).toHaveLength(158);
    expect(estimated).toHaveLength(208);
    expect(w('2025-01-12').source).toMatch(/^placeholder: linear interpolation between the nearest published weeks or market estimates/);
    for (const p of published.weeks) expect(w(p.weekStart).placeholder, p.weekStart).toBe(false);
  });
});
