// PCCC check against the holder registry: name + mobile + (from 2026-02-02) delivery postcode
// (domain-rules §6.3, §6.5). Returns which factors failed, in UNI-PASS API028's order.
import type { ConsumerStore, PcccHolder } from './ports.ts';

export type PcccMismatch = 'notFound' | 'notInUse' | 'expired' | 'nameMismatch' | 'phoneMismatch' | 'zipMismatch';

export function digitsOnly(s: string): string {
  return s.replace(/\D/g, '');
}

export function normalizeName(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

export async function checkPccc(
  deps: { consumers: ConsumerStore },
  q: { pccc: string; name: string; phone: string; postcode?: string | null; today: string },
): Promise<{ matched: boolean; mismatches: PcccMismatch[]; holder: PcccHolder | null }> {
  const holder = await deps.consumers.findHolder(q.pccc.trim().toUpperCase());
  if (!holder) return { matched: false, mismatches: ['notFound'], holder: null };
  const mismatches: PcccMismatch[] = [];
  if (holder.status !== 'active') mismatches.push('notInUse');
  if (holder.expiresOn < q.today) mismatches.push('expired');
  if (normalizeName(holder.name) !== normalizeName(q.name)) mismatches.push('nameMismatch');
  if (digitsOnly(holder.phone) !== digitsOnly(q.phone)) mismatches.push('phoneMismatch');
  if (q.postcode !== undefined && q.postcode !== null && !holder.postcodes.includes(digitsOnly(q.postcode))) mismatches.push('zipMismatch');
  return { matched: mismatches.length === 0, mismatches, holder };
}
