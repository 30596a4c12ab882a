// Which versions corrections superseded, and what the events of a decision made again say.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import type { Assessment } from './assessment.ts';
import { afterClearanceCorrectionReason, correctionReason, decisionChanged, sameDataButCorrections, supersededVersions, taxStillCorrectable } from './reference-corrections.ts';
import type { ReferenceFiles } from './reference/types.ts';

let files: ReferenceFiles;
beforeAll(async () => {
  files = await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url)));
});

describe('supersededVersions', () => {
  it('on data/: each corrected exclusions version leads to the last correction of its date (r1 … r6 → r7), never the one in force', () => {
    const exclusions = supersededVersions(files).filter((s) => s.dataset === 'exclusions');
    const inForce = 'exclusions-2019-06-01-r7';
    expect(exclusions.map((s) => s.correctedBy).every((v) => v === inForce)).toBe(true);
    expect(exclusions.map((s) => s.version)).toContain('exclusions-2019-06-01-r5');
    expect(exclusions.map((s) => s.version)).not.toContain(inForce);
  });

  it('versions of another date, and a later version that is no correction, supersede nothing', () => {
    const v = (version: string, effectiveFrom: string, corrects?: string) => ({ version, effectiveFrom, source: 's', records: [], ...(corrects ? { corrects } : {}) });
    const tariff = { ...files.tariff, versions: [v('t-2022', '2022-01-01'), v('t-2022-r2', '2022-01-01', 't-2022'), v('t-2026', '2026-01-01')] } as unknown as ReferenceFiles['tariff'];
    const out = supersededVersions({ ...files, tariff }).filter((s) => s.dataset === 'tariff');
    expect(out).toEqual([{ dataset: 'tariff', version: 't-2022', correctedBy: 't-2022-r2' }]);
  });

  it('considers the postal simplified rates too (data/simplified-rates.json), and does without the optional file', () => {
    const base = files.simplifiedRates!.versions[0]!;
    // A correction of the 2015-12-01 rates: the same effectiveFrom, `corrects` naming it, listed after it.
    const simplifiedRates = { ...files.simplifiedRates!, versions: [base, { ...base, version: 'simplified-rates-2015-12-01-r2', corrects: base.version }] };
    expect(supersededVersions({ ...files, simplifiedRates }).filter((s) => s.dataset === 'simplifiedRates')).toEqual([
      { dataset: 'simplifiedRates', version: 'simplified-rates-2015-12-01', correctedBy: 'simplified-rates-2015-12-01-r2' },
    ]);
    const { simplifiedRates: _absent, ...without } = files;
    expect(supersededVersions(without as ReferenceFiles).filter((s) => s.dataset === 'simplifiedRates')).toEqual([]);
  });
});

const assessment = (o: Partial<Assessment>): Assessment =>
  ({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: false }, taxes: { dutyKrw: 0, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 0, totalKrw: 0, collected: true }, reasons: [], ...o }) as Assessment;
const taxed = (totalKrw: number) => ({ dutyKrw: 0, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: totalKrw, totalKrw, collected: true });
const s = [{ dataset: 'exclusions' as const, version: 'exclusions-2019-06-01-r5', correctedBy: 'exclusions-2019-06-01-r6' }];

describe('sameDataButCorrections (a combined-taxation redecision goes on over such data)', () => {
  const on = (exclusions: string, week = '2026-02-01') => assessment({ dataVersions: { tariff: 'tariff-2026-01-01-r5', exclusions, exchangeRateWeek: week } });
  it('the same versions, or a superseded version read corrected: yes; another change, a correction undone or another week: no', () => {
    expect(sameDataButCorrections(s, on('exclusions-2019-06-01-r5'), on('exclusions-2019-06-01-r5'))).toBe(true);
    expect(sameDataButCorrections(s, on('exclusions-2019-06-01-r5'), on('exclusions-2019-06-01-r6'))).toBe(true);
    expect(sameDataButCorrections(s, on('exclusions-2019-06-01-r6'), on('exclusions-2019-06-01-r5'))).toBe(false);
    expect(sameDataButCorrections(s, on('exclusions-2019-06-01-r5'), on('exclusions-2027-01-01'))).toBe(false);
    expect(sameDataButCorrections([], on('exclusions-2019-06-01-r5'), on('exclusions-2019-06-01-r6'))).toBe(false);
    expect(sameDataButCorrections(s, on('exclusions-2019-06-01-r5'), on('exclusions-2019-06-01-r5', '2026-02-08'))).toBe(false);
  });
});

describe('taxStillCorrectable (관세법 제21조①, 제38조의3②: five years)', () => {
  it('a declaration of 2021-03-15 can be put right up to 2026-03-15 (2021 + 5), not the day after', () => {
    expect(taxStillCorrectable('2021-03-15', '2026-03-14')).toBe(true);
    expect(taxStillCorrectable('2021-03-15', '2026-03-15')).toBe(true);
    expect(taxStillCorrectable('2021-03-15', '2026-03-16')).toBe(false);
    // 2024-02-29 + 5 years: 2029 has no 29 February; 2029-02-28 is within, 2029-03-01 is not.
    expect(taxStillCorrectable('2024-02-29', '2029-02-28')).toBe(true);
    expect(taxStillCorrectable('2024-02-29', '2029-03-01')).toBe(false);
  });
});

describe('decisionChanged and the texts', () => {
  it('a reason reworded is a change even when route and taxes are not; the event then says only the explanation was put right', () => {
    const before = assessment({ reasons: [{ code: 'GENERAL_EXCLUDED', ko: '건강기능식품', en: 'supplement', ref: 'x' }] });
    const after = assessment({ reasons: [{ code: 'GENERAL_EXCLUDED', ko: '식품류·과자류', en: 'food', ref: 'x' }] });
    expect(decisionChanged(before, before)).toBe(false);
    expect(decisionChanged(before, after)).toBe(true);
    const r = correctionReason(before, after, s);
    expect(r.ko).toBe('목록통관 배제 품목 자료 정정(exclusions-2019-06-01-r5 → exclusions-2019-06-01-r6)에 따라 다시 판정했습니다. 통관 경로(일반통관(수입신고))와 세액은 그대로이며, 판정 사유의 설명이 바로잡혔습니다.');
    expect(r.en).toContain('the explanation of the decision was put right');
  });

  it('the route kept (general on its filed 수입신고) while the taxes change: said once, "일반통관(수입신고) 그대로", not "일반통관 → 일반통관"; a changed route still reads from → to', () => {
    const r = correctionReason(assessment({ taxes: taxed(36_320) }), assessment({ taxes: taxed(0) }), s);
    expect(r.ko).toContain('통관 경로: 일반통관(수입신고) 그대로; 납부할 세액: 36,320원 → 0원.');
    expect(r.en).toContain('Route: general clearance (import declaration), unchanged; taxes due: KRW 36,320 → KRW 0.');
    const moved = correctionReason(assessment({ route: 'list', taxes: taxed(0) }), assessment({ taxes: taxed(36_320) }), s);
    expect(moved.ko).toContain('통관 경로: 목록통관 → 일반통관(수입신고); 납부할 세액: 0원 → 36,320원.');
  });

  it('after clearance, KRW 30,000 due where 42,500 was paid: KRW 12,500 (42,500 − 30,000) to reclaim; the other way, KRW 12,500 short', () => {
    const paid = assessment({ taxes: taxed(42_500) });
    const now = assessment({ taxes: taxed(30_000) });
    expect(afterClearanceCorrectionReason(paid, now, s).ko).toContain('더 낸 12,500원은 최초 납세신고일부터 5년 안에 경정청구로 돌려받을 수 있습니다(관세법 제38조의3②).');
    expect(afterClearanceCorrectionReason(now, paid, s).en).toContain('collects the KRW 12,500 short (Customs Act Art. 38-3(6))');
    expect(afterClearanceCorrectionReason(now, paid, s).ref).toBe('관세법 제38조의3(수정 및 경정)');
  });
});
