// The nodes of an EXPLAIN (FORMAT JSON) plan, for the tests that check a statement reads by an index.

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Each node of a plan as 'Node Type relation/index', depth first. */
export function planNodes(rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[]): string[] {
  const out: string[] = [];
  const walk = (n: PlanNode) => {
    out.push(`${n['Node Type']} ${n['Index Name'] ?? n['Relation Name'] ?? ''}`.trim());
    for (const k of n.Plans ?? []) walk(k);
  };
  walk(rows[0]!['QUERY PLAN'][0]!.Plan);
  return out;
}
