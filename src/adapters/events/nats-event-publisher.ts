// Publishes declaration events to a NATS JetStream stream (docs/event-stream.md), creating the
// stream when it does not exist. Each message's Nats-Msg-Id is the event's id, so a chunk sent
// again after the relay stopped before recording its position is stored once (within the
// stream's duplicate window).
//
// Order: a chunk is pipelined on one connection, which the server stores in the order sent. The
// client does not reconnect by itself: after a lost connection it would send what it had
// buffered, so an event lost with the connection could be stored after later ones. Instead the
// first failure closes the connection, the relay records only the acknowledged prefix, and the
// next attempt connects anew and sends the rest again from the first unacknowledged event.
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, JetStreamApiCodes, JetStreamApiError, StorageType, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import type { EventPublisher, PublishOutcome, StreamEvent } from '../../app/ports/event-stream-ports.ts';
import { EVENT_DEFINITIONS, type LifecycleEventType } from '../../domain/lifecycle.ts';

export interface NatsPublisherOptions {
  url: string;
  stream: string;
  /** Subjects are `<prefix>.<operator code>.<event type>`; the stream takes `<prefix>.>`. */
  subjectPrefix: string;
  /** How long JetStream remembers a message id (set when it creates the stream). */
  duplicateWindowMs: number;
  /** Connect and acknowledgement timeout. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** The message body: the event and its declaration's keys, no personal data (docs/event-stream.md, schema v1). */
export function streamMessage(e: StreamEvent): Record<string, unknown> {
  return {
    id: `evt_${e.id}`,
    type: 'declaration.event',
    eventType: e.type,
    nameKo: e.nameKo,
    // English readers too, as webhook bodies carry it (the lifecycle table's name; null for a type it does not know)
    nameEn: EVENT_DEFINITIONS[e.type as LifecycleEventType]?.nameEn ?? null,
    occurredAt: e.occurredAt,
    seq: e.seq,
    status: e.statusAfter,
    actorKind: e.actorKind,
    reason: e.reason,
    declaration: { id: e.declarationId, ref: e.ref, cargoNo: e.cargoNo, operatorCode: e.operatorCode },
  };
}

/** A subject token may not hold `.`, `*`, `>` or spaces; operator codes and event types are [A-Z0-9_-] already, anything else is replaced. */
function token(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
}

export function streamSubject(prefix: string, e: StreamEvent): string {
  return `${prefix}.${token(e.operatorCode)}.${token(e.type)}`;
}

export function natsEventPublisher(o: NatsPublisherOptions): EventPublisher {
  const timeout = o.timeoutMs ?? 5000;
  let nc: NatsConnection | null = null;
  let js: JetStreamClient | null = null;
  const encoder = new TextEncoder();

  async function ensureStream(conn: NatsConnection): Promise<void> {
    const jsm = await jetstreamManager(conn, { timeout });
    const subject = `${o.subjectPrefix}.>`;
    try {
      const info = await jsm.streams.info(o.stream);
      const subjects = info.config.subjects ?? [];
      if (!subjects.includes(subject)) {
        await jsm.streams.update(o.stream, { subjects: [...subjects, subject] });
        o.log?.(`event stream: JetStream stream ${o.stream} now also takes ${subject} / 스트림 ${o.stream}에 ${subject} 추가`);
      }
    } catch (e) {
      if (!(e instanceof JetStreamApiError && e.code === JetStreamApiCodes.StreamNotFound)) throw e;
      await jsm.streams.add({ name: o.stream, subjects: [subject], storage: StorageType.File, duplicate_window: nanos(o.duplicateWindowMs) });
      o.log?.(`event stream: created JetStream stream ${o.stream} (${subject}, file storage) / JetStream 스트림 ${o.stream} 생성`);
    }
  }

  async function ready(): Promise<JetStreamClient> {
    if (nc && !nc.isClosed() && js) return js;
    const conn = await connect({ servers: o.url, reconnect: false, timeout, name: 'tonggwan-event-relay' });
    try {
      await ensureStream(conn);
    } catch (e) {
      await conn.close().catch(() => undefined);
      throw e;
    }
    nc = conn;
    js = jetstream(conn, { timeout });
    return js;
  }

  async function drop(): Promise<void> {
    const conn = nc;
    nc = null;
    js = null;
    await conn?.close().catch(() => undefined);
  }

  return {
    async connect() {
      try {
        await ready();
      } catch (e) {
        await drop();
        throw e;
      }
    },
    async publish(events: readonly StreamEvent[]): Promise<PublishOutcome> {
      if (events.length === 0) return { published: 0, duplicates: 0, error: null };
      let client: JetStreamClient;
      try {
        client = await ready();
      } catch (e) {
        await drop();
        return { published: 0, duplicates: 0, error: e as Error };
      }
      const acks = events.map((e) => {
        const h = headers();
        h.set('Content-Type', 'application/json; charset=utf-8');
        // expect.streamName: a message captured by another stream (overlapping subjects) is an error, not a publication.
        return client
          .publish(streamSubject(o.subjectPrefix, e), encoder.encode(JSON.stringify(streamMessage(e))), { msgID: `evt_${e.id}`, headers: h, timeout, expect: { streamName: o.stream } })
          .then(
            (a: PubAck) => a,
            (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
          );
      });
      const results = await Promise.all(acks);
      let published = 0;
      let duplicates = 0;
      for (const r of results) {
        if (r instanceof Error) {
          await drop();
          return { published, duplicates, error: r };
        }
        published++;
        if (r.duplicate) duplicates++;
      }
      return { published, duplicates, error: null };
    },
    async close() {
      await drop();
    },
  };
}
