// Port of the per-route request counts (@fastify/rate-limit's store, src/http/rate-limit-store.ts),
// shared by every instance of the platform. Implemented in src/adapters/db/rate-limit-repository.ts.

/** One request counted: the count in its window, and the milliseconds left of that window. */
export interface RateLimitHit {
  count: number;
  ttlMs: number;
}

export interface RateLimitCounter {
  /**
   * Counts one request of `key` on `route`, atomically (two instances cannot lose one), in a fixed
   * window of `windowMs`: the first request opens it; once it is over, the next one opens a new
   * window at 1. Deletes a bounded number of counts whose window is over, now and then.
   */
  hit(route: string, key: string, windowMs: number): Promise<RateLimitHit>;
  /**
   * The count of `key` on `route` in its open window, without counting (0 and ttl 0 when none is
   * open): for a limit that must refuse a request before knowing whether it counts (the UNI-PASS
   * routes refuse an address over its wrong keys whatever key it sends next, src/http/unipass/limits.ts).
   */
  peek(route: string, key: string): Promise<RateLimitHit>;
}
