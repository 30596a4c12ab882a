// The parties of one declaration (platform, seller, forwarder, courier, consignee) and what the
// platform has seen of each: how many declarations, how many held or refused, the value, the
// most recent ones. For the officer's supply-chain view of a parcel.
import { sellerKeyOf } from '../domain/assess.ts';
import { fail, ok, type Result } from './errors.ts';
import type { DeclarationStore } from './ports.ts';
import type { PartyMatch, PartyRole, PartyStats, WorkbenchStore } from './ports/portal-stores.ts';
import type { PartyHistory } from '../domain/api-views.ts';
export type { PartyHistory };

const EMPTY: PartyStats = { total: 0, held: 0, rejected: 0, released: 0, valueUsd: 0, firstSeen: null, recent: [] };

export async function getPartyHistory(deps: { declarations: DeclarationStore; workbench: WorkbenchStore }, declarationId: number): Promise<Result<PartyHistory[]>> {
  const d = await deps.declarations.findById(declarationId);
  if (!d) return fail('DECLARATION_NOT_FOUND');
  const p = d.declaration.parties ?? {};
  const parties: { role: PartyRole; name: string | null; key: string | null; match: PartyMatch | null }[] = [
    { role: 'platform', name: p.platform?.name ?? null, key: p.platform?.name ?? null, match: p.platform?.name ? { by: 'platform_name', value: p.platform.name.toLowerCase() } : null },
    { role: 'seller', name: p.seller?.name ?? null, key: sellerKeyOf(d.declaration), match: sellerKeyOf(d.declaration) ? { by: 'seller_key', value: sellerKeyOf(d.declaration)! } : null },
    {
      role: 'forwarder',
      name: p.forwarder?.name ?? null,
      key: d.forwarderCode ?? p.forwarder?.name ?? null,
      match: d.forwarderCode ? { by: 'forwarder_code', value: d.forwarderCode } : p.forwarder?.name ? { by: 'party_name', role: 'forwarder', value: p.forwarder.name } : null,
    },
    {
      role: 'courier',
      name: p.courier?.name ?? null,
      key: d.courierCode ?? p.courier?.name ?? null,
      match: d.courierCode ? { by: 'courier_code', value: d.courierCode } : p.courier?.name ? { by: 'party_name', role: 'courier', value: p.courier.name } : null,
    },
    { role: 'consignee', name: d.declaration.consignee.name, key: d.pccc, match: { by: 'pccc', value: d.pccc } },
  ];
  const out: PartyHistory[] = [];
  for (const party of parties) {
    const stats = party.match ? await deps.workbench.partyStats(party.match, d.id, 5) : EMPTY;
    out.push({ role: party.role, name: party.name, key: party.key, ...stats });
  }
  return ok(out);
}
