// One transaction on a client of the pool: committed when `f` resolves, rolled back when it
// throws (the rollback's own failure is not the error to report), the client released either way.
import type pg from 'pg';
import { holdingConnection } from './connection-guard.ts';

export async function inTransaction<T>(pool: pg.Pool, f: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const v = await holdingConnection('a transaction', () => f(c));
    await c.query('COMMIT');
    return v;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
