// The holders' usage alerts of a batch, queued in the intake's transaction (transactional outbox): the rows of
// pccc_change_notices (kind declaration_filed, migrations/114) commit with the declarations they tell of, or not
// at all. Before, they were queued just after the intake's commit, and a process stopped between the two left a
// declaration on record that its holder was never told of, while the "not me" report can stop a release only
// until then.
// One statement per batch, whatever its size: the codes whose holder is registered are found by the insert's
// own join with pccc_holders (the registry, beside this table: both local, docs/citus-plan.json), so a batch of
// codes nobody registered (the benches, most bulk loads) inserts nothing, having looked the codes up by
// pccc_holders' key. One row per channel the holder has then, as queueHolderNotice does (pg-pccc-change-notices.ts):
// SMS always, e-mail when registered, Web Push when an app of the holder subscribed.
import type pg from 'pg';
import type { UsageAlerts } from '../../app/ports.ts';

/**
 * $1–$6 each code's facts (UsageAlertFacts), $7 the subject, $8/$9 the Korean and English templates (format():
 * %1$s platform, %2$s what, %3$s cargo number, %4$s the unverified sentence, $10/$11, or nothing), $12 the url,
 * $13 when. In the codes' order, each code's channels in the order above (the ids say the order they were queued).
 */
const QUEUE_USAGE_ALERTS = `
  INSERT INTO pccc_change_notices (kind, ref, holder_id, pccc, channel, subject, text_ko, text_en, url, next_attempt_at, created_at)
  SELECT 'declaration_filed', u.ref, h.holder_id, h.pccc, ch.channel, $7,
         format($8, u.platform, u.what, u.cargo_no, CASE WHEN u.unverified THEN $10 ELSE '' END),
         format($9, u.platform, u.what, u.cargo_no, CASE WHEN u.unverified THEN $11 ELSE '' END),
         $12, $13, $13
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[]) WITH ORDINALITY AS u (pccc, ref, platform, what, cargo_no, unverified, i)
    JOIN pccc_holders h ON h.pccc = u.pccc
   CROSS JOIN LATERAL (VALUES (1, 'sms', true),
                              (2, 'email', coalesce(h.email, '') <> ''),
                              (3, 'push', EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.holder_id = h.holder_id))) AS ch (k, channel, has)
   WHERE ch.has
   ORDER BY u.i, ch.k
  RETURNING id`;

/** Queues the alerts of the codes whose holder is registered on the intake transaction's client; answers the rows' ids (none: nobody to tell). */
export async function queueUsageAlerts(c: Pick<pg.PoolClient, 'query'>, a: UsageAlerts): Promise<number[]> {
  if (a.codes.length === 0) return [];
  const r = await c.query<{ id: number }>({
    name: 'intake_usage_alerts',
    text: QUEUE_USAGE_ALERTS,
    values: [
      a.codes.map((x) => x.pccc),
      a.codes.map((x) => x.ref),
      a.codes.map((x) => x.platform),
      a.codes.map((x) => x.what),
      a.codes.map((x) => x.cargoNo),
      a.codes.map((x) => x.unverified),
      a.subject,
      a.text.ko,
      a.text.en,
      a.unverified.ko,
      a.unverified.en,
      a.url,
      a.at,
    ],
  });
  return r.rows.map((x) => Number(x.id));
}

/** Takes back alerts this transaction queued (the intake's re-check changed the batch they were made of). */
export async function takeBackUsageAlerts(c: Pick<pg.PoolClient, 'query'>, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await c.query(`DELETE FROM pccc_change_notices WHERE id = ANY($1::bigint[])`, [ids]);
}
