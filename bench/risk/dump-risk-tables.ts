// What risk scoring wrote, as text, for comparing two versions of the code on the same load
// (BENCH_DUMP=file with bench:risk): every row of the scoring tables in the order of all its
// columns, timestamps of the writes (now()) left out.
import { writeFileSync } from 'node:fs';
import type pg from 'pg';

const TABLES = ['risk_scores', 'party_profiles', 'pccc_identities', 'price_stats', 'risk_parcels', 'risk_address_consignees', 'party_declarations'];

export async function dumpRiskTables(pool: pg.Pool, file: string): Promise<void> {
  const out: string[] = [];
  for (const table of TABLES) {
    const cols = await pool.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND data_type NOT LIKE 'timestamp%' ORDER BY ordinal_position`,
      [table],
    );
    if (cols.rows.length === 0) continue;
    const list = cols.rows.map((c) => `"${c.column_name}"`).join(', ');
    const rows = await pool.query({ text: `SELECT ${list} FROM ${table} ORDER BY ${cols.rows.map((_, i) => i + 1).join(', ')}`, rowMode: 'array' });
    out.push(`# ${table} (${list}) ${rows.rows.length} rows`);
    for (const r of rows.rows) out.push(JSON.stringify(r));
  }
  writeFileSync(file, out.join('\n') + '\n');
}
