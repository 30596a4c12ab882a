// data/risk-rules.json as shipped, and an older file that still carries the revenue ceiling's legal
// figures (maxDutyRate, vatRate): it loads, the figures are ignored and named for the start log.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRiskRules } from './load-risk-files.ts';

const shipped = path.resolve(import.meta.dirname, '../../../data/risk-rules.json');
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('loadRiskRules', () => {
  it('reads the shipped file with nothing deprecated', async () => {
    const { policy, deprecated } = await loadRiskRules(shipped);
    expect(policy.revenueCeiling).toEqual({ minDeclaredShare: 0.15 });
    expect(deprecated).toEqual([]);
  });

  it('loads an older file with maxDutyRate and vatRate, ignoring them with a deprecation line each', async () => {
    const raw = JSON.parse(await readFile(shipped, 'utf8'));
    raw.policy.revenueCeiling = { minDeclaredShare: 0.2, maxDutyRate: 5.136, vatRate: 0.1 };
    const dir = await mkdtemp(path.join(os.tmpdir(), 'risk-rules-'));
    dirs.push(dir);
    const file = path.join(dir, 'risk-rules.json');
    await writeFile(file, JSON.stringify(raw));
    const { policy, deprecated } = await loadRiskRules(file);
    expect(policy.revenueCeiling).toEqual({ minDeclaredShare: 0.2 });
    expect(deprecated).toHaveLength(2);
    expect(deprecated[0]).toMatch(/^risk-rules\.json: policy\.revenueCeiling\.maxDutyRate is deprecated and ignored; the figure is the highest basic rate of the tariff in force/);
    expect(deprecated[1]).toMatch(/^risk-rules\.json: policy\.revenueCeiling\.vatRate is deprecated and ignored; the figure is the VAT rate in force/);
  });
});
