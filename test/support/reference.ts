// Reference files for tests: the real loader over data/ (src/adapters/reference).
import path from 'node:path';
import type { ReferenceFiles } from '../../src/domain/reference/types.ts';
import { loadReferenceFiles } from '../../src/adapters/reference/load-reference-files.ts';

export const DATA_DIR = path.resolve(import.meta.dirname, '../../data');

let cached: Promise<ReferenceFiles> | null = null;
export function referenceFiles(): Promise<ReferenceFiles> {
  cached ??= loadReferenceFiles(DATA_DIR);
  return cached;
}
