// Whose declarations the refs named in a combined group (고시 제68조) may be, for what a reader reads
// of its declarations (src/app/operator-refs-view.ts, webhook bodies). A ref is unique per operator
// only, so the ref string says nothing of whose member it is: the declarations of that ref linked to
// the one read by its consignee (PCCC) or house B/L (the keys combined taxation reads its history by:
// migrations/036), not itself, are counted by owner. The stored group names its members by ref alone
// (assessment.combinedWith); which of those is a member is settled in combined-refs-view.ts.
// Two statements: the declarations read (by id), then the candidates by the declarations_pccc and
// declarations_hbl indexes (each ANY on its own: an OR of the two was planned as a scan, migrations/074).
import type pg from 'pg';
import type { NamedRefs } from '../../app/ports.ts';
import type { RefOwners } from '../../domain/combined-refs-view.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

const READ = `SELECT id, pccc, hbl_no FROM declarations WHERE id = ANY($1::bigint[])`;
const CANDIDATES = `SELECT id, operator_id, ref, pccc, hbl_no FROM declarations WHERE pccc = ANY($1::text[]) AND ref = ANY($3::text[])
                    UNION
                    SELECT id, operator_id, ref, pccc, hbl_no FROM declarations WHERE hbl_no = ANY($2::text[]) AND ref = ANY($3::text[])`;

/** Per declaration read, per ref it names: how many declarations of that ref linked to it are `operatorId`'s, how many another's. */
export async function ownersOfNamedRefs(db: Queryable, operatorId: number, named: readonly NamedRefs[]): Promise<Map<number, Map<string, RefOwners>>> {
  const out = new Map<number, Map<string, RefOwners>>();
  const asked = named.filter((n) => n.refs.length > 0);
  if (asked.length === 0) return out;
  const read = await db.query(READ, [[...new Set(asked.map((n) => n.declarationId))]]);
  const keysOf = new Map<number, { pccc: string; hblNo: string | null }>();
  for (const x of read.rows) keysOf.set(Number(x.id), { pccc: x.pccc as string, hblNo: (x.hbl_no as string | null) ?? null });
  const pcccs = new Set<string>();
  const hbls = new Set<string>();
  const refs = new Set<string>();
  for (const n of asked) {
    const k = keysOf.get(n.declarationId);
    if (!k) continue;
    pcccs.add(k.pccc);
    if (k.hblNo) hbls.add(k.hblNo);
    for (const r of n.refs) refs.add(r);
  }
  if (refs.size === 0) return out;
  const candidates = (await db.query(CANDIDATES, [[...pcccs], [...hbls], [...refs]])).rows as { id: string | number; operator_id: string | number; ref: string; pccc: string; hbl_no: string | null }[];
  const byRef = new Map<string, typeof candidates>();
  for (const c of candidates) {
    let list = byRef.get(c.ref);
    if (!list) byRef.set(c.ref, (list = []));
    list.push(c);
  }
  for (const n of asked) {
    const k = keysOf.get(n.declarationId);
    if (!k) continue;
    let owners = out.get(n.declarationId);
    if (!owners) out.set(n.declarationId, (owners = new Map()));
    for (const r of n.refs) {
      if (owners.has(r)) continue;
      let own = 0;
      let others = 0;
      for (const c of byRef.get(r) ?? []) {
        if (Number(c.id) === n.declarationId) continue; // a declaration is not its own member
        if (c.pccc !== k.pccc && (k.hblNo === null || c.hbl_no !== k.hblNo)) continue;
        if (Number(c.operator_id) === operatorId) own++;
        else others++;
      }
      if (own + others > 0) owners.set(r, { own, others });
    }
  }
  return out;
}
