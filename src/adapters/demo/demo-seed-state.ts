// Whether the demo seed of a first start completed (migrations/079_demo_seed.sql). The seed
// (seed-demo.ts, seed-identity.ts, seed-risk-demo.ts) is many transactions run before the platform
// listens; a start stopped in the middle (Ctrl-C) left it half made, and the next start, finding
// operators, never seeded again. Now the seed is recorded as begun (in a database without
// operators, what "empty" meant before) and as complete at its end, and a start that finds it begun
// but not complete clears what it made and seeds again.
//
// Clearing is safe because nothing but the seed can have written those tables since it began: it
// began on a database without operators, and the platform does not listen before the seed is
// complete. Two ways round that are watched: a start without the seed (SEED_DEMO=0) serving on
// the database meanwhile (demo_seed.served_at), and staff accounts or operators the seed did not
// make (`tonggwan users add`); either keeps the incomplete seed as it is, and the start says so.
import type pg from 'pg';
import { DEMO_OPERATORS, DEMO_USERS } from './seed-demo.ts';
import { inTransaction } from '../db/in-transaction.ts';

/**
 * The tables the seed and the workers running beside it write: all cleared before a seed is done
 * again (TRUNCATE, in one transaction; users by name, as reference_uploads refers to them). Every
 * table of the schema is here, in DEMO_COUNTER_TABLES or in KEPT_TABLES (a test checks it): a new
 * table must be placed.
 */
export const DEMO_DATA_TABLES = [
  'api_keys',
  'combined_redecisions',
  'consent_requests',
  'consent_token_uses',
  'consultation_messages',
  'consultations',
  'consumer_refund_alerts',
  'declaration_events',
  'declaration_lookup',
  'declaration_revisions',
  'declaration_stats',
  'declarations',
  'exchange_messages_out',
  'idempotency_keys',
  'inspection_results',
  'misuse_cases',
  'notifications',
  'operators',
  'orders',
  'party_declarations',
  'party_profiles',
  'passkeys',
  'pccc_change_notices',
  'pccc_holders',
  'pccc_identities',
  'pccc_registry_events',
  'pccc_renewal_reminders', // 089: refers to pccc_holders, so TRUNCATE needs it in the same statement
  'price_stats',
  'push_subscriptions',
  'reference_correction_scans',
  'reference_redecisions',
  'risk_address_consignees',
  'risk_parcels',
  'risk_pending',
  'risk_scores',
  'sessions',
  'submissions',
  'tax_account_closures',
  'tax_payment_reversals',
  'tax_payments',
  'tax_refunds_due',
  'tax_virtual_accounts',
  'verification_challenges',
  'webauthn_challenges',
  'webhook_deliveries',
  'webhook_outbox',
  'webhooks',
] as const;

/** One-row tables the migrations create with their row (032_inspection_totals.sql): set back to that row, not emptied. */
export const DEMO_COUNTER_TABLES = ['inspection_totals'] as const;

/**
 * Kept: what every start writes whatever the demo (the schema, the platform's keys, the reference,
 * risk models and rule sets, the event stream's position, the tasks done once per database), what partners and administrators set up,
 * the security counters, the append-only audit log (which records the clearing), and the seed's
 * own record. `users` is cleared of the demo accounts only.
 */
export const KEPT_TABLES = [
  'audit_log',
  'demo_seed',
  'event_stream_cursor',
  'exchange_counters',
  'exchange_events',
  'exchange_messages_in',
  'exchange_partner_keys',
  'exchange_partners',
  'one_time_tasks',
  'platform_keys',
  'rate_limit_counts',
  'reference_fx_rates',
  'reference_tariff_lines',
  'reference_uploads',
  'risk_models',
  'risk_rule_audit',
  'risk_rule_drafts',
  'risk_rule_sets',
  'schema_migrations',
  'sign_in_address_failures',
  'sign_in_known_addresses',
  'sign_in_username_failures',
  'users',
] as const;

/**
 * What this start does about the demo seed:
 * - 'seed': seed (an empty database, or an interrupted seed just cleared), then completeDemoSeed;
 * - 'complete': seeded before, completely;
 * - 'existing': a database with operators and no record (seeded before the record existed, or data
 *   of its own): not seeded, as before;
 * - 'incomplete': an interrupted seed that cannot be cleared safely (said in the log): left as it is.
 */
export type DemoSeedStep = 'seed' | 'complete' | 'existing' | 'incomplete';

const DEMO_SEED_LOCK = 7_318_244_079; // two starts on one server database decide one at a time

export async function prepareDemoSeed(pool: pg.Pool, log: (line: string) => void): Promise<DemoSeedStep> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK]);
    return decide(client, log);
  });
}

async function decide(client: pg.PoolClient, log: (line: string) => void): Promise<DemoSeedStep> {
  const row = (await client.query<{ completed_at: Date | null; served_at: Date | null; attempts: number }>(`SELECT completed_at, served_at, attempts FROM demo_seed`)).rows[0];
  if (row?.completed_at) return 'complete';
  if (!row) {
    if ((await client.query(`SELECT 1 FROM operators LIMIT 1`)).rowCount) return 'existing';
    await client.query(`INSERT INTO demo_seed (id) VALUES (1)`);
    return 'seed';
  }
  const keep = await reasonToKeep(client, row.served_at);
  if (keep) {
    log(`demo data: the first start's seed did not finish and is not done again (${keep}); to start afresh, stop and delete the data folder (.tonggwan/ by default)`);
    return 'incomplete';
  }
  await client.query(`TRUNCATE ${DEMO_DATA_TABLES.join(', ')}`);
  await client.query(`UPDATE inspection_totals SET inspected = 0, found = 0`);
  const users = await client.query(`DELETE FROM users WHERE username = ANY($1::text[])`, [DEMO_USERS.map((u) => u.username)]);
  await client.query(`UPDATE demo_seed SET began_at = now(), attempts = attempts + 1`);
  await client.query(`INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail) VALUES ('system', NULL, 'demo.reseed', 'demo-seed', $1)`, [
    JSON.stringify({ attempt: row.attempts + 1, cleared: [...DEMO_DATA_TABLES, ...DEMO_COUNTER_TABLES], demoUsersDeleted: users.rowCount }),
  ]);
  log('Demo data: the first start was stopped while seeding; what it made is cleared and seeded again');
  return 'seed';
}

/** Why an incomplete seed must not be cleared: something besides the seed may have written (null: nothing could). */
async function reasonToKeep(client: pg.PoolClient, servedAt: Date | null): Promise<string | null> {
  if (servedAt) return `the platform ran on this database without the seed since, from ${servedAt.toISOString()}`;
  const users = await client.query(`SELECT username FROM users WHERE NOT (username = ANY($1::text[])) ORDER BY id LIMIT 3`, [DEMO_USERS.map((u) => u.username)]);
  if (users.rowCount) return `it has staff accounts the seed did not make: ${users.rows.map((u) => u.username).join(', ')}`;
  // One from `tonggwan users add` under a demo login's name (admin, officer) too: clearing deletes the demo accounts by name.
  const added = await client.query(`SELECT detail->>'username' AS username FROM audit_log WHERE action = 'user.create' ORDER BY id LIMIT 3`);
  if (added.rowCount) return `it has staff accounts the seed did not make: ${added.rows.map((u) => u.username).join(', ')}`;
  const operators = await client.query(`SELECT code FROM operators WHERE NOT (code = ANY($1::text[])) ORDER BY id LIMIT 3`, [DEMO_OPERATORS.map((o) => o.code)]);
  if (operators.rowCount) return `it has operators the seed did not make: ${operators.rows.map((o) => o.code).join(', ')}`;
  return null;
}

/** The seed this start began has finished: no later start clears or seeds again. */
export async function completeDemoSeed(pool: pg.Pool): Promise<void> {
  await pool.query(`UPDATE demo_seed SET completed_at = now() WHERE completed_at IS NULL`);
}

/** A start without the seed: an incomplete seed on this database is not cleared any more (this start may take data of its own). */
export async function noteStartWithoutSeed(pool: pg.Pool): Promise<void> {
  await pool.query(`UPDATE demo_seed SET served_at = now() WHERE completed_at IS NULL AND served_at IS NULL`);
}
