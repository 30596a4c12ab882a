// Refunds of taxes overpaid when a paid declaration is assessed again lower (관세법 제46조 과오납금의
// 환급; src/domain/reassessed-refunds.ts reassessedRefundPlan). Run inside the transaction that changes what
// is paid or owed: a new assessment version (declaration-repository.ts transitionMany), a payment
// recorded (a deposit into an account issued for the taxes before they were assessed again), a
// payment reversed (tax-payment-repository.ts), and a withdrawal or refusal (transitionMany too: the
// declaration owes nothing any more, so all that was paid is refunded; reassessed-refunds.ts EndedStatus). So
// a new version (or the withdrawal) of a paid declaration and its refund due commit together, or
// neither does: nothing to miss after a crash. The declaration's
// payment lock serialises it with payments and reversals (which read the version committed before).
import type pg from 'pg';
import { inTransaction } from './in-transaction.ts';
import { queueRefundDueEvent } from './refund-due-events.ts';
import { owesTaxes } from '../../domain/tax-notice.ts';
import { taxesHeldBy } from '../../domain/taxes-payable.ts';
import { reassessedRefundChargeOf } from '../../domain/receipt-refunds.ts';
import { REASSESSED_LOWER_REASON } from '../../domain/refund-due.ts';
import { endedStatusOf, reassessedCancelCause, reassessedRefundPlan, reassessedRefundTxOf, reassessedSituationOf } from '../../domain/reassessed-refunds.ts';

/** Namespace of the payment/reversal advisory lock (pg_advisory_xact_lock(int, int)) with the declaration id; intake's is 0x5447. */
export const PAYMENT_LOCK_SPACE = 0x5450;

export async function lockPayments(c: pg.PoolClient, declarationId: number): Promise<void> {
  await c.query(`SELECT pg_advisory_xact_lock(${PAYMENT_LOCK_SPACE}, ($1::bigint % 2147483647)::int)`, [declarationId]);
}

/**
 * Brings the declaration's reassessment refund in line with what is paid and owed now. `why` says
 * what changed (for the resolution of a record it replaces); `refundBy` the day a new record
 * promises: always given, so that a situation is recorded whole or not at all (before, a reversal without
 * one resolved the old parts as superseded naming records never made); `reversed`: a payment was reversed
 * (the operator's tax.refund_due_cancelled says so). The caller holds the payment lock (lockPayments).
 */
export async function reconcileReassessedRefund(
  c: pg.PoolClient,
  declarationId: number,
  /**
   * `rekeyOnly` (the start's repair, rekeyKeptReassessedRefunds): only when every open record is kept and nothing is recorded anew,
   * re-keyed (and the parts kept before e457e2e that an administrator resolved since: see `resolvedKept`); else nothing changes.
   */
  o: { at: Date; refundBy: string; why: string; reversed?: boolean; rekeyOnly?: boolean },
): Promise<void> {
  // Every payment of the declaration, reversed ones too (a reversal may leave an open refund to resolve), in the order paid.
  const paid = await c.query(
    `SELECT p.amount_krw, p.provider, p.provider_tx, p.payment_no, p.payer_kind, r.id IS NOT NULL AS reversed
       FROM tax_payments p LEFT JOIN tax_payment_reversals r ON r.payment_id = p.id
      WHERE p.declaration_id = $1 ORDER BY p.id`,
    [declarationId],
  );
  if (paid.rows.length === 0) return; // never paid: no refund of this kind can exist
  const standing = paid.rows.filter((x) => !x.reversed);
  const paidKrw = standing.reduce((sum, x) => sum + Number(x.amount_krw), 0);
  const d = (await c.query(`SELECT version, status, assessment->'taxes' AS taxes FROM declarations WHERE id = $1`, [declarationId])).rows[0];
  if (!d) return;
  const owedKrw = owesTaxes(d.status, d.taxes) ? Number(d.taxes.totalKrw) : 0;
  const records = (
    await c.query(`SELECT id, provider, provider_tx, amount_krw, resolved_at IS NULL AS open, resolved_by, outcome FROM tax_refunds_due WHERE declaration_id = $1 AND reason = $2 ORDER BY id FOR UPDATE`, [
      declarationId,
      REASSESSED_LOWER_REASON,
    ])
  ).rows;
  // A record is drawn from the charge its provider transaction names (reassessed:v…:<charge>), at its provider.
  const chargeOf = (x: { provider: string; provider_tx: string }) => {
    const from = reassessedRefundChargeOf(x.provider_tx);
    return from ? chargeKey(x.provider, from.charge) : undefined;
  };
  const open = records.filter((x) => x.open).map((x) => ({ id: Number(x.id), amountKrw: Number(x.amount_krw), charge: chargeOf(x) }));
  // What was refunded from each charge (refunds recorded as made), and in all (the netting).
  const madeFrom = new Map<string, number>();
  let refundedKrw = 0;
  for (const x of records.filter((r) => r.outcome === 'refunded')) {
    refundedKrw += Number(x.amount_krw);
    const k = chargeOf(x);
    if (k !== undefined) madeFrom.set(k, (madeFrom.get(k) ?? 0) + Number(x.amount_krw));
  }
  const charges = standing.map((x) => ({ charge: chargeKey(x.provider, x.provider_tx), amountKrw: Number(x.amount_krw), refundedKrw: madeFrom.get(chargeKey(x.provider, x.provider_tx)) ?? 0 }));
  const ended = endedStatusOf(d.status);
  // What the plan is based on, so that a new situation is a new record (a reversal at the same version
  // and count of payments, a refund made since) and the same situation found again is the same one.
  const basis = { standingKrw: standing.length < paid.rows.length ? paidKrw : null, refundedKrw };
  const situation = reassessedSituationOf(d.version, paid.rows.length, ended, basis);
  // This situation recorded already (in one record, or in parts): what an administrator resolved of it since stays so.
  const recorded = records.some((x) => isOfSituation(x.provider_tx, situation));
  // The start's repair only (rekeyOnly): a situation not found recorded that recorded nothing when it came
  // (every part it needs kept as it was, before e457e2e: under the key of the situation it was first recorded
  // in) may have had a kept part resolved by an administrator since (not refunded: e.g. kept as credit). That
  // part is of this situation as much as one still open: it is planned with the open ones (after them, the
  // latest first: one open per charge at a time, so the part kept is the latest of its charge and amount) and,
  // matched to a part of the allocation, takes the situation's key too; its resolution stands. Else the
  // situation found again was not found recorded and recorded the part a second time (open, announced).
  // Not on a transition's path: there a part resolved before the situation came was not kept by it.
  const resolvedKept =
    o.rekeyOnly && !recorded
      ? records
          .filter((x) => !x.open && x.resolved_by !== 'system' && x.outcome === 'not_refunded')
          .reverse()
          .map((x) => ({ id: Number(x.id), amountKrw: Number(x.amount_krw), charge: chargeOf(x) }))
      : [];
  let plan = reassessedRefundPlan(paidKrw, owedKrw, [...open, ...resolvedKept], `${o.why} (version ${d.version})`, refundedKrw, charges, recorded, { reversed: o.reversed === true });
  if (o.rekeyOnly) {
    // Only where every open record is kept and nothing is recorded anew; a resolved record not matched stays as it is.
    const openIds = new Set(open.map((x) => x.id));
    if (plan.create.length > 0 || plan.resolve.some((r) => openIds.has(r.id))) return;
    plan = { ...plan, resolve: [] };
  }
  const resolved: number[] = [];
  for (const r of plan.resolve) {
    const u = await c.query(`UPDATE tax_refunds_due SET resolved_at = $2, resolved_by = 'system', resolution = $3, outcome = 'not_refunded' WHERE id = $1 AND resolved_at IS NULL`, [r.id, o.at, r.resolution]);
    if (u.rowCount) resolved.push(r.id);
  }
  // The operator told of a record that no longer stands is told so (refund-due-events.ts), after the
  // records that replace it are inserted (the cancellation names them), before their tax.refund_due.
  // A payment reversed with the other parts kept: payment_reversed, not superseded (nothing replaces it).
  const cause = reassessedCancelCause(plan, { reversed: o.reversed === true, paidKrw });
  // A superseded record names the records that replace it (inserted below) and the parts kept as they are (so does one of a payment reversed).
  const tellCancelled = async () => {
    for (const id of resolved) await queueRefundDueEvent(c, id, o.at, cause, plan.keep);
  };
  // `.parts<n>`: the parts of the whole allocation, those kept as they are included.
  const parts = plan.create.length + plan.keep.length;
  // The records kept (same charge, same amount: same number) now stand for this situation: their provider
  // transaction names it, as the records inserted below do. Else a part kept across a withdrawal still read
  // "assessed again lower, partial cancel" on the officer page (web/src/refund-ended.ts reads the end from
  // it) and a receipt refunded from it lacked 제250조; and a situation that recorded nothing new (all kept)
  // was not found recorded: an administrator's not_refunded of a kept part was recorded again when found again.
  if (plan.keep.length > 0) {
    for (const x of records.filter((r) => plan.keep.includes(Number(r.id)))) {
      const from = reassessedRefundChargeOf(x.provider_tx);
      if (!from || isOfSituation(x.provider_tx, situation)) continue;
      const tx = reassessedRefundTxOf(d.version, paid.rows.length, from.charge, ended, { ...basis, parts });
      await c.query(
        `UPDATE tax_refunds_due SET provider_tx = $2 WHERE id = $1 AND (resolved_at IS NULL OR $3)
            AND NOT EXISTS (SELECT 1 FROM tax_refunds_due o WHERE o.provider = tax_refunds_due.provider AND o.provider_tx = $2)`,
        [x.id, tx, o.rekeyOnly === true],
      );
    }
  }
  if (plan.create.length === 0) return tellCancelled();
  // One record per charge it is drawn from (reassessed-refunds.ts allocateRefund: the latest charge first, each
  // at most what is left of it): a partial cancel at the provider never refunds more than the charge.
  const inserted: number[] = [];
  for (const part of plan.create) {
    const from = standing.find((x) => chargeKey(x.provider, x.provider_tx) === part.charge)!;
    const r = await c.query(
      `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        from.provider,
        reassessedRefundTxOf(d.version, paid.rows.length, from.provider_tx, ended, { ...basis, parts }),
        declarationId,
        from.payment_no,
        part.amountKrw,
        from.payer_kind,
        REASSESSED_LOWER_REASON,
        o.refundBy,
        o.at,
      ],
    );
    if (r.rows[0]) inserted.push(Number(r.rows[0].id));
  }
  await tellCancelled();
  // An operator that paid is told of each record (refund-due-events.ts); the same situation found again inserts nothing, tells nothing.
  for (const id of inserted) await queueRefundDueEvent(c, id, o.at);
}

/** Whether a record's provider transaction is of this situation (reassessedSituationOf): in one record, or one of its parts. */
const isOfSituation = (providerTx: string, situation: string) => providerTx.startsWith(`${situation}:`) || providerTx.startsWith(`${situation}.parts`);

/** A charge as the reconciliation names it: its provider and transaction. */
const chargeKey = (provider: string, tx: string) => `${provider}\u0000${tx}`;

/**
 * What was already returned of the declaration's payments: its reassessment refunds an administrator
 * recorded as made (outcome refunded, migrations/100; not any resolution by a person: one recorded not
 * refunded, e.g. not due or kept as credit, returned nothing, and the system resolves one only as
 * superseded or no longer due). The only refunds due that return money the payments count:
 * duplicate_charge_not_voided, charge_outcome_unknown and deposit_after_paid refund a charge or deposit
 * that was never recorded as a payment (the database kept another), so netting them would take the
 * same money off twice.
 */
export async function reassessedRefundedKrw(c: pg.PoolClient, declarationId: number): Promise<number> {
  const r = await c.query(
    `SELECT coalesce(sum(amount_krw), 0)::bigint AS made FROM tax_refunds_due
      WHERE declaration_id = $1 AND reason = $2 AND outcome = 'refunded'`,
    [declarationId, REASSESSED_LOWER_REASON],
  );
  return Number(r.rows[0].made);
}

/**
 * Why an account waiting for a deposit is closed when its declaration owes nothing more, or nothing is payable on
 * it now (tax_account_closures.reason): held_not_payable the engine's hold, held_on_not_me the consignee's "not me" report.
 */
export type NothingOwedReason = 'declaration_withdrawn' | 'declaration_rejected' | 'nothing_owed' | 'held_not_payable' | 'held_on_not_me';

/**
 * Closes the declaration's virtual accounts still waiting for a deposit once nothing is left to pay on
 * it (withdrawn, refused, or assessed again so that the payments standing cover the taxes, or none are
 * collected), or nothing is payable on it now (taxesHeldBy, taxes-payable.ts, the rule of the notice's payable: assessed again
 * into the engine's hold, or held on the consignee's "not me" report): in the transition's transaction, under the payment lock (lockPayments), the row marked
 * canceled and its close at the provider queued due now (tax_account_closures, sent by the closure
 * worker, src/app/close-virtual-accounts.ts): the bank then refuses a transfer into it. A deposit that
 * reaches it before the provider's close is recorded by the deposit path as a payment that owes nothing,
 * hence a refund due (reconcileReassessedRefund), or, while nothing is payable, as a deposit to return (a refund
 * due of reason deposit_while_held, no payment: tax-payment-repository.ts insert); the payer is told so. How many were closed.
 */
export async function closeAccountsNothingOwed(c: pg.PoolClient, declarationId: number, at: Date): Promise<number> {
  const d = (await c.query(`SELECT status, route, hold_reason, assessment->'taxes' AS taxes FROM declarations WHERE id = $1`, [declarationId])).rows[0];
  if (!d) return 0;
  // Held so that nothing is payable (the engine's hold until it is resolved, 관세법 제9조; a "not me" report until
  // customs has checked whose goods these are, 제19조①1), whatever is owed: the rule of the notice (taxes-payable.ts).
  const heldBy = taxesHeldBy({ status: d.status, route: d.route, holdReason: d.hold_reason });
  const owedKrw = owesTaxes(d.status, d.taxes) ? Number(d.taxes.totalKrw) : 0;
  const standing = await c.query(
    `SELECT coalesce(sum(p.amount_krw), 0)::bigint AS paid FROM tax_payments p WHERE p.declaration_id = $1 AND NOT EXISTS (SELECT 1 FROM tax_payment_reversals r WHERE r.payment_id = p.id)`,
    [declarationId],
  );
  // What is paid counts net of the refunds already made (as the reconciliation and the notice count it):
  // paid 136,530, 49,950 refunded, assessed again at 136,530: 49,950 is still to pay, the account stays.
  if (heldBy === null && owedKrw > Number(standing.rows[0].paid) - (await reassessedRefundedKrw(c, declarationId))) return 0; // still something to pay: the account stays (a corrected amount is closed when next asked for)
  const ended = endedStatusOf(d.status);
  const reason: NothingOwedReason =
    ended === 'withdrawn' ? 'declaration_withdrawn' : ended === 'rejected' ? 'declaration_rejected' : heldBy === 'not_me' ? 'held_on_not_me' : heldBy === 'engine' ? 'held_not_payable' : 'nothing_owed';
  // As closeWithFollowUp (virtual-account-repository.ts), but due at once: no caller sends the cancel itself.
  const r = await c.query(
    `WITH closed AS (
       UPDATE tax_virtual_accounts SET status = 'canceled', closed_at = $2 WHERE declaration_id = $1 AND status = 'waiting' RETURNING id, declaration_id
     )
     INSERT INTO tax_account_closures (account_id, declaration_id, reason, next_attempt_at, created_at)
     SELECT id, declaration_id, $3, $2, $2 FROM closed
     ON CONFLICT (account_id) DO UPDATE SET reason = EXCLUDED.reason, status = 'pending', attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at, last_error = NULL, last_provider_error = NULL, done_at = NULL
     RETURNING id, account_id`,
    [declarationId, at, reason],
  );
  // Closed because the parcel is held (not payable now): written to the platform's audit log too, in this transaction,
  // so that the administrators reading it (GET /api/v1/admin/audit) see the account closed with the hold, whatever the
  // closes' list (only those given up) shows. The others (withdrawn, refused, nothing owed) follow the declaration's own record.
  if (heldBy !== null && ended === null && r.rows.length > 0) await auditHeldClosures(c, r.rows, reason, at);
  return r.rowCount ?? 0;
}

/** The audit action of an account closed with the parcel's hold (domain/audit-actions.ts names it). */
export const HELD_CLOSURE_AUDIT_ACTION = 'account-closure.held';

/** One audit_log entry per account closed with the hold (closures `rows`: their id and account), on `c`, by the system. */
async function auditHeldClosures(c: pg.PoolClient, rows: readonly { id: unknown; account_id: unknown }[], reason: NothingOwedReason, at: Date): Promise<void> {
  const accounts = await c.query(
    `SELECT a.id, a.declaration_id, a.payment_no, a.order_id, a.amount_krw, d.cargo_no FROM tax_virtual_accounts a JOIN declarations d ON d.id = a.declaration_id WHERE a.id = ANY($1::bigint[])`,
    [rows.map((x) => x.account_id)],
  );
  const byId = new Map(accounts.rows.map((a) => [String(a.id), a]));
  for (const x of rows) {
    const a = byId.get(String(x.account_id));
    if (!a) continue;
    const detail = { reason, declarationId: Number(a.declaration_id), cargoNo: a.cargo_no, paymentNo: a.payment_no, orderId: a.order_id, amountKrw: Number(a.amount_krw), closedAt: at.toISOString() };
    await c.query(`INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail) VALUES ('system', NULL, $1, $2, $3)`, [HELD_CLOSURE_AUDIT_ACTION, `account-closure:${x.id}`, JSON.stringify(detail)]);
  }
}

/** Whether the one-time task `name` (one_time_tasks, migration 099) ran on this database. */
async function oneTimeTaskDone(pool: pg.Pool, name: string): Promise<boolean> {
  return ((await pool.query(`SELECT 1 FROM one_time_tasks WHERE name = $1`, [name])).rowCount ?? 0) > 0;
}

/** Records that the one-time task `name` ran, with what it did: later starts skip it. */
async function recordOneTimeTask(pool: pg.Pool, name: string, detail: Record<string, unknown>): Promise<void> {
  await pool.query(`INSERT INTO one_time_tasks (name, detail) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, detail]);
}

/** The backfill's row in one_time_tasks (migration 099). */
export const BACKFILL_TASK = 'reassessed-refunds-backfill';

/**
 * Run at start: the refunds due of overpayments made before they were recorded (migration 095, and
 * withdrawals and refusals before ec8df9d). A paid declaration assessed again lower then, or withdrawn
 * or refused, has payments standing above what it owes now and no reassessed_lower record at all: each
 * is reconciled as a transition would have (reconcileReassessedRefund, under its payment lock, one
 * transaction each): one open refund due of paid − owed, reason reassessed_lower, promised by `refundBy`
 * of today (data/payments.json, the holiday calendar: hence here, not in a SQL migration, which cannot
 * read them). What is paid is net of the refunds already made (reassessedRefundedKrw), as in the
 * transitions. A declaration with such records was reconciled since, in its own transactions, and is
 * left alone, but for one with a refund made and one open: before the refunds made were netted, a later
 * correction, withdrawal or refusal recorded paid − owed in full again, so its open record may count
 * money already returned; it is reconciled again (superseded by the net amount, or no longer due), one
 * whose amount is right kept. Idempotent: once recorded, a declaration is no longer a candidate, or is
 * found as it is; a second start records nothing.
 */
export async function backfillReassessedRefunds(pool: pg.Pool, o: { at: Date; refundBy: (at: Date) => string }): Promise<{ recorded: number }> {
  // Once per database (migration 099): since 095 and 0c1e337 every transition records and nets these
  // itself, so a later start has nothing to find and need not scan the payments again.
  if (await oneTimeTaskDone(pool, BACKFILL_TASK)) return { recorded: 0 };
  const candidates = await pool.query(
    `WITH made AS (
       SELECT declaration_id, sum(amount_krw) AS refunded FROM tax_refunds_due
        WHERE reason = $1 AND outcome = 'refunded' GROUP BY declaration_id
     )
     SELECT d.id
       FROM declarations d
       JOIN (SELECT p.declaration_id, sum(p.amount_krw) AS paid
               FROM tax_payments p
              WHERE NOT EXISTS (SELECT 1 FROM tax_payment_reversals r WHERE r.payment_id = p.id)
              GROUP BY p.declaration_id) s ON s.declaration_id = d.id
       LEFT JOIN made m ON m.declaration_id = d.id
      WHERE (s.paid - coalesce(m.refunded, 0) > CASE
              WHEN d.status IN ('withdrawn', 'rejected') OR d.assessment->'taxes' IS NULL OR jsonb_typeof(d.assessment->'taxes') <> 'object'
                   OR NOT coalesce((d.assessment->'taxes'->>'collected')::boolean, false) THEN 0
              ELSE greatest(coalesce((d.assessment->'taxes'->>'totalKrw')::bigint, 0), 0) END
             AND NOT EXISTS (SELECT 1 FROM tax_refunds_due f WHERE f.declaration_id = d.id AND f.reason = $1))
         OR (m.refunded IS NOT NULL AND EXISTS (SELECT 1 FROM tax_refunds_due f WHERE f.declaration_id = d.id AND f.reason = $1 AND f.resolved_at IS NULL))
      ORDER BY d.id`,
    [REASSESSED_LOWER_REASON],
  );
  let recorded = 0;
  for (const row of candidates.rows) {
    const id = Number(row.id);
    const created = await inTransaction(pool, async (c) => {
      await lockPayments(c, id);
      // Read again under the lock: a transition or payment that committed meanwhile reconciled it already.
      const records = await c.query(`SELECT id, resolved_at IS NULL AS open, outcome FROM tax_refunds_due WHERE declaration_id = $1 AND reason = $2`, [id, REASSESSED_LOWER_REASON]);
      const openBefore = records.rows.filter((x) => x.open).map((x) => String(x.id));
      const made = records.rows.some((x) => x.outcome === 'refunded');
      if (records.rows.length > 0 && !(openBefore.length > 0 && made)) return false;
      await reconcileReassessedRefund(c, id, { at: o.at, refundBy: o.refundBy(o.at), why: openBefore.length > 0 ? 'reconciled at start: refunds already made were not netted before' : 'recorded at start for an overpayment made before refunds due of reassessments were recorded (migration 095)' });
      // Recorded: an open record (or part) that was not open before.
      const openAfter = (await c.query(`SELECT id FROM tax_refunds_due WHERE declaration_id = $1 AND reason = $2 AND resolved_at IS NULL`, [id, REASSESSED_LOWER_REASON])).rows;
      return openAfter.some((x) => !openBefore.includes(String(x.id)));
    });
    if (created) recorded++;
  }
  await recordOneTimeTask(pool, BACKFILL_TASK, { recorded, candidates: candidates.rowCount });
  return { recorded };
}

/** The one-time task (one_time_tasks, migration 099) that splits the records made before refunds were split (db365d6). */
export const SPLIT_TASK = 'reassessed-refunds-split';

/**
 * Run at start, once per database: the open reassessment refunds recorded before they were split over the
 * charges that paid them (db365d6) that ask more than their charge (a provider never refunds more than it):
 * paid 86,580 by card and 49,950 by transfer, withdrawn: one record of 136,530 against the 86,580 card
 * charge. Until its declaration was next reconciled such a record stayed as it is; each such declaration
 * is reconciled now (reconcileReassessedRefund, under its payment lock, one transaction each), which
 * supersedes it by the parts (49,950 to the transfer, 86,580 to the card), so the operator that paid gets
 * its webhooks (tax.refund_due_cancelled with the parts, tax.refund_due each) and a consumer payer one
 * alert naming them. Compared with what is left of the charge (its amount less the refunds recorded as made
 * from it, as the reconciliation's leftOfCharge): paid 136,530 by card, 49,950 refunded from it, a record of
 * 136,530 against it asks 49,950 more than the 86,580 left. Idempotent: a record split is no longer a candidate.
 */
export async function splitOversizedReassessedRefunds(pool: pg.Pool, o: { at: Date; refundBy: (at: Date) => string }): Promise<{ reconciled: number }> {
  if (await oneTimeTaskDone(pool, SPLIT_TASK)) return { reconciled: 0 };
  // What is left of the charge: its amount less the reassessment refunds recorded as made from it (reassessed-refunds.ts leftOfCharge).
  const oversized = `SELECT f.id, f.declaration_id, f.amount_krw, p.amount_krw
                       FROM tax_refunds_due f
                       JOIN tax_payments p ON p.declaration_id = f.declaration_id AND p.provider = f.provider AND p.provider_tx = regexp_replace(f.provider_tx, '^reassessed:[^:]*:', '')
                      WHERE f.reason = 'reassessed_lower' AND f.resolved_at IS NULL
                        AND f.amount_krw > p.amount_krw - coalesce((SELECT sum(m.amount_krw) FROM tax_refunds_due m
                                                                     WHERE m.declaration_id = f.declaration_id AND m.reason = 'reassessed_lower' AND m.outcome = 'refunded'
                                                                       AND m.provider = p.provider AND regexp_replace(m.provider_tx, '^reassessed:[^:]*:', '') = p.provider_tx), 0)`;
  const candidates = await pool.query(`SELECT DISTINCT declaration_id FROM (${oversized}) x ORDER BY declaration_id`);
  let reconciled = 0;
  for (const row of candidates.rows) {
    const id = Number(row.declaration_id);
    const done = await inTransaction(pool, async (c) => {
      await lockPayments(c, id);
      // Read again under the lock: a transition or payment that committed meanwhile reconciled it already.
      if (!(await c.query(`SELECT 1 FROM (${oversized}) x WHERE declaration_id = $1`, [id])).rowCount) return false;
      await reconcileReassessedRefund(c, id, { at: o.at, refundBy: o.refundBy(o.at), why: 'reconciled at start: a refund recorded before refunds were split over the charges asked more than its charge' });
      return true;
    });
    if (done) reconciled++;
  }
  await recordOneTimeTask(pool, SPLIT_TASK, { reconciled, candidates: candidates.rowCount });
  return { reconciled };
}

/** The one-time task (one_time_tasks, migration 099) that re-keys the parts kept before e457e2e. */
export const REKEY_TASK = 'reassessed-refunds-rekey-kept';

/**
 * Run at start, once per database: the open reassessment refunds kept as they are by a later situation
 * before e457e2e (a part of the same charge and amount keeps its number) still name the situation they
 * were first recorded in (their provider transaction): the officer page labels them by it (a part kept
 * across a withdrawal read "assessed again lower, partial cancel", and a receipt refunded from it lacked
 * 제250조), and that situation found again was not found recorded. Each declaration with an open one is
 * reconciled as a transition now would (reconcileReassessedRefund, under its payment lock, one transaction
 * each) only where that keeps every open record and records nothing (`rekeyOnly`): the kept records take the
 * situation's provider transaction; charge, amount, number and refundBy unchanged; nobody is told anything.
 * A kept part an administrator resolved (not refunded) before this start is re-keyed too, its resolution
 * unchanged: else the same situation found again recorded it a second time. A declaration whose records no
 * longer hold its overpayment is left to its next transition. Idempotent: a record re-keyed is of its
 * situation (found recorded, nothing more is planned); the task's row makes a later start skip the scan.
 */
export async function rekeyKeptReassessedRefunds(pool: pg.Pool, o: { at: Date; refundBy: (at: Date) => string }): Promise<{ rekeyed: number }> {
  if (await oneTimeTaskDone(pool, REKEY_TASK)) return { rekeyed: 0 };
  // With an open record, or one an administrator resolved not refunded (it may be a part kept before e457e2e: reconcileReassessedRefund's resolvedKept).
  const candidates = await pool.query(
    `SELECT DISTINCT declaration_id FROM tax_refunds_due
      WHERE reason = $1 AND (resolved_at IS NULL OR (resolved_by <> 'system' AND outcome = 'not_refunded')) ORDER BY declaration_id`,
    [REASSESSED_LOWER_REASON],
  );
  let rekeyed = 0;
  for (const row of candidates.rows) {
    const id = Number(row.declaration_id);
    rekeyed += await inTransaction(pool, async (c) => {
      await lockPayments(c, id);
      const keys = async () => (await c.query(`SELECT id, provider_tx FROM tax_refunds_due WHERE declaration_id = $1 AND reason = $2 ORDER BY id`, [id, REASSESSED_LOWER_REASON])).rows;
      const before = await keys();
      await reconcileReassessedRefund(c, id, { at: o.at, refundBy: o.refundBy(o.at), why: 'reconciled at start: parts kept before e457e2e re-keyed', rekeyOnly: true });
      const after = await keys();
      return after.filter((x) => before.find((b) => b.id === x.id)?.provider_tx !== x.provider_tx).length;
    });
  }
  await recordOneTimeTask(pool, REKEY_TASK, { rekeyed, candidates: candidates.rowCount });
  return { rekeyed };
}
