// The administrator's list of reference-data versions: every versioned dataset, the postal simplified rates included.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { compileReference } from '../domain/reference/compile-reference.ts';
import type { ReferenceFiles } from '../domain/reference/types.ts';
import { listReferenceVersions } from './list-reference-versions.ts';

let files: ReferenceFiles;
beforeAll(async () => {
  files = await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url)));
});

describe('listReferenceVersions', () => {
  it('lists the postal simplified rates (data/simplified-rates.json) as the other datasets: version, effective date, source, the one in force', () => {
    const list = listReferenceVersions(compileReference(files), '2026-11-24');
    const simplified = list.datasets.find((d) => d.dataset === 'simplifiedRates');
    expect(simplified).toMatchObject({ inForce: 'simplified-rates-2015-12-01' });
    expect(simplified!.versions).toEqual([
      expect.objectContaining({ version: 'simplified-rates-2015-12-01', effectiveFrom: '2015-12-01', corrects: null, inForce: true, records: null }),
    ]);
    expect(simplified!.versions[0]!.source).toContain('customs.go.kr');
    // Listed after the datasets that were there before, as data/README.md lists the files.
    expect(list.datasets.map((d) => d.dataset).at(-1)).toBe('simplifiedRates');
  });

  it('says none in force before its effective date, and lists it with no versions when the optional file is absent', () => {
    expect(listReferenceVersions(compileReference(files), '2015-11-30').datasets.find((d) => d.dataset === 'simplifiedRates')).toMatchObject({ inForce: null });
    const { simplifiedRates: _absent, ...without } = files;
    const list = listReferenceVersions(compileReference(without as ReferenceFiles), '2026-11-24');
    expect(list.datasets.find((d) => d.dataset === 'simplifiedRates')).toEqual({ dataset: 'simplifiedRates', inForce: null, versions: [] });
    expect(list.datasets.find((d) => d.dataset === 'tariff')!.inForce).not.toBeNull();
  });
});
