// The queue of stored declarations to decide again with a reference-data correction
// (reference_redecisions, migrations/092). Queued after a start from the declarations' recorded data
// versions, once per superseded version (reference_correction_scans); claimed by a lease committed at once (the decision takes intake's combined-taxation
// locks, as combined-redecision-repository.ts explains); kept when done, as the record that the
// declaration was checked against that correction.
import type pg from 'pg';
import type { ReferenceRedecisionJob, ReferenceRedecisionQueue } from '../../app/ports.ts';
import type { CorrectionRedecisionSummary } from '../../domain/api-views.ts';

// One read of the declarations for all the versions not looked for yet. Not their assessments (out
// of line, ~4 KB compressed each: 3.7 s at 200,000): their data_versions_key (migration 093, a
// digest of the assessment's dataVersions; the same key, the same versions), grouped; one
// declaration of each key gives its dataVersions as (dataset, version) pairs, joined by hash to the
// superseded ones, and a second read of the keys takes the declarations of the keys that matched.
// Withdrawn and refused declarations are no one's to decide again; the rest, cleared included (a
// note for review).
// `again` ($4): the versions looked for before too (declarations stored since with superseded data:
// the demo seed's); rows already queued or checked stay as they are, and the scan adds what it queued.
const ENQUEUE = `
  WITH s AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS s(dataset, version, corrected_by)
     WHERE $4::boolean OR NOT EXISTS (SELECT 1 FROM reference_correction_scans c WHERE (c.dataset, c.version, c.corrected_by) = (s.dataset, s.version, s.corrected_by))
  ), keyed AS (
    SELECT data_versions_key AS key, min(id) AS one FROM declarations WHERE EXISTS (SELECT 1 FROM s) GROUP BY data_versions_key
  ), matched AS (
    SELECT k.key, s.dataset, s.version, s.corrected_by
      FROM keyed k
      JOIN declarations one ON one.id = k.one
      CROSS JOIN LATERAL jsonb_each_text(one.assessment->'dataVersions') AS v(dataset, version)
      JOIN s ON (s.dataset, s.version) = (v.dataset, v.version)
  ), queued AS (
    INSERT INTO reference_redecisions (declaration_id, dataset, version, corrected_by)
    SELECT d.id, m.dataset, m.version, m.corrected_by
      FROM declarations d
      JOIN matched m ON m.key = d.data_versions_key
     WHERE d.clearance_stage NOT IN ('withdrawn', 'rejected')
    ON CONFLICT DO NOTHING
    RETURNING dataset, version, corrected_by
  ), counted AS (
    SELECT s.dataset, s.version, s.corrected_by, (SELECT count(*) FROM queued q WHERE (q.dataset, q.version, q.corrected_by) = (s.dataset, s.version, s.corrected_by))::int AS n FROM s
  ), scanned AS (
    INSERT INTO reference_correction_scans AS c (dataset, version, corrected_by, queued) SELECT dataset, version, corrected_by, n FROM counted
    ON CONFLICT (dataset, version, corrected_by) DO UPDATE SET queued = c.queued + excluded.queued,
      scanned_at = CASE WHEN excluded.queued > 0 THEN now() ELSE c.scanned_at END
  )
  SELECT dataset, version, corrected_by, n FROM counted`;

const CLAIM = `
  WITH due AS (
    SELECT declaration_id, dataset, corrected_by FROM reference_redecisions
     WHERE done_at IS NULL AND (leased_until IS NULL OR leased_until <= $2)
     ORDER BY queued_at, declaration_id
     LIMIT $1
     FOR UPDATE SKIP LOCKED
  )
  UPDATE reference_redecisions q
     SET leased_until = $2::timestamptz + $3 * interval '1 millisecond', attempts = q.attempts + 1
    FROM due WHERE (q.declaration_id, q.dataset, q.corrected_by) = (due.declaration_id, due.dataset, due.corrected_by)
  RETURNING q.declaration_id, q.dataset, q.version, q.corrected_by, q.attempts`;

const KEY = 'declaration_id = $1 AND dataset = $2 AND corrected_by = $3';

export class PgReferenceRedecisionQueue implements ReferenceRedecisionQueue {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async enqueueSuperseded(
    list: readonly { dataset: string; version: string; correctedBy: string }[],
    o: { again?: boolean } = {},
  ): Promise<{ dataset: string; version: string; correctedBy: string; queued: number }[]> {
    if (list.length === 0) return [];
    const r = await this.pool.query(ENQUEUE, [list.map((s) => s.dataset), list.map((s) => s.version), list.map((s) => s.correctedBy), o.again === true]);
    return r.rows.map((x) => ({ dataset: x.dataset as string, version: x.version as string, correctedBy: x.corrected_by as string, queued: x.n as number }));
  }

  async pendingDeclarations(): Promise<number> {
    const r = await this.pool.query(`SELECT count(DISTINCT declaration_id)::int AS n FROM reference_redecisions WHERE done_at IS NULL`);
    return r.rows[0].n as number;
  }

  async summary(): Promise<CorrectionRedecisionSummary[]> {
    const r = await this.pool.query(`
      SELECT s.dataset, s.version, s.corrected_by, s.scanned_at, s.queued,
             count(q.declaration_id) FILTER (WHERE q.done_at IS NULL)::int AS pending,
             count(*) FILTER (WHERE q.outcome = 'reassessed')::int AS reassessed,
             count(*) FILTER (WHERE q.outcome = 'noted')::int AS noted,
             count(*) FILTER (WHERE q.outcome = 'unchanged')::int AS unchanged,
             count(*) FILTER (WHERE q.outcome = 'gone')::int AS gone
        FROM reference_correction_scans s
        LEFT JOIN reference_redecisions q ON (q.dataset, q.version, q.corrected_by) = (s.dataset, s.version, s.corrected_by)
       WHERE s.queued > 0
       GROUP BY s.dataset, s.version, s.corrected_by, s.scanned_at, s.queued
       ORDER BY s.scanned_at DESC, s.dataset, s.version`);
    return r.rows.map((x) => ({
      dataset: x.dataset,
      version: x.version,
      correctedBy: x.corrected_by,
      scannedAt: (x.scanned_at as Date).toISOString(),
      queued: x.queued,
      pending: x.pending,
      reassessed: x.reassessed,
      noted: x.noted,
      unchanged: x.unchanged,
      gone: x.gone,
    }));
  }

  async claim(q: { limit: number; at: Date; leaseMs: number }): Promise<ReferenceRedecisionJob[]> {
    const r = await this.pool.query(CLAIM, [q.limit, q.at, q.leaseMs]);
    return r.rows
      .map((x) => ({ declarationId: Number(x.declaration_id), dataset: x.dataset as string, version: x.version as string, correctedBy: x.corrected_by as string, attempts: x.attempts as number }))
      .sort((a, b) => a.declarationId - b.declarationId);
  }

  async done(job: ReferenceRedecisionJob, outcome: string, at: Date, alsoFor: readonly { dataset: string; version: string; correctedBy: string }[] = []): Promise<void> {
    await this.pool.query(
      `UPDATE reference_redecisions SET done_at = $4, outcome = $5, leased_until = NULL, last_error = NULL
        WHERE declaration_id = $1 AND done_at IS NULL
          AND ((dataset, corrected_by) = ($2, $3)
               OR (dataset, version, corrected_by) IN (SELECT * FROM unnest($6::text[], $7::text[], $8::text[])))`,
      [job.declarationId, job.dataset, job.correctedBy, at, outcome, alsoFor.map((c) => c.dataset), alsoFor.map((c) => c.version), alsoFor.map((c) => c.correctedBy)],
    );
  }

  async failed(job: ReferenceRedecisionJob, error: string, retryAt: Date): Promise<void> {
    await this.pool.query(`UPDATE reference_redecisions SET leased_until = $4, last_error = $5 WHERE ${KEY}`, [job.declarationId, job.dataset, job.correctedBy, retryAt, error.slice(0, 2000)]);
  }
}
