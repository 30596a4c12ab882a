// Reads data/identity.json (registry and consent figures, with sources; some UNCERTAIN).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IdentityRules } from '../../domain/pccc-registry.ts';

export async function loadIdentityRules(referenceDir: string): Promise<IdentityRules> {
  const file = path.join(referenceDir, 'identity.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const r = raw as IdentityRules;
  const num = (v: { value?: unknown } | undefined, name: string) => {
    if (!v || typeof v.value !== 'number' || !(v.value >= 0)) throw new Error(`${file}: ${name}.value must be a number`);
  };
  for (const k of ['validityMonths', 'renewalWindowDays', 'maxPostcodes', 'reissuesPerYear'] as const) num(r.registry?.[k], `registry.${k}`);
  for (const k of ['requestMinutes', 'tokenDays', 'requestsPerPcccPer10Minutes', 'newPasskeyCoolingHours'] as const) num(r.consent?.[k], `consent.${k}`);
  return r;
}
