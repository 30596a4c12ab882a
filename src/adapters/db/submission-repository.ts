// The operators' submissions log (migrations/020_portal.sql).
import type pg from 'pg';
import type { SubmissionRecord, SubmissionStore } from '../../app/ports/portal-stores.ts';

export class PgSubmissionStore implements SubmissionStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async record(s: Omit<SubmissionRecord, 'id' | 'receivedAt'> & { operatorId: number; receivedAt: Date }): Promise<number> {
    const r = await this.pool.query(
      `INSERT INTO submissions (operator_id, received_at, received, accepted, rejected, replayed, rejections)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id`,
      [s.operatorId, s.receivedAt, s.received, s.accepted, s.rejected, s.replayed, JSON.stringify(s.rejections)],
    );
    return Number(r.rows[0].id);
  }

  async list(operatorId: number, q: { limit: number; onlyWithRejections: boolean; before?: number }): Promise<SubmissionRecord[]> {
    const r = await this.pool.query(
      `SELECT id, received_at, received, accepted, rejected, replayed, rejections
         FROM submissions
        WHERE operator_id = $1 AND ($2::boolean IS FALSE OR rejected > 0) AND ($4::bigint IS NULL OR id < $4)
        ORDER BY id DESC LIMIT $3`,
      [operatorId, q.onlyWithRejections, q.limit, q.before ?? null],
    );
    return r.rows.map((x) => ({
      id: Number(x.id),
      receivedAt: x.received_at instanceof Date ? x.received_at.toISOString() : String(x.received_at),
      received: x.received,
      accepted: x.accepted,
      rejected: x.rejected,
      replayed: x.replayed,
      rejections: x.rejections,
    }));
  }
}
