// Reads data/statistics.json: the disclosure threshold of the public statistics.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StatisticsDisclosure } from '../../domain/statistics-disclosure.ts';

export async function loadStatisticsDisclosure(referenceDir: string): Promise<StatisticsDisclosure> {
  const file = path.join(referenceDir, 'statistics.json');
  let raw: { disclosure?: { minCount?: { value?: unknown } } };
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const minCount = raw.disclosure?.minCount?.value;
  if (typeof minCount !== 'number' || !Number.isInteger(minCount) || minCount < 1) throw new Error(`${file}: disclosure.minCount.value must be an integer of at least 1`);
  return { minCount };
}
