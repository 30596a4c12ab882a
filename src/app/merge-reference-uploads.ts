// Merges administrator uploads (exchange rates, tariff lines) over the reference files,
// before compileReference. Later uploads win; file versions after an upload date still apply.
import type { ExchangeRateFile, FxWeek, ReferenceFiles, TariffLine } from '../domain/reference/types.ts';
import type { FxUploadRow, TariffUploadRow } from './ports.ts';

export function mergeReferenceUploads(
  files: ReferenceFiles,
  fx: (FxUploadRow & { uploadId: number })[],
  tariff: (TariffUploadRow & { uploadId: number })[],
): ReferenceFiles {
  return { ...files, exchangeRates: mergeFx(files.exchangeRates, fx), tariff: mergeTariff(files.tariff, tariff) };
}

function mergeFx(file: ExchangeRateFile, rows: (FxUploadRow & { uploadId: number })[]): ExchangeRateFile {
  if (rows.length === 0) return file;
  const weeks = new Map<string, FxWeek>(file.weeks.map((w) => [w.weekStart, w]));
  const ordered = [...rows].sort((a, b) => a.uploadId - b.uploadId);
  for (const r of ordered) {
    const w = weeks.get(r.weekStart) ?? { weekStart: r.weekStart, rates: {}, placeholder: false, source: '' };
    const source = w.source.includes(`upload #${r.uploadId}`) ? w.source : `${w.source ? `${w.source}; ` : ''}admin upload #${r.uploadId}`;
    weeks.set(r.weekStart, { ...w, rates: { ...w.rates, [r.currency]: r.rate }, source, ...stillApproximate(w, r.currency) });
  }
  const merged = [...weeks.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  const last = Math.max(...rows.map((r) => r.uploadId));
  return { ...file, version: `${file.version}+upload${last}`, weeks: merged };
}

/**
 * An uploaded rate is the published one: its currency is no longer an approximation in that week.
 * Before, a placeholder week kept `placeholder: true` for every currency after an upload, so its
 * assessments went on saying the rate was provisional.
 */
function stillApproximate(w: FxWeek, uploaded: string): Pick<FxWeek, 'placeholder' | 'placeholderCurrencies'> {
  const approximate = (w.placeholder ? Object.keys(w.rates) : (w.placeholderCurrencies ?? [])).filter((c) => c !== uploaded).sort();
  return approximate.length ? { placeholder: false, placeholderCurrencies: approximate } : { placeholder: false, placeholderCurrencies: undefined };
}

function mergeTariff(dataset: ReferenceFiles['tariff'], rows: (TariffUploadRow & { uploadId: number })[]): ReferenceFiles['tariff'] {
  if (rows.length === 0) return dataset;
  const byDate = new Map<string, (TariffUploadRow & { uploadId: number })[]>();
  for (const r of [...rows].sort((a, b) => a.uploadId - b.uploadId)) {
    const list = byDate.get(r.effectiveFrom) ?? [];
    list.push(r);
    byDate.set(r.effectiveFrom, list);
  }
  let versions = [...dataset.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  for (const date of [...byDate.keys()].sort()) {
    const upload = byDate.get(date)!;
    const base = [...versions].reverse().find((v) => v.effectiveFrom <= date);
    const lines = new Map<string, TariffLine>((base?.records ?? []).map((l) => [l.hs, l]));
    for (const r of upload) {
      const old = lines.get(r.hs);
      lines.set(r.hs, { ...(old ?? {}), hs: r.hs, basic: r.basic, ko: r.ko, en: r.en, source: `admin upload #${r.uploadId}` });
    }
    const ids = [...new Set(upload.map((r) => r.uploadId))];
    // The version name changes with each upload that touches the date: assessments record it
    // (dataVersions.tariff), and two contents must never go by one name.
    const version = { version: `tariff-upload-${date}-u${Math.max(...ids)}`, effectiveFrom: date, source: `admin upload #${ids.join(',')}`, records: [...lines.values()] };
    versions = [...versions.filter((v) => v.effectiveFrom !== date), version].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }
  return { ...dataset, versions };
}
