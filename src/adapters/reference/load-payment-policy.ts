// Reads data/payments.json: the platform's commitments about tax payments (the refund of a second
// charge; how long a virtual account for a transfer stays open).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RefundPolicy } from '../../domain/refund-due.ts';
import type { VirtualAccountPolicy } from '../../domain/virtual-account.ts';

type PaymentsFile = { refunds?: { workingDays?: { value?: unknown } }; virtualAccounts?: { maxValidHours?: { value?: unknown } } };

async function readPaymentsFile(referenceDir: string): Promise<{ file: string; raw: PaymentsFile }> {
  const file = path.join(referenceDir, 'payments.json');
  try {
    return { file, raw: JSON.parse(await readFile(file, 'utf8')) };
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

export async function loadRefundPolicy(referenceDir: string): Promise<RefundPolicy> {
  const { file, raw } = await readPaymentsFile(referenceDir);
  const workingDays = raw.refunds?.workingDays?.value;
  // A refund promised for the day of the charge or after months is a typo, not a policy.
  if (typeof workingDays !== 'number' || !Number.isInteger(workingDays) || workingDays < 1 || workingDays > 60) {
    throw new Error(`${file}: refunds.workingDays.value must be a whole number of working days from 1 to 60`);
  }
  return { workingDays };
}

export async function loadVirtualAccountPolicy(referenceDir: string): Promise<VirtualAccountPolicy> {
  const { file, raw } = await readPaymentsFile(referenceDir);
  const maxValidHours = raw.virtualAccounts?.maxValidHours?.value;
  // Under an hour no account can be issued; past a month a payer who paid otherwise may still deposit.
  if (typeof maxValidHours !== 'number' || !Number.isInteger(maxValidHours) || maxValidHours < 1 || maxValidHours > 720) {
    throw new Error(`${file}: virtualAccounts.maxValidHours.value must be a whole number of hours from 1 to 720`);
  }
  return { maxValidHours };
}
