// The declaration event stream to NATS JetStream (docs/event-stream.md), against the real NATS
// server of the machine (NATS_TEST_URL, default nats://127.0.0.1:4222; .ci/run starts one): every
// committed event arrives once, in commit order, also when the relay stops between publishing and
// recording its position, when a transaction commits after a later one, and after NATS was down.
// Each run uses streams of its own, deleted afterwards. Embedded PostgreSQL, or DATABASE_URL's server.
import net from 'node:net';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { PgEventStreamStore, type StreamStart } from '../../src/adapters/db/event-stream-repository.ts';
import { natsEventPublisher } from '../../src/adapters/events/nats-event-publisher.ts';
import { createEventRelay } from '../../src/workers/event-stream-relay.ts';
import { MIGRATIONS_DIR, runMigrations } from '../../src/adapters/db/run-migrations.ts';
import type { EventPublisher, PublishOutcome } from '../../src/app/ports/event-stream-ports.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { makeTempDir, startTestDatabase } from '../support/test-database.ts';
import { until as untilWithin } from '../support/until.ts';

const until = <T>(check: Parameters<typeof untilWithin<T>>[0], what: string) => untilWithin(check, what, 30);

const NATS_URL = process.env.NATS_TEST_URL || 'nats://127.0.0.1:4222';

/** Null when NATS with JetStream answers, else why not. */
async function probe(url: string): Promise<string | null> {
  try {
    const nc = await connect({ servers: url, reconnect: false, timeout: 2000 });
    try {
      await (await jetstreamManager(nc)).getAccountInfo();
    } finally {
      await nc.close();
    }
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const unreachable = await probe(NATS_URL);
if (unreachable && process.env.CI) {
  throw new Error(`NATS with JetStream is not reachable at ${NATS_URL} (${unreachable}): CI must run it (.ci/run starts /usr/sbin/nats-server -js)`);
}
if (unreachable) console.warn(`event-stream tests SKIPPED: NATS with JetStream not reachable at ${NATS_URL} (${unreachable}); start one with: nats-server -js`);

const run = crypto.randomBytes(4).toString('hex');
const names = (what: string) => ({ stream: `TG_TEST_${run}_${what}`, prefix: `tgtest.${run}.${what.toLowerCase()}` });

/** A TCP hop between the relay and NATS that can be taken down (closing every connection) and up again. */
function natsHop(target: URL): Promise<{ url: string; down(): void; up(): void; close(): Promise<void> }> {
  let open = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(Number(target.port || 4222), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `nats://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
        down() {
          open = false;
          for (const s of sockets) s.destroy();
        },
        up() {
          open = true;
        },
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

interface Stored {
  subject: string;
  msgId: string | undefined;
  contentType: string | undefined;
  body: any;
}

async function readStream(jsm: JetStreamManager, stream: string): Promise<Stored[]> {
  const info = await jsm.streams.info(stream);
  const out: Stored[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq });
    if (!m) continue;
    out.push({ subject: m.subject, msgId: m.header?.get('Nats-Msg-Id'), contentType: m.header?.get('Content-Type'), body: m.json() });
  }
  return out;
}

describe.skipIf(unreachable !== null)('declaration event stream (NATS JetStream)', () => {
  let t: TestPlatform;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let hop: Awaited<ReturnType<typeof natsHop>>;
  const platformStream = names('PLATFORM');
  const streams: string[] = [platformStream.stream];
  let acme: { id: number; key: string; code: string };
  let courier: { id: number; key: string; code: string };
  let admin: { token: string };

  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
    jsm = await jetstreamManager(nc);
    hop = await natsHop(new URL(NATS_URL));
    t = await startTestPlatform({
      eventStream: { url: hop.url, stream: platformStream.stream, subjectPrefix: platformStream.prefix, start: 'now', duplicateWindowMs: 600_000, pollMs: 50, retryMaxMs: 200 },
    });
    acme = await t.operator('ACME');
    courier = await t.operator('CJKX', 'courier');
    admin = await t.officer('stream-admin', 'admin');
  });
  afterAll(async () => {
    await t?.close(); // the relay stops first: it would create a deleted stream again
    for (const s of streams) await jsm?.streams.delete(s).catch(() => undefined);
    await nc?.close();
    await hop?.close();
  });

  /** Every event of the database (fresh: all after the relay's start), in id order: sequential requests, so also commit order. */
  async function committed(): Promise<{ id: number; type: string }[]> {
    return (await t.db.pool.query(`SELECT id, type FROM declaration_events ORDER BY id`)).rows;
  }

  async function status(token = admin.token) {
    return api(t.base, 'GET', '/api/v1/admin/event-stream', { token });
  }

  it('(a) publishes every event of intake and of cargo events once, in commit order, without personal data', async () => {
    const batch = await api(t.base, 'POST', '/api/v1/declarations', { token: acme.key, body: { declarations: Array.from({ length: 25 }, (_, i) => declaration(`ST-${i}`)) } });
    expect(batch.status).toBe(200);
    const cargoNos: string[] = batch.body.results.map((r: any) => r.cargoNo);
    for (const cargoNo of cargoNos.slice(0, 5)) {
      expect((await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo, type: 'ARRIVAL_REPORT_ACCEPTED' } })).status).toBe(201);
    }
    const more = await api(t.base, 'POST', '/api/v1/cargo-events/batch', {
      token: courier.key,
      body: { events: cargoNos.slice(0, 5).map((cargoNo) => ({ cargoNo, type: 'UNLOADING_ACCEPTED' })) },
    });
    expect(more.body.results.map((r: any) => r.outcome)).toEqual(Array(5).fill('recorded'));
    expect((await api(t.base, 'POST', '/api/v1/declarations', { token: acme.key, body: { declarations: [declaration('ST-LAST')] } })).status).toBe(200);

    const events = await committed();
    expect(events.length).toBe(25 + 5 + 5 + 1);
    const s = await until(async () => {
      const r = await status();
      return r.body.pendingEvents === 0 && r.body.published === events.length ? r : undefined;
    }, 'the relay to publish everything');
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ enabled: true, stream: platformStream.stream, subjectPrefix: platformStream.prefix, connected: true, lastError: null, lastEventId: events.at(-1)!.id });

    const stored = await readStream(jsm, platformStream.stream);
    expect(stored.map((m) => m.msgId)).toEqual(events.map((e) => `evt_${e.id}`));
    expect(stored.map((m) => m.body.id)).toEqual(events.map((e) => `evt_${e.id}`));
    expect(stored.map((m) => m.subject)).toEqual(events.map((e) => `${platformStream.prefix}.ACME.${e.type}`));
    expect(new Set(stored.map((m) => m.contentType))).toEqual(new Set(['application/json; charset=utf-8']));
    const first = stored[0]!.body;
    expect(first).toEqual({
      id: `evt_${events[0]!.id}`,
      type: 'declaration.event',
      eventType: 'SUBMITTED',
      nameKo: '신고접수',
      nameEn: 'Declaration received',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      seq: 1,
      status: expect.any(String),
      actorKind: 'operator',
      reason: null,
      declaration: { id: batch.body.results[0].declarationId, ref: 'ST-0', cargoNo: cargoNos[0], operatorCode: 'ACME' },
    });
    // PIPA: the consignee of declaration() (test-platform.ts) appears in no message.
    const all = JSON.stringify(stored.map((m) => m.body));
    for (const personal of ['P123456789012', '김민지', '010-1234-5678', '01012345678', '06236', '테헤란로']) expect(all).not.toContain(personal);
  });

  it('the relay status is for administrators only', async () => {
    expect((await status(acme.key)).status).toBe(403);
    const officer = await t.officer('stream-officer');
    expect((await status(officer.token)).status).toBe(403);
    expect((await api(t.base, 'GET', '/api/v1/admin/event-stream')).status).toBe(401);
  });

  it('(d) NATS down: intake goes on, the backlog grows in PostgreSQL, then drains in order when NATS is back', async () => {
    const before = (await readStream(jsm, platformStream.stream)).length;
    hop.down();
    const r1 = await api(t.base, 'POST', '/api/v1/declarations', { token: acme.key, body: { declarations: Array.from({ length: 10 }, (_, i) => declaration(`DOWN-${i}`)) } });
    expect(r1.status).toBe(200);
    expect(r1.body.results.map((r: any) => r.status)).toEqual(Array(10).fill('accepted'));
    const down = await until(async () => {
      const r = await status();
      return r.body.connected === false && r.body.pendingEvents === 10 ? r : undefined;
    }, 'the relay to see NATS down');
    expect(down.body.lastError).toEqual(expect.any(String));
    expect(down.body.oldestPendingAt).toEqual(expect.any(String));
    const r2 = await api(t.base, 'POST', '/api/v1/declarations', { token: acme.key, body: { declarations: [declaration('DOWN-LAST')] } });
    expect(r2.status).toBe(200);
    expect((await until(async () => ((await status()).body.pendingEvents === 11 ? 11 : undefined), 'the backlog to grow'))).toBe(11);
    expect((await readStream(jsm, platformStream.stream)).length).toBe(before);

    hop.up();
    await until(async () => {
      const r = await status();
      return r.body.pendingEvents === 0 && r.body.connected === true ? r : undefined;
    }, 'the backlog to drain');
    const events = await committed();
    const stored = await readStream(jsm, platformStream.stream);
    expect(stored.map((m) => m.msgId)).toEqual(events.map((e) => `evt_${e.id}`));
  });

  /** A relay of its own (its own stream and position) on the platform's database, run by hand. */
  function relayFor(which: { stream: string; prefix: string }, o: { start?: StreamStart; chunk?: number; publisher?: (p: EventPublisher) => EventPublisher } = {}) {
    if (!streams.includes(which.stream)) streams.push(which.stream);
    const real = natsEventPublisher({ url: NATS_URL, stream: which.stream, subjectPrefix: which.prefix, duplicateWindowMs: 600_000 });
    return createEventRelay({
      store: new PgEventStreamStore(t.db.pool, which.stream),
      publisher: o.publisher ? o.publisher(real) : real,
      start: o.start ?? 'now',
      subjectPrefix: which.prefix,
      url: NATS_URL,
      pollMs: 50,
      chunk: o.chunk ?? 1000,
    });
  }

  async function idsOf(stream: string): Promise<number[]> {
    return (await readStream(jsm, stream)).map((m) => Number(m.msgId!.slice('evt_'.length)));
  }

  /** The real publisher, with `then` run on each outcome before it is returned (it may throw: a relay killed after publishing). */
  const afterPublish =
    (then: (outcome: PublishOutcome, events: Parameters<EventPublisher['publish']>[0]) => void) =>
    (p: EventPublisher): EventPublisher => ({
      connect: () => p.connect(),
      close: () => p.close(),
      async publish(events) {
        const outcome = await p.publish(events);
        then(outcome, events);
        return outcome;
      },
    });

  it('(b) a relay stopped after publishing, before recording its position, and started again: no gap, no duplicate in the stream', async () => {
    const which = names('RESTART');
    const first = relayFor(which, { chunk: 7 });
    await first.step(); // creates the position: from now on
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: acme.key, body: { declarations: Array.from({ length: 30 }, (_, i) => declaration(`RS-${i}`)) } });
    const ids: number[] = (await t.db.pool.query(`SELECT id FROM declaration_events WHERE declaration_id = ANY($1::bigint[]) ORDER BY id`, [r.body.results.map((x: any) => x.declarationId)])).rows.map((x) => x.id);
    expect(ids.length).toBe(30);
    // Two chunks go out and are recorded; the third is published, then the relay dies before recording it.
    expect((await first.step()).published).toBe(7);
    expect((await first.step()).published).toBe(7);
    const crashing = relayFor(which, {
      chunk: 7,
      publisher: afterPublish((outcome, events) => {
        expect(outcome.published).toBe(events.length);
        throw new Error('relay killed after publishing');
      }),
    });
    await expect(crashing.step()).rejects.toThrow('killed');
    await crashing.stop();
    await first.stop();
    expect(await idsOf(which.stream)).toEqual(ids.slice(0, 21));

    // Started again: the third chunk is sent again and JetStream drops it as a duplicate (Nats-Msg-Id).
    const outcomes: PublishOutcome[] = [];
    const again = relayFor(which, {
      chunk: 7,
      publisher: afterPublish((outcome) => {
        outcomes.push(outcome);
      }),
    });
    expect(await again.drain()).toBe(30 - 14);
    expect(outcomes[0]).toMatchObject({ published: 7, duplicates: 7, error: null });
    expect(await idsOf(which.stream)).toEqual(ids);
    await again.stop();
  });

  it('(c) an event whose transaction commits after a later one is published when it commits, not skipped; an open transaction holds no one back', async () => {
    const which = names('LATE');
    const relay = relayFor(which);
    await relay.step();
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: acme.key, body: { declarations: [declaration('LATE-1'), declaration('LATE-2')] } });
    const [d1, d2] = r.body.results.map((x: any) => x.declarationId as number);
    await relay.drain();
    const before = await idsOf(which.stream);
    expect(before.length).toBe(2);

    const insert = `INSERT INTO declaration_events (declaration_id, seq, type, name_ko, occurred_at, actor_kind, status_after)
                    VALUES ($1, $2, 'ARRIVAL_REPORT_ACCEPTED', '입항보고수리', now(), 'system', 'declared') RETURNING id, txid::text`;
    const early = await t.db.pool.connect();
    try {
      await early.query('BEGIN');
      const e1 = (await early.query(insert, [d1, 900])).rows[0];
      const e2 = (await t.db.pool.query(insert, [d2, 900])).rows[0]; // another transaction: a later id and xid, committed first
      expect(e2.id).toBeGreaterThan(e1.id);
      expect(BigInt(e2.txid)).toBeGreaterThan(BigInt(e1.txid));
      expect(await relay.drain()).toBe(1);
      expect(await idsOf(which.stream)).toEqual([...before, e2.id]);
      await early.query('COMMIT');
      expect(await relay.drain()).toBe(1);
      // In commit order: the smaller id and transaction id after the one that committed first.
      expect(await idsOf(which.stream)).toEqual([...before, e2.id, e1.id]);
    } finally {
      early.release();
    }
    await relay.stop();
  });

  it("keeps each declaration's events in seq order when the later one's transaction has the older transaction id", async () => {
    const which = names('SEQ');
    const relay = relayFor(which);
    await relay.step();
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: acme.key, body: { declarations: [declaration('SEQ-1')] } });
    const d = r.body.results[0].declarationId as number;
    await relay.drain();
    const insert = `INSERT INTO declaration_events (declaration_id, seq, type, name_ko, occurred_at, actor_kind, status_after)
                    VALUES ($1, $2, 'ARRIVAL_REPORT_ACCEPTED', '입항보고수리', now(), 'system', 'declared') RETURNING id, txid::text`;
    // T1 takes its transaction id first (as a batch does with its first row lock), T2 appends seq 2
    // and commits, then T1 appends seq 3 (after seeing seq 2) and commits.
    const t1 = await t.db.pool.connect();
    try {
      await t1.query('BEGIN');
      const x1 = (await t1.query(`SELECT pg_current_xact_id()::text AS x`)).rows[0].x;
      const second = (await t.db.pool.query(insert, [d, 2])).rows[0];
      const third = (await t1.query(insert, [d, 3])).rows[0];
      await t1.query('COMMIT');
      expect(BigInt(third.txid)).toBe(BigInt(x1));
      expect(BigInt(third.txid)).toBeLessThan(BigInt(second.txid));
      expect(await relay.drain()).toBe(2);
      const stored = await readStream(jsm, which.stream);
      expect(stored.slice(-2).map((m) => [m.body.declaration.id, m.body.seq])).toEqual([
        [d, 2],
        [d, 3],
      ]);
    } finally {
      t1.release();
    }
    await relay.stop();
  });

  it("starts from its first start ('now') or with the stored history ('all', also the events from before the stream)", async () => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: acme.key, body: { declarations: [declaration('HIST-1')] } });
    const d = r.body.results[0].declarationId as number;
    // An event from before migration 061: no transaction id.
    const old = (
      await t.db.pool.query(
        `INSERT INTO declaration_events (declaration_id, seq, type, name_ko, occurred_at, actor_kind, status_after, txid)
         VALUES ($1, 50, 'ARRIVAL_REPORT_ACCEPTED', '입항보고수리', now(), 'system', 'declared', NULL) RETURNING id`,
        [d],
      )
    ).rows[0].id as number;
    const fromNow = relayFor(names('NOW'));
    expect(await fromNow.drain()).toBe(0);
    const history = names('ALL');
    const fromAll = relayFor(history, { start: 'all', chunk: 50 });
    const everything: number[] = (await t.db.pool.query(`SELECT id FROM declaration_events ORDER BY id`)).rows.map((x) => x.id);
    expect(everything).toContain(old);
    expect(await fromAll.drain()).toBe(everything.length);
    expect(await idsOf(history.stream)).toEqual(everything);
    // and then on as usual
    await api(t.base, 'POST', '/api/v1/declarations', { token: acme.key, body: { declarations: [declaration('HIST-2')] } });
    expect(await fromAll.drain()).toBe(1);
    expect(await fromNow.drain()).toBe(1);
    await fromNow.stop();
    await fromAll.stop();
  });
});

it('migration 061 adds the transaction id to declaration_events without rewriting it, NULL for the events before', async () => {
  const db = await startTestDatabase({ migrate: false });
  const dir = makeTempDir('tonggwan-migrations-');
  try {
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f));
    for (const f of files.filter((f) => f < '061')) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    await runMigrations(db.pool, dir);
    const node = async () => (await db.pool.query(`SELECT pg_relation_filenode('declaration_events') AS n`)).rows[0].n;
    const before = await node();
    for (const f of files.filter((f) => f >= '061')) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    expect(await runMigrations(db.pool, dir)).toContain('061_event_stream.sql');
    // A rewrite (a volatile default in ADD COLUMN) would have moved the table to a new file.
    expect(await node()).toBe(before);
    // No value stored for the rows already there (a default in ADD COLUMN would give them all the migration's transaction id).
    const col = (
      await db.pool.query(`SELECT atthasmissing, pg_get_expr(d.adbin, d.adrelid) AS dflt FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                            WHERE a.attrelid = 'declaration_events'::regclass AND a.attname = 'txid'`)
    ).rows[0];
    expect(col).toEqual({ atthasmissing: false, dflt: 'pg_current_xact_id()' });
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
