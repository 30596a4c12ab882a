// The declaration event stream (docs/event-stream.md): what the relay publishes, and what the
// administrators' status endpoint shows. Implemented in src/adapters/db/event-stream-repository.ts,
// src/adapters/events/nats-event-publisher.ts and src/workers/event-stream-relay.ts.
import type { EventStreamStatus } from '../../domain/api-views.ts';
export type { EventStreamStatus };

/**
 * One committed declaration event as the stream carries it: the event row and the keys of its
 * declaration, nothing more (no PCCC, name, phone or address: PIPA; no `detail`).
 */
export interface StreamEvent {
  id: number;
  declarationId: number;
  seq: number;
  type: string;
  nameKo: string;
  occurredAt: string;
  statusAfter: string;
  actorKind: string;
  reason: string | null;
  ref: string;
  cargoNo: string;
  operatorCode: string;
}

export interface PublishOutcome {
  /** How many of the events, from the first, the stream acknowledged (stored, or already stored: a duplicate). */
  published: number;
  /** Of those, how many the stream already held (a re-send after a relay stopped before recording its position). */
  duplicates: number;
  /** Why the rest were not published; null when all were. */
  error: Error | null;
}

export interface EventPublisher {
  /** Connects (and creates the stream when missing); rejects when the server cannot be reached. */
  connect(): Promise<void>;
  /** Publishes in the given order; stops at the first failure (later events are not sent, so the stream keeps the order). */
  publish(events: readonly StreamEvent[]): Promise<PublishOutcome>;
  close(): Promise<void>;
}

export interface EventStreamStatusSource {
  status(): Promise<EventStreamStatus>;
}
