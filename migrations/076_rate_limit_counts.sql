-- The per-route request limits (@fastify/rate-limit: sign-in, consumer verification, estimates,
-- statistics, receipts, risk exchange, consultations, public lookups) counted in the database, shared
-- by every instance of the platform (src/http/rate-limit-store.ts,
-- src/adapters/db/rate-limit-repository.ts). Before, each process counted in memory, so N instances
-- behind a load balancer allowed N times each limit.
-- A fixed window per (route, key): the first request opens it until `window_ends`; the next request
-- after that opens a new one at 1. Windows are judged by the database clock (now()), one clock for
-- every instance. Expired rows are deleted a bounded number at a time (the `window_ends` index).
-- UNLOGGED: a count is written on every limited request, and without WAL its commit does not wait for
-- a flush (measured: ~0.5 ms a hit logged, ~0.2–0.3 ms unlogged). What that gives up is harmless for a
-- limiter: after a crash, or on a standby promoted, the counts start again from nothing.
CREATE UNLOGGED TABLE rate_limit_counts (
  route text NOT NULL, -- 'POST /api/v1/auth/sign-in'
  key text NOT NULL,   -- SHA-256 (base64url) of the client address, or of whom rateLimitKeyOf names (src/http/auth.ts): no personal data kept
  hits int NOT NULL,
  window_ends timestamptz NOT NULL,
  PRIMARY KEY (route, key)
);
CREATE INDEX rate_limit_counts_window_ends ON rate_limit_counts (window_ends);
