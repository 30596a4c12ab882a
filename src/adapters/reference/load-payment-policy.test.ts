import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRefundPolicy, loadVirtualAccountPolicy } from './load-payment-policy.ts';

const DATA_DIR = join(import.meta.dirname, '../../../data');

describe('data/payments.json', () => {
  it('promises the refund of a second charge by the third working day, a figure still to be confirmed', async () => {
    expect(await loadRefundPolicy(DATA_DIR)).toEqual({ workingDays: 3 });
    const raw = JSON.parse(await readFile(join(DATA_DIR, 'payments.json'), 'utf8'));
    expect(raw.refunds.workingDays).toMatchObject({ uncertain: true, source: expect.stringMatching(/UNCERTAIN/) });
  });

  it('refuses a figure that is not a whole number of working days from 1 to 60, naming the file and the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tonggwan-payments-'));
    try {
      for (const value of [0, 2.5, '3', null, 61]) {
        await writeFile(join(dir, 'payments.json'), JSON.stringify({ refunds: { workingDays: { value } } }));
        await expect(loadRefundPolicy(dir)).rejects.toThrow(/payments\.json: refunds\.workingDays\.value/);
      }
      await expect(loadRefundPolicy(join(dir, 'missing'))).rejects.toThrow(/payments\.json: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps a virtual account open 72 hours at most, a figure still to be confirmed, and refuses one outside 1 to 720 hours', async () => {
    expect(await loadVirtualAccountPolicy(DATA_DIR)).toEqual({ maxValidHours: 72 });
    const raw = JSON.parse(await readFile(join(DATA_DIR, 'payments.json'), 'utf8'));
    expect(raw.virtualAccounts.maxValidHours).toMatchObject({ uncertain: true, source: expect.stringMatching(/UNCERTAIN/) });
    const dir = await mkdtemp(join(tmpdir(), 'tonggwan-payments-'));
    try {
      for (const value of [0, 1.5, '72', 721]) {
        await writeFile(join(dir, 'payments.json'), JSON.stringify({ virtualAccounts: { maxValidHours: { value } } }));
        await expect(loadVirtualAccountPolicy(dir)).rejects.toThrow(/payments\.json: virtualAccounts\.maxValidHours\.value/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
