// Events a timeline lists out of time order: each one dated before the event recorded ahead of it
// (the timeline lists events by seq), as `<cargo no> #<seq> <type> <at> < <type before> <at before>`.
import type pg from 'pg';

export async function eventsOutOfOrder(pool: pg.Pool): Promise<string[]> {
  const r = await pool.query(
    `SELECT d.cargo_no, e.seq, e.type, e.occurred_at, lag(e.occurred_at) OVER w AS before, lag(e.type) OVER w AS before_type
       FROM declaration_events e JOIN declarations d ON d.id = e.declaration_id
     WINDOW w AS (PARTITION BY e.declaration_id ORDER BY e.seq)`,
  );
  return r.rows
    .filter((x) => x.before && (x.occurred_at as Date).getTime() < (x.before as Date).getTime())
    .map((x) => `${x.cargo_no} #${x.seq} ${x.type} ${(x.occurred_at as Date).toISOString()} < ${x.before_type} ${(x.before as Date).toISOString()}`);
}
