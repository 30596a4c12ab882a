import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStatisticsDisclosure } from './load-statistics-policy.ts';

const DATA_DIR = join(import.meta.dirname, '../../../data');

describe('data/statistics.json', () => {
  it('publishes no cell of fewer than 3 declarations', async () => {
    expect(await loadStatisticsDisclosure(DATA_DIR)).toEqual({ minCount: 3 });
  });

  it('refuses a threshold that is not a whole number of at least 1, naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tonggwan-stats-'));
    try {
      for (const value of [0, 2.5, '3', null]) {
        await writeFile(join(dir, 'statistics.json'), JSON.stringify({ disclosure: { minCount: { value } } }));
        await expect(loadStatisticsDisclosure(dir)).rejects.toThrow(/statistics\.json: disclosure\.minCount\.value/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
