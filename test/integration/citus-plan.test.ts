// The Citus plan (docs/scaling-out.md, as data in docs/citus-plan.json) against the migrated
// schema, read from the catalog. Citus itself cannot be installed here, so this checks the plan's
// claims about our schema, not Citus: every table is classified (a new table fails until it is)
// and has a row in the doc; a distribution column exists, is NOT NULL (a row needs a shard) and
// has one type per co-location group; every primary key and unique index of a distributed table
// includes its distribution column, and every foreign key is one Citus accepts (between
// co-located distributed tables on their distribution columns, or to a reference table from a
// distributed, reference or local one, or between local tables) — except the deviations the plan
// lists with the change each needs, and a listed deviation that no longer exists fails too.
// Embedded PostgreSQL, or on the server when DATABASE_URL is set.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../support/test-database.ts';

const DOCS = path.resolve(import.meta.dirname, '../../docs');

type Role = 'distributed' | 'reference' | 'local';
interface TablePlan {
  role: Role;
  column?: string;
  colocate?: string;
  why: string;
}
interface Deviation {
  table: string;
  kind: 'unique' | 'foreign_key';
  name: string;
  needs: string;
}
interface CitusPlan {
  tables: Record<string, TablePlan>;
  deviations: Deviation[];
}

interface Catalog {
  tables: string[];
  /** table → column → { type, nullable } */
  columns: Map<string, Map<string, { type: string; nullable: boolean }>>;
  /** Primary keys, unique constraints and unique indexes, with their key columns (an expression counts as no column). */
  uniques: { table: string; name: string; columns: string[] }[];
  foreignKeys: { table: string; name: string; columns: string[]; refTable: string; refColumns: string[] }[];
}

async function readCatalog(db: Pick<pg.PoolClient, 'query'>): Promise<Catalog> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const cols = await db.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const columns = new Map<string, Map<string, { type: string; nullable: boolean }>>();
  for (const c of cols.rows) {
    const t = columns.get(c.table_name) ?? new Map();
    t.set(c.column_name, { type: c.data_type, nullable: c.is_nullable === 'YES' });
    columns.set(c.table_name, t);
  }
  const uniques = await db.query<{ table: string; name: string; columns: string[] }>(
    `SELECT t.relname AS table, x.relname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                   WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_class x ON x.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND i.indisunique
      ORDER BY 1, 2`,
  );
  const fks = await db.query<{ table: string; name: string; columns: string[]; ref_table: string; ref_columns: string[] }>(
    `SELECT t.relname AS table, c.conname AS name, r.relname AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.contype = 'f'
      ORDER BY 1, 2`,
  );
  return {
    tables: tables.rows.map((r) => r.name),
    columns,
    uniques: uniques.rows,
    foreignKeys: fks.rows.map((r) => ({ table: r.table, name: r.name, columns: r.columns, refTable: r.ref_table, refColumns: r.ref_columns })),
  };
}

/** Whether Citus accepts this foreign key under the plan (its documented rules for distributed, reference and local tables). */
function foreignKeyFits(plan: CitusPlan, fk: Catalog['foreignKeys'][number]): boolean {
  const from = plan.tables[fk.table]!;
  const to = plan.tables[fk.refTable]!;
  if (to.role === 'reference') return true; // from a distributed, reference or local (Citus-managed) table
  if (from.role === 'local' && to.role === 'local') return true;
  if (from.role === 'distributed' && to.role === 'distributed') {
    // Co-located, and the referencing distribution column maps onto the referenced one.
    if (from.colocate !== to.colocate) return false;
    const i = fk.columns.indexOf(from.column!);
    return i >= 0 && fk.refColumns[i] === to.column;
  }
  // distributed → local, reference → distributed, local → distributed; and reference → local,
  // which Citus takes without cascading actions: stricter here (no such key exists).
  return false;
}

/** Everything in which the plan and the schema disagree, one line each; [] when the plan holds. */
function planProblems(plan: CitusPlan, catalog: Catalog, doc: string): string[] {
  const problems: string[] = [];
  const roles: Role[] = ['distributed', 'reference', 'local'];
  for (const [name, t] of Object.entries(plan.tables)) {
    if (!roles.includes(t.role)) problems.push(`${name}: unknown role ${t.role}`);
    if (!t.why) problems.push(`${name}: no reason given`);
    if (t.role === 'distributed' && (!t.column || !t.colocate)) problems.push(`${name}: distributed without a column and a co-location group`);
    if (t.role !== 'distributed' && (t.column || t.colocate)) problems.push(`${name}: a ${t.role} table has no distribution column`);
    if (!catalog.tables.includes(name)) problems.push(`${name}: in the plan, not in the schema (remove it)`);
  }
  for (const name of catalog.tables) {
    if (!plan.tables[name]) problems.push(`${name}: not classified in docs/citus-plan.json`);
    if (!doc.includes(`\`${name}\``)) problems.push(`${name}: no row in docs/scaling-out.md`);
  }
  if (problems.length > 0) return problems; // the checks below need every table classified

  const groupType = new Map<string, { type: string; table: string }>();
  for (const [name, t] of Object.entries(plan.tables)) {
    if (t.role !== 'distributed') continue;
    const col = catalog.columns.get(name)?.get(t.column!);
    if (!col) {
      problems.push(`${name}: distribution column ${t.column} does not exist`);
      continue;
    }
    if (col.nullable) problems.push(`${name}: distribution column ${t.column} is nullable`);
    const g = groupType.get(t.colocate!);
    if (!g) groupType.set(t.colocate!, { type: col.type, table: name });
    else if (g.type !== col.type) problems.push(`${name}: ${t.column} is ${col.type}, ${g.table} in group ${t.colocate} is ${g.type}`);
  }

  const found: Deviation[] = [];
  for (const u of catalog.uniques) {
    const t = plan.tables[u.table]!;
    if (t.role === 'distributed' && !u.columns.includes(t.column!)) found.push({ table: u.table, kind: 'unique', name: u.name, needs: '' });
  }
  for (const fk of catalog.foreignKeys) {
    if (!foreignKeyFits(plan, fk)) found.push({ table: fk.table, kind: 'foreign_key', name: fk.name, needs: '' });
  }
  const key = (d: Pick<Deviation, 'table' | 'kind' | 'name'>) => `${d.table} ${d.kind} ${d.name}`;
  const listed = new Map(plan.deviations.map((d) => [key(d), d]));
  const actual = new Set(found.map(key));
  for (const d of found) if (!listed.has(key(d))) problems.push(`${key(d)}: does not fit Citus and is not listed as a deviation`);
  for (const d of plan.deviations) {
    if (!actual.has(key(d))) problems.push(`${key(d)}: listed as a deviation, but the schema no longer has it (remove it)`);
    if (!d.needs) problems.push(`${key(d)}: a deviation without the change it needs`);
  }
  return problems;
}

describe('the Citus plan against the migrated schema', () => {
  let db: TestDatabase;
  const plan = JSON.parse(fs.readFileSync(path.join(DOCS, 'citus-plan.json'), 'utf8')) as CitusPlan;
  const doc = fs.readFileSync(path.join(DOCS, 'scaling-out.md'), 'utf8');
  beforeAll(async () => {
    db = await startTestDatabase();
  });
  afterAll(async () => db?.close());

  it('classifies every table, and every constraint fits Citus or is a listed deviation with its change', async () => {
    const catalog = await readCatalog(db.pool);
    expect(planProblems(plan, catalog, doc)).toEqual([]);
    // The plan is not empty by accident: 71 tables (70 of the migrations and schema_migrations),
    // 18 distributed, 4 reference, 49 local; 15 unique indexes and 4 foreign keys to change.
    const count = (r: Role) => Object.values(plan.tables).filter((t) => t.role === r).length;
    expect([catalog.tables.length, count('distributed'), count('reference'), count('local')]).toEqual([71, 18, 4, 49]);
    expect(plan.deviations.map((d) => d.kind).sort()).toEqual([...Array(4).fill('foreign_key'), ...Array(15).fill('unique')]);
  });

  it('fails on a new table, a new unique index without the distribution column, and a deviation that went away', async () => {
    const c = await db.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('CREATE TABLE parcel_photos (id bigserial PRIMARY KEY, declaration_id bigint NOT NULL REFERENCES declarations (id))');
      await c.query('CREATE UNIQUE INDEX risk_scores_one_per_model ON risk_scores (model_version, scored_at)');
      await c.query('ALTER TABLE consultations DROP CONSTRAINT consultations_declaration_id_fkey');
      const catalog = await readCatalog(c);
      expect(planProblems(plan, catalog, doc)).toEqual(['parcel_photos: not classified in docs/citus-plan.json', 'parcel_photos: no row in docs/scaling-out.md']);
      // Classified as distributed with the declarations: its own primary key does not fit yet.
      const withPhotos: CitusPlan = { ...plan, tables: { ...plan.tables, parcel_photos: { role: 'distributed', column: 'declaration_id', colocate: 'declaration', why: 'test' } } };
      expect(planProblems(withPhotos, catalog, `${doc}\n| \`parcel_photos\` |`)).toEqual([
        'parcel_photos unique parcel_photos_pkey: does not fit Citus and is not listed as a deviation',
        'risk_scores unique risk_scores_one_per_model: does not fit Citus and is not listed as a deviation',
        'consultations foreign_key consultations_declaration_id_fkey: listed as a deviation, but the schema no longer has it (remove it)',
      ]);
      // Local, it may not reference a distributed table.
      const local: CitusPlan = { ...plan, tables: { ...plan.tables, parcel_photos: { role: 'local', why: 'test' } } };
      expect(planProblems(local, catalog, `${doc}\n| \`parcel_photos\` |`)).toContain(
        'parcel_photos foreign_key parcel_photos_declaration_id_fkey: does not fit Citus and is not listed as a deviation',
      );
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('fails on a foreign key between distributed tables that are not co-located or miss the distribution column', async () => {
    const catalog = await readCatalog(db.pool);
    // misuse_cases → declarations (declaration_id → id) fits. In another group (by PCCC) it is not
    // co-located; in the same group by operator_id the key does not join the distribution columns.
    // Either way UNIQUE (declaration_id) no longer holds the column; its key to operators (a
    // reference table) still fits.
    const expected = [
      'misuse_cases unique misuse_cases_declaration_id_key: does not fit Citus and is not listed as a deviation',
      'misuse_cases foreign_key misuse_cases_declaration_id_fkey: does not fit Citus and is not listed as a deviation',
    ];
    const byPccc: CitusPlan = { ...plan, tables: { ...plan.tables, misuse_cases: { ...plan.tables.misuse_cases!, colocate: 'consignee', column: 'pccc' } } };
    expect(planProblems(byPccc, catalog, doc)).toEqual(expected);
    const byOperator: CitusPlan = { ...plan, tables: { ...plan.tables, misuse_cases: { ...plan.tables.misuse_cases!, column: 'operator_id' } } };
    expect(planProblems(byOperator, catalog, doc)).toEqual(expected);
  });
});
