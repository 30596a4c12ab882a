// The queue of stored declarations to decide again for combined taxation (combined_redecisions,
// migrations/071), written by intake's transaction (declaration-repository.ts). A worker claims
// rows by a lease, committed at once: the decision then takes intake's combined-taxation locks,
// and an intake holding them may be waiting to queue the same row, so no transaction is held
// across it (that wait would go round through the worker's two connections, unseen by PostgreSQL).
import type pg from 'pg';
import type { CombinedRedecisionJob, CombinedRedecisionQueue } from '../../app/ports.ts';

const CLAIM = `
  WITH due AS (
    SELECT declaration_id FROM combined_redecisions
     WHERE leased_until IS NULL OR leased_until <= $2
     ORDER BY queued_at, declaration_id
     LIMIT $1
     FOR UPDATE SKIP LOCKED
  )
  UPDATE combined_redecisions q
     SET leased_until = $2::timestamptz + $3 * interval '1 millisecond', attempts = q.attempts + 1
    FROM due WHERE q.declaration_id = due.declaration_id
  RETURNING q.declaration_id, q.round, q.attempts`;

/** Deleted if still the round claimed; else (queued again meanwhile) freed for the next claim. */
const DONE = `
  WITH gone AS (DELETE FROM combined_redecisions WHERE declaration_id = $1 AND round = $2 RETURNING 1)
  UPDATE combined_redecisions SET leased_until = NULL, attempts = 0, last_error = NULL
   WHERE declaration_id = $1 AND NOT EXISTS (SELECT 1 FROM gone)`;

export class PgCombinedRedecisionQueue implements CombinedRedecisionQueue {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async claim(q: { limit: number; at: Date; leaseMs: number }): Promise<CombinedRedecisionJob[]> {
    const r = await this.pool.query(CLAIM, [q.limit, q.at, q.leaseMs]);
    return r.rows
      .map((x) => ({ declarationId: Number(x.declaration_id), round: x.round as number, attempts: x.attempts as number }))
      .sort((a, b) => a.declarationId - b.declarationId);
  }

  async done(job: CombinedRedecisionJob): Promise<void> {
    await this.pool.query(DONE, [job.declarationId, job.round]);
  }

  async failed(job: CombinedRedecisionJob, error: string, retryAt: Date): Promise<void> {
    await this.pool.query(`UPDATE combined_redecisions SET leased_until = $2, last_error = $3 WHERE declaration_id = $1`, [job.declarationId, retryAt, error.slice(0, 2000)]);
  }
}
