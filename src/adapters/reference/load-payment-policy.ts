// Reads data/payments.json: the platform's commitments about tax payments (the refund of a second charge).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RefundPolicy } from '../../domain/refund-due.ts';

export async function loadRefundPolicy(referenceDir: string): Promise<RefundPolicy> {
  const file = path.join(referenceDir, 'payments.json');
  let raw: { refunds?: { workingDays?: { value?: unknown } } };
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  const workingDays = raw.refunds?.workingDays?.value;
  // A refund promised for the day of the charge or after months is a typo, not a policy.
  if (typeof workingDays !== 'number' || !Number.isInteger(workingDays) || workingDays < 1 || workingDays > 60) {
    throw new Error(`${file}: refunds.workingDays.value must be a whole number of working days from 1 to 60`);
  }
  return { workingDays };
}
