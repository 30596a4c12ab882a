// Reference data uploads (exchange rates, tariff lines), kept per upload for the audit trail.
import type pg from 'pg';
import type { FxUploadRow, ReferenceStore, TariffUploadRow } from '../../app/ports.ts';
import { inTransaction } from './in-transaction.ts';

export class PgReferenceStore implements ReferenceStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  private async upload(kind: string, userId: number, sha256: string, count: number, note: string, insert: (c: pg.PoolClient, id: number) => Promise<void>) {
    return inTransaction(this.pool, async (client) => {
      const r = await client.query(`INSERT INTO reference_uploads (kind, uploaded_by, row_count, sha256, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        kind,
        userId,
        count,
        sha256,
        note,
      ]);
      const id = r.rows[0].id as number;
      await insert(client, id);
      return id;
    });
  }

  recordFxUpload(u: { userId: number; sha256: string; rows: FxUploadRow[]; note: string }): Promise<number> {
    return this.upload('exchange-rates', u.userId, u.sha256, u.rows.length, u.note, async (c, id) => {
      await c.query(
        `INSERT INTO reference_fx_rates (upload_id, week_start, currency, rate)
         SELECT $1, w::date, cur, rate FROM unnest($2::text[], $3::text[], $4::float8[]) AS t(w, cur, rate)
         ON CONFLICT (upload_id, week_start, currency) DO UPDATE SET rate = EXCLUDED.rate`,
        [id, u.rows.map((r) => r.weekStart), u.rows.map((r) => r.currency), u.rows.map((r) => r.rate)],
      );
    });
  }

  recordTariffUpload(u: { userId: number; sha256: string; rows: TariffUploadRow[]; note: string }): Promise<number> {
    return this.upload('tariff', u.userId, u.sha256, u.rows.length, u.note, async (c, id) => {
      await c.query(
        `INSERT INTO reference_tariff_lines (upload_id, effective_from, hs, basic, ko, en)
         SELECT $1, d::date, hs, basic, ko, en FROM unnest($2::text[], $3::text[], $4::float8[], $5::text[], $6::text[]) AS t(d, hs, basic, ko, en)
         ON CONFLICT (upload_id, effective_from, hs) DO UPDATE SET basic = EXCLUDED.basic, ko = EXCLUDED.ko, en = EXCLUDED.en`,
        [id, u.rows.map((r) => r.effectiveFrom), u.rows.map((r) => r.hs), u.rows.map((r) => r.basic), u.rows.map((r) => r.ko), u.rows.map((r) => r.en)],
      );
    });
  }

  async latestUploadId() {
    return Number((await this.pool.query(`SELECT coalesce(max(id), 0) AS id FROM reference_uploads`)).rows[0].id);
  }

  async fxRows() {
    const r = await this.pool.query(
      `SELECT DISTINCT ON (week_start, currency) upload_id, week_start, currency, rate
         FROM reference_fx_rates ORDER BY week_start, currency, upload_id DESC`,
    );
    return r.rows.map((x) => ({ uploadId: x.upload_id, weekStart: x.week_start, currency: x.currency, rate: x.rate }));
  }

  async tariffRows() {
    const r = await this.pool.query(
      `SELECT DISTINCT ON (effective_from, hs) upload_id, effective_from, hs, basic, ko, en
         FROM reference_tariff_lines ORDER BY effective_from, hs, upload_id DESC`,
    );
    return r.rows.map((x) => ({ uploadId: x.upload_id, effectiveFrom: x.effective_from, hs: x.hs, basic: x.basic, ko: x.ko, en: x.en }));
  }

  async uploads(limit: number) {
    const r = await this.pool.query(
      `SELECT u.id, u.kind, u.uploaded_by, s.username, u.uploaded_at, u.row_count, u.sha256
         FROM reference_uploads u JOIN users s ON s.id = u.uploaded_by ORDER BY u.id DESC LIMIT $1`,
      [limit],
    );
    return r.rows.map((x) => ({ id: x.id, kind: x.kind, uploadedBy: x.uploaded_by, uploadedByName: x.username, uploadedAt: x.uploaded_at.toISOString(), rowCount: x.row_count, sha256: x.sha256 }));
  }

  async declarationsDeclaredBetween(from: string, to: string | null) {
    // Per operator, so each count reads the (operator_id, declared_at) index (migration 057) rather than the whole table.
    const r = await this.pool.query(
      `SELECT coalesce(sum(n), 0)::bigint AS n FROM operators o
         CROSS JOIN LATERAL (SELECT count(*) AS n FROM declarations d
                              WHERE d.operator_id = o.id AND d.declared_at >= $1::date AND ($2::date IS NULL OR d.declared_at < $2::date)) c`,
      [from, to],
    );
    return Number(r.rows[0].n);
  }
}
