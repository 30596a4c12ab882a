// The browser-test run's seeded data folders (test/e2e/support.ts, seededTemplate): a folder the
// first platform start of the run fills (the demo seed, once a day), copied by every start after
// it, and removed when the run ends. E2E_FRESH=1: none, every start seeds its own as before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eSeededBase: string | undefined;
  }
}

export default function setup(project: TestProject): (() => void) | void {
  if (process.env.E2E_FRESH === '1') return project.provide('e2eSeededBase', undefined);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tonggwan-e2e-seeded-'));
  project.provide('e2eSeededBase', base);
  return () => fs.rmSync(base, { recursive: true, force: true });
}
