import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connectionGuardOn, guardPool, holdingConnection } from './connection-guard.ts';

describe('connection guard', () => {
  it('is on for the test suite (vitest.config.ts), so every database test checks the rule', () => {
    expect(connectionGuardOn()).toBe(true);
  });

  it('refuses a second connection to code holding one, and names the holder', async () => {
    // Nothing listens on port 1: the guard answers before any connection is tried.
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', max: 1 });
    guardPool(pool);
    await expect(holdingConnection('the scoring claim', async () => pool.query('SELECT 1'))).rejects.toThrow(/second connection .*the scoring claim/);
    await expect(holdingConnection('the scoring claim', async () => pool.connect())).rejects.toThrow(/second connection/);
    // Outside a holder the pool is asked as usual (and fails here only for want of a server).
    await expect(pool.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED|connect/);
    await pool.end();
  });
});
