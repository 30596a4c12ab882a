// Our PCCC registry, standing in for the national one (KCS): issue, check (API028: name +
// mobile + postcode), renew within the window around expiry, suspend/resume, reissue (the old
// code dies at once), cancel, up to 20 delivery postcodes, a yearly reissue limit from data.
// Every change is written with an event in pccc_registry_events in the same transaction, and with the
// holder's notice of it when asked (`tell`: pccc_change_notices, pg-pccc-change-notices.ts, migrations/112).
import type pg from 'pg';
import { checkPccc } from '../../app/check-pccc.ts';
import { fail, ok, type Result } from '../../app/errors.ts';
import type { PcccRegistry, RegistryActor, RegistryEvent, RegistryHolder } from '../../app/ports/identity-ports.ts';
import type { Clock } from '../../app/ports.ts';
import { koreanDateOf } from '../../domain/dates.ts';
import { expiryOf, formatPccc, hasLapsed, normalizePostcodes, reissuesLeft, renewal, type IdentityRules, type PcccChange, type PcccChangeBy } from '../../domain/pccc-registry.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { sameSecret } from '../crypto/node-secrets.ts';
import { queuePcccChangeNotice, queuePcccChangeNoticeTo } from './pg-pccc-change-notices.ts';
import { maskEmail, maskPhone } from '../../domain/contact-masks.ts';
import type { ContactField } from '../../domain/holder-contact.ts';
// Every kind written is one the holder's security activity has words for (security-activity.ts).
import type { RegistryEventKind } from '../../domain/security-activity.ts';

const COLUMNS = `pccc, holder_id, name, phone, postcodes, status, issued_on, expires_on, email, name_en, replaced_by, status_reason`;

/**
 * A reissue, a suspend and a cancel end the holder's live consumer sessions: on any code the holder has had
 * ($1, text[]), but the one kept ($3, its token hash; '' for none); $2 now. By the index sessions_consumer_pccc (migrations/109).
 */
export const END_CONSUMER_SESSIONS = `UPDATE sessions SET revoked_at = $2 WHERE kind = 'consumer' AND pccc = ANY($1::text[]) AND revoked_at IS NULL AND expires_at > $2 AND token_hash <> $3`;
/** The holder's own reissue moves the session that made it ($3, its token hash), on any of the holder's codes ($1), to the new code ($2); $4 now. By the primary key. */
export const MOVE_KEPT_SESSION = `UPDATE sessions SET pccc = $2 WHERE token_hash = $3 AND kind = 'consumer' AND pccc = ANY($1::text[]) AND revoked_at IS NULL AND expires_at > $4`;

/** A consumer's resume or reissue of a code an officer suspended. */
const SUSPENDED_BY_OFFICER = fail<never>('PCCC_NOT_ACTIVE', { suspendedBy: 'officer' }, { ko: '세관이 직권으로 정지한 부호입니다. 해제는 세관에 요청하세요.', en: 'Customs suspended this code ex officio: ask customs to lift it.' });

/**
 * Only customs lifts an officer's suspension (직권 사용정지), by resuming the code: the holder signs in to see
 * why and asks customs. The rule: the latest suspend of the code was an officer's. Resume and reissue refuse a
 * consumer by it; the holder's own view of the code (suspendedBy) says it by it.
 */
async function suspendedByOfficer(q: pg.Pool | pg.PoolClient, h: RegistryHolder): Promise<boolean> {
  if (h.status !== 'suspended') return false;
  const by = await q.query<{ actor_kind: string }>(`SELECT actor_kind FROM pccc_registry_events WHERE holder_id = $1 AND pccc = $2 AND action = 'suspend' ORDER BY id DESC LIMIT 1`, [h.holderId, h.pccc]);
  return by.rows[0]?.actor_kind === 'officer';
}

function dateText(v: unknown): string {
  if (v instanceof Date) {
    // DATE columns arrive as local midnight; take the calendar date back.
    const y = v.getFullYear();
    return `${y}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  }
  return String(v);
}

function holderOf(r: Record<string, unknown>): RegistryHolder {
  return {
    pccc: r.pccc as string,
    holderId: r.holder_id as string,
    name: r.name as string,
    phone: r.phone as string,
    postcodes: r.postcodes as string[],
    status: r.status as RegistryHolder['status'],
    issuedOn: dateText(r.issued_on),
    expiresOn: dateText(r.expires_on),
    email: (r.email as string | null) ?? null,
    nameEn: (r.name_en as string | null) ?? null,
    replacedBy: (r.replaced_by as string | null) ?? null,
    statusReason: (r.status_reason as string | null) ?? null,
  };
}

export class PgPcccRegistry implements PcccRegistry {
  private readonly pool: pg.Pool;
  private readonly clock: Clock;
  private readonly ruleSet: IdentityRules;
  constructor(pool: pg.Pool, clock: Clock, rules: IdentityRules) {
    this.pool = pool;
    this.clock = clock;
    this.ruleSet = rules;
  }

  rules(): IdentityRules {
    return this.ruleSet;
  }

  /** Today in Korea. */
  private today(): string {
    return koreanDateOf(this.clock.now().toISOString());
  }

  private tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, fn);
  }

  /** Answers the event's id. */
  private async event(c: pg.PoolClient, h: { holderId: string; pccc: string }, action: RegistryEventKind, actor: RegistryActor, detail?: unknown): Promise<number> {
    const r = await c.query(`INSERT INTO pccc_registry_events (at, holder_id, pccc, action, actor_kind, actor_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, [
      this.clock.now(),
      h.holderId,
      h.pccc,
      action,
      actor.kind,
      actor.id,
      detail === undefined ? null : JSON.stringify(detail),
    ]);
    return Number(r.rows[0].id);
  }

  /**
   * The holder's notice of the change (event `eventId`), queued in its transaction: told of `after`, the code
   * as the change left it (the new one after a reissue).
   */
  private async tell(c: pg.PoolClient, eventId: number, after: RegistryHolder, action: 'suspend' | 'resume' | 'reissue' | 'renew' | 'cancel', by: PcccChangeBy): Promise<void> {
    const change: PcccChange =
      action === 'renew' ? { action, by: 'holder', pccc: after.pccc, expiresOn: after.expiresOn } : action === 'cancel' ? { action, by: 'officer', pccc: after.pccc } : { action, by, pccc: after.pccc };
    await queuePcccChangeNotice(c, { eventId, holder: after, change, at: this.clock.now() });
  }

  private async locked(c: pg.PoolClient, pccc: string): Promise<RegistryHolder | null> {
    const r = await c.query(`SELECT ${COLUMNS} FROM pccc_holders WHERE pccc = $1 FOR UPDATE`, [pccc.trim().toUpperCase()]);
    return r.rows[0] ? holderOf(r.rows[0]) : null;
  }

  /**
   * Ends the holder's live consumer sessions, on every code the holder has had (a session left on an earlier
   * code reads the holder's parcels too: the principal carries all their codes), but `keep` (a token hash);
   * answers how many it ended.
   */
  private async endSessions(c: pg.PoolClient, holderId: string, keep?: string): Promise<number> {
    const codes = (await c.query<{ pccc: string }>(`SELECT pccc FROM pccc_holders WHERE holder_id = $1`, [holderId])).rows.map((r) => r.pccc);
    return (await c.query(END_CONSUMER_SESSIONS, [codes, this.clock.now(), keep ?? ''])).rowCount ?? 0;
  }

  /**
   * Who suspended the code, by the rule resume and reissue refuse a consumer by (suspendedByOfficer): before,
   * any session of the holder (one signed in after a SIM swap too) lifted an officer's suspension from
   * /me/security, or reissued the code to get round it.
   */
  async suspendedBy(h: RegistryHolder): Promise<'holder' | 'officer' | null> {
    if (h.status !== 'suspended') return null;
    return (await suspendedByOfficer(this.pool, h)) ? 'officer' : 'holder';
  }

  private async newCode(c: pg.PoolClient): Promise<string> {
    const year = Number(this.today().slice(0, 4));
    for (;;) {
      const serial = Number((await c.query(`SELECT nextval('pccc_serial_seq') AS n`)).rows[0].n);
      const pccc = formatPccc(year, serial);
      const taken = await c.query(`SELECT 1 FROM pccc_holders WHERE pccc = $1`, [pccc]);
      if (taken.rowCount === 0) return pccc;
    }
  }

  async issue(input: { name: string; phone: string; postcodes: string[]; email?: string | null; nameEn?: string | null }, actor: RegistryActor): Promise<Result<RegistryHolder>> {
    const postcodes = normalizePostcodes(input.postcodes);
    const phone = input.phone.replace(/\D/g, '');
    if (!input.name.trim() || !/^01\d{8,9}$/.test(phone) || postcodes.length === 0) return fail('PCCC_ISSUE_INVALID');
    if (postcodes.length > this.ruleSet.registry.maxPostcodes.value) return fail('TOO_MANY_POSTCODES');
    return this.tx(async (c) => {
      const pccc = await this.newCode(c);
      const holderId = `h_${pccc}`;
      const today = this.today();
      const r = await c.query(
        `INSERT INTO pccc_holders (pccc, holder_id, name, phone, postcodes, status, issued_on, expires_on, email, name_en)
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [pccc, holderId, input.name.trim(), phone, postcodes, today, expiryOf(today, this.ruleSet), input.email ?? null, input.nameEn ?? null],
      );
      await this.event(c, { holderId, pccc }, 'issue', actor, { postcodes: postcodes.length });
      return ok(holderOf(r.rows[0]));
    });
  }

  async find(pccc: string): Promise<RegistryHolder | null> {
    const r = await this.pool.query(`SELECT ${COLUMNS} FROM pccc_holders WHERE pccc = $1`, [pccc.trim().toUpperCase()]);
    return r.rows[0] ? this.asOfToday(holderOf(r.rows[0])) : null;
  }

  async findMany(pcccs: readonly string[]): Promise<Map<string, RegistryHolder>> {
    const out = new Map<string, RegistryHolder>();
    if (pcccs.length === 0) return out;
    const r = await this.pool.query({ name: 'pccc_find_many', text: `SELECT ${COLUMNS} FROM pccc_holders WHERE pccc = ANY($1::text[])`, values: [[...new Set(pcccs.map((p) => p.trim().toUpperCase()))]] });
    for (const row of r.rows) out.set(row.pccc, this.asOfToday(holderOf(row)));
    return out;
  }

  /** A code not renewed within the window after expiry is cancelled (read as such until written). */
  private asOfToday(h: RegistryHolder): RegistryHolder {
    return h.status === 'active' && hasLapsed(h.expiresOn, this.today(), this.ruleSet) ? { ...h, status: 'cancelled', statusReason: 'lapsed' } : h;
  }

  async codesOf(holderId: string): Promise<RegistryHolder[]> {
    const r = await this.pool.query(
      `SELECT ${COLUMNS} FROM pccc_holders WHERE holder_id = $1 ORDER BY (status IN ('active', 'suspended')) DESC, issued_on DESC, pccc DESC`,
      [holderId],
    );
    return r.rows.map(holderOf);
  }

  async holderCodes(pccc: string): Promise<string[]> {
    const r = await this.pool.query<{ pccc: string }>({
      name: 'pccc_holder_codes',
      text: `SELECT pccc FROM pccc_holders WHERE holder_id = (SELECT holder_id FROM pccc_holders WHERE pccc = $1) ORDER BY issued_on DESC, pccc DESC`,
      values: [pccc.trim().toUpperCase()],
    });
    return r.rows.map((x) => x.pccc);
  }

  async check(q: { pccc: string; name: string; phone: string; postcode?: string | null }) {
    let found: RegistryHolder | null = null;
    const r = await checkPccc(
      {
        consumers: {
          findHolder: async (p: string) => (found = await this.find(p)),
        } as never,
        secrets: { sameSecret },
      },
      { ...q, today: this.today() },
    );
    return { matched: r.matched, mismatches: r.mismatches, holder: found };
  }

  private async change(
    pccc: string,
    actor: RegistryActor,
    action: RegistryEventKind,
    decide: (h: RegistryHolder, c: pg.PoolClient) => Result<{ set: string; params: unknown[]; detail?: unknown }> | Promise<Result<{ set: string; params: unknown[]; detail?: unknown }>>,
    /** More to write in the change's transaction, after it: `h` before the change, `done` its event and the holder after it. */
    alongside?: (c: pg.PoolClient, h: RegistryHolder, done: { eventId: number; after: RegistryHolder }) => Promise<unknown>,
    /** The holder is told of the change, by the holder or an officer (a notice queued in its transaction). */
    tell?: PcccChangeBy,
  ): Promise<Result<RegistryHolder>> {
    return this.tx(async (c) => {
      const h = await this.locked(c, pccc);
      if (!h) return fail('PCCC_NOT_FOUND');
      const d = await decide(h, c);
      if (!d.ok) return d;
      const r = await c.query(`UPDATE pccc_holders SET ${d.value.set}, updated_at = now() WHERE pccc = $1 RETURNING ${COLUMNS}`, [h.pccc, ...d.value.params]);
      const eventId = await this.event(c, h, action, actor, d.value.detail);
      const after = holderOf(r.rows[0]);
      if (alongside) await alongside(c, h, { eventId, after });
      if (tell && (action === 'suspend' || action === 'resume' || action === 'reissue' || action === 'renew' || action === 'cancel')) await this.tell(c, eventId, after, action, tell);
      return ok(after);
    });
  }

  renew(pccc: string, actor: RegistryActor, o: { tell?: 'holder' } = {}): Promise<Result<RegistryHolder>> {
    return this.change(
      pccc,
      actor,
      'renew',
      (h) => {
        const r = renewal(h, this.today(), this.ruleSet);
        if (!r.ok) return fail('RENEWAL_NOT_ALLOWED', { why: r.why, expiresOn: h.expiresOn });
        return ok({ set: `expires_on = $2, renewed_on = $3`, params: [r.expiresOn, this.today()], detail: { from: h.expiresOn, to: r.expiresOn } });
      },
      undefined,
      o.tell,
    );
  }

  suspend(pccc: string, reason: string, actor: RegistryActor, o: { keepSession?: string | undefined; ended?: (sessions: number) => void; tell?: PcccChangeBy } = {}): Promise<Result<RegistryHolder>> {
    return this.change(
      pccc,
      actor,
      'suspend',
      (h) => (h.status !== 'active' ? fail('PCCC_NOT_ACTIVE') : ok({ set: `status = 'suspended', status_reason = $2`, params: [reason], detail: { reason } })),
      // A suspended code approves no order and fails the code check; the sessions on it end with the suspend,
      // in its transaction (before, they went on reading and acting as the code). The holder's own suspend (from
      // /me/security, fearing misuse) keeps the session that made it: "sign out other devices". An officer's
      // ends them all. A suspended code still signs its holder in (verify-consumer.ts), to see why and resume it
      // (or, suspended by an officer, to ask customs to).
      async (c, h) => {
        const ended = await this.endSessions(c, h.holderId, o.keepSession);
        o.ended?.(ended);
      },
      o.tell,
    );
  }

  resume(pccc: string, actor: RegistryActor, o: { tell?: PcccChangeBy } = {}): Promise<Result<RegistryHolder>> {
    return this.change(
      pccc,
      actor,
      'resume',
      async (h, c) => {
        if (h.status !== 'suspended') return fail('PCCC_NOT_ACTIVE');
        if (actor.kind === 'consumer' && (await suspendedByOfficer(c, h))) return SUSPENDED_BY_OFFICER;
        return ok({ set: `status = 'active', status_reason = NULL`, params: [] });
      },
      undefined,
      o.tell,
    );
  }

  cancel(pccc: string, reason: string, actor: RegistryActor, o: { tell?: 'officer' } = {}): Promise<Result<RegistryHolder>> {
    return this.change(
      pccc,
      actor,
      'cancel',
      (h) => (h.status === 'cancelled' ? fail('PCCC_NOT_ACTIVE') : ok({ set: `status = 'cancelled', status_reason = $2`, params: [reason], detail: { reason } })),
      // The holder's live consumer sessions end with the code, in the same transaction: left, they went on
      // reading as the cancelled code (/me, notices, payment). There is no code to move them to: a holder has
      // one live code (pccc_holders_one_live_code), the one cancelled. Signing in again with it is refused
      // (verify-consumer.ts).
      async (c, h) => this.endSessions(c, h.holderId),
      o.tell,
    );
  }

  setPostcodes(pccc: string, postcodes: string[], actor: RegistryActor): Promise<Result<RegistryHolder>> {
    const list = normalizePostcodes(postcodes);
    return this.change(pccc, actor, 'postcodes', (h) => {
      if (h.status === 'cancelled') return fail('PCCC_NOT_ACTIVE');
      if (list.length === 0) return fail('PCCC_ISSUE_INVALID');
      if (list.length > this.ruleSet.registry.maxPostcodes.value) return fail('TOO_MANY_POSTCODES');
      return ok({ set: `postcodes = $2`, params: [list], detail: { count: list.length } });
    });
  }

  /**
   * A one-time code for a change of contact (verification_challenges, method otp, on the holder's live code),
   * within the same limit of unused codes per code as the sign-in's (`limit`): false when over it.
   */
  async createContactChallenge(ch: { id: string; pccc: string; secretHash: string; expiresAt: Date }, limit: { max: number; expiresAfter: Date }): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO verification_challenges (id, pccc, method, secret_hash, expires_at)
       SELECT $1, $2, 'otp', $3, $4
        WHERE (SELECT count(*) FROM verification_challenges WHERE pccc = $2 AND method = 'otp' AND expires_at > $6 AND consumed_at IS NULL) < $5::int`,
      [ch.id, ch.pccc, ch.secretHash, ch.expiresAt, limit.max, limit.expiresAfter],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * The holder's mobile number or e-mail address becomes `value`, once the one-time code sent to it is proven:
   * the challenge (`proof.challengeId`, on this code, unused, unexpired, under `maxAttempts` tries) counts the try
   * whatever the outcome (committed with a refusal too), and is used up by the change, in its transaction. The
   * change is an event (detail: from and to, masked) and the holder is told at the new address and at the old
   * one (migrations/113). The holder's other live consumer sessions end with it, but `o.keepSession` (the one
   * that made it, its token hash): the mobile number recovers the code (a sign-in by a one-time code to it), so
   * a change of it, or of the other address notices go to, signs the other devices out, as a suspend does; how
   * many, in the event's detail (otherSessionsEnded) and to `o.ended`. Refused: CHALLENGE_INVALID (unknown,
   * expired, used, exhausted, another code's, or a wrong code: one answer; nothing ended), PCCC_NOT_ACTIVE for a
   * cancelled code.
   */
  setContact(
    pccc: string,
    field: ContactField,
    value: string,
    actor: RegistryActor,
    proof: { challengeId: string; secretHash: string; maxAttempts: number },
    o: { keepSession?: string | undefined; ended?: (sessions: number) => void } = {},
  ): Promise<Result<RegistryHolder>> {
    const mask = field === 'phone' ? maskPhone : maskEmail;
    return this.change(
      pccc,
      actor,
      field,
      async (h, c) => {
        if (h.status === 'cancelled') return fail('PCCC_NOT_ACTIVE');
        const opened = await c.query<{ secret_hash: string }>(
          `UPDATE verification_challenges SET attempts = attempts + 1
            WHERE id = $1 AND pccc = $2 AND method = 'otp' AND consumed_at IS NULL AND expires_at > $3 AND attempts < $4 RETURNING secret_hash`,
          [proof.challengeId, h.pccc, this.clock.now(), proof.maxAttempts],
        );
        if (!sameSecret(opened.rows[0]?.secret_hash ?? '', proof.secretHash)) return fail('CHALLENGE_INVALID', { path: 'body.code' });
        await c.query(`UPDATE verification_challenges SET consumed_at = $2 WHERE id = $1`, [proof.challengeId, this.clock.now()]);
        const before = field === 'phone' ? h.phone : h.email;
        // Proven: the other devices are signed out in the change's transaction (rolled back with it).
        const otherSessionsEnded = await this.endSessions(c, h.holderId, o.keepSession);
        o.ended?.(otherSessionsEnded);
        return ok({ set: `${field === 'phone' ? 'phone' : 'email'} = $2`, params: [value], detail: { from: before ? mask(before) : null, to: mask(value), otherSessionsEnded } });
      },
      async (c, h, { eventId, after }) => {
        const change: PcccChange = { action: field, by: 'holder', pccc: after.pccc, to: mask(value) };
        const at = this.clock.now();
        // At the new address (and the holder's other channels), as every change's notice…
        await queuePcccChangeNotice(c, { eventId, holder: after, change, at });
        // …and at the old one: a change someone else made in the holder's session must not go unseen.
        const old = field === 'phone' ? h.phone : h.email;
        if (old && old !== value) await queuePcccChangeNoticeTo(c, { eventId, holder: after, change, channel: field === 'phone' ? 'sms' : 'email', recipient: old, at });
      },
    );
  }

  async reissue(pccc: string, actor: RegistryActor, o: { keepSession?: string | undefined; tell?: PcccChangeBy } = {}): Promise<Result<{ previous: RegistryHolder; current: RegistryHolder; reissuesLeft: number }>> {
    return this.tx(async (c) => {
      const h = await this.locked(c, pccc);
      if (!h) return fail('PCCC_NOT_FOUND');
      if (h.status === 'cancelled') return fail('PCCC_NOT_ACTIVE');
      if (actor.kind === 'consumer' && (await suspendedByOfficer(c, h))) return SUSPENDED_BY_OFFICER;
      const today = this.today();
      const done = await c.query(`SELECT at FROM pccc_registry_events WHERE holder_id = $1 AND action = 'reissue' AND at > $2`, [
        h.holderId,
        new Date(this.clock.now().getTime() - 366 * 86_400_000),
      ]);
      const dates = done.rows.map((r) => koreanDateOf((r.at as Date).toISOString()));
      const left = reissuesLeft(dates, today, this.ruleSet);
      if (left <= 0) return fail('REISSUE_LIMIT_REACHED', { perYear: this.ruleSet.registry.reissuesPerYear.value });
      const next = await this.newCode(c);
      // The old code dies first (the partial unique index allows one live code per holder).
      const old = await c.query(
        `UPDATE pccc_holders SET status = 'cancelled', status_reason = 'reissued', replaced_by = $2, updated_at = now() WHERE pccc = $1 RETURNING ${COLUMNS}`,
        [h.pccc, next],
      );
      // Reissuing extends validity by one year from the change date (고시, 2025-06-18).
      const r = await c.query(
        `INSERT INTO pccc_holders (pccc, holder_id, name, phone, postcodes, status, issued_on, expires_on, email, name_en)
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [next, h.holderId, h.name, h.phone, h.postcodes, today, expiryOf(today, this.ruleSet), h.email, h.nameEn],
      );
      const eventId = await this.event(c, h, 'reissue', actor, { replacedBy: next });
      await this.event(c, { holderId: h.holderId, pccc: next }, 'issue', actor, { replaces: h.pccc });
      // A holder reissues because the code leaked or was misused (someone else signed in, e.g. after a SIM
      // swap): the holder's other sessions must not follow to the new code ("sign out other devices", as a
      // password change). Before, every live session moved to it and read it at /api/v1/me, a thief's too.
      // The holder's own reissue moves the session that made it (it names the new code and lists its parcels);
      // every other one ends. An officer's ends them all: the holder signs in again with the new code.
      const codes = (await c.query<{ pccc: string }>(`SELECT pccc FROM pccc_holders WHERE holder_id = $1 AND pccc <> $2`, [h.holderId, next])).rows.map((x) => x.pccc);
      if (o.keepSession) await c.query(MOVE_KEPT_SESSION, [codes, next, o.keepSession, this.clock.now()]);
      await c.query(END_CONSUMER_SESSIONS, [codes, this.clock.now(), o.keepSession ?? '']);
      const current = holderOf(r.rows[0]);
      // Told of the new code (its last four digits), the reissue's notice in its transaction.
      if (o.tell) await this.tell(c, eventId, current, 'reissue', o.tell);
      return ok({ previous: holderOf(old.rows[0]), current, reissuesLeft: left - 1 });
    });
  }

  async historyPage(holderId: string, page: { before?: number | undefined; limit: number }): Promise<(RegistryEvent & { id: number })[]> {
    // In the order they happened (at), then written (id: two events of one transaction share their time):
    // migration 117 wrote past passkeys' events after later ones. The cursor is an event's id, read as its
    // (at, id); another holder's id reads nothing. By the holder's index (holder_id, at).
    const r = await this.pool.query(
      `SELECT id, at, pccc, action, actor_kind, detail FROM pccc_registry_events
        WHERE holder_id = $1 AND ($2::bigint IS NULL OR (at, id) < (SELECT at, id FROM pccc_registry_events WHERE id = $2 AND holder_id = $1))
        ORDER BY at DESC, id DESC LIMIT $3`,
      [holderId, page.before ?? null, page.limit],
    );
    return r.rows.map((e) => ({ id: Number(e.id), at: (e.at as Date).toISOString(), pccc: e.pccc, action: e.action, actorKind: e.actor_kind, detail: e.detail }));
  }

  /** The latest 200, as historyPage orders them (the code's own view, GET /api/v1/consumer/pccc). */
  async history(holderId: string): Promise<RegistryEvent[]> {
    return (await this.historyPage(holderId, { limit: 200 })).map(({ id: _id, ...e }) => e);
  }
}
