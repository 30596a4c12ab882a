// Environment, read once. Everything else receives a Config value.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL server; when absent an embedded PostgreSQL 15 runs from `dataDir/pgdata`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Folder with the versioned reference files (data/*.json). */
  referenceDir: string;
  /** Demo data and the local notification inbox are shown when true. */
  demo: boolean;
  /** Seed demo data into an empty database. */
  seedDemo: boolean;
  demoDeclarations: number;
  webhookBackoffBaseMs: number;
  webhookMaxAttempts: number;
  webhookPollMs: number;
  logLevel: string;
}

function intOf(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${value}`);
  return n;
}

function boolOf(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '..');
  return {
    port: intOf(env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.DATA_DIR || path.join(root, '.tonggwan')),
    referenceDir: path.resolve(env.REFERENCE_DIR || path.join(root, 'data')),
    demo: boolOf(env.TONGGWAN_DEMO, true),
    seedDemo: boolOf(env.SEED_DEMO, true),
    demoDeclarations: intOf(env.DEMO_DECLARATIONS, 3000),
    webhookBackoffBaseMs: intOf(env.WEBHOOK_BACKOFF_BASE_MS, 2000),
    webhookMaxAttempts: intOf(env.WEBHOOK_MAX_ATTEMPTS, 10),
    webhookPollMs: intOf(env.WEBHOOK_POLL_MS, 500),
    logLevel: env.LOG_LEVEL || 'warn',
  };
}
