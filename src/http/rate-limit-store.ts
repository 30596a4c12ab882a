// @fastify/rate-limit's store over the shared counts (src/app/ports/rate-limit-counter.ts), instead
// of its in-memory default: behind a load balancer each instance counted alone, so N instances allowed
// N times each limit. The plugin (11.x) builds the store with `new Store(globalParams)`, makes one
// child per limited route with `child(routeOptions)` (routeInfo: the route's method and url), and calls
// `incr(key, callback, timeWindow, max)` with the window in milliseconds; the callback takes the
// count in the window and the milliseconds left of it (Retry-After, x-ratelimit-reset).
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimitCounter } from '../app/ports/rate-limit-counter.ts';

/** What `child` reads of the route's merged options. */
interface RouteLimitOptions {
  routeInfo?: { method?: string | string[]; url?: string };
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
}

/**
 * The route a count belongs to: 'POST /api/v1/auth/sign-in' (GET and its HEAD count apart, as in memory).
 * Also what a route's own code passes to RateLimitCounter.peek (request.routeOptions: the same method and url).
 */
export const rateLimitRouteOf = (info: RouteLimitOptions['routeInfo']): string => `${[info?.method ?? ''].flat().join(',')} ${info?.url ?? ''}`;

/**
 * A store class for `register(rateLimit, { store })`. `onError`: a failed count, before the plugin
 * lets the request through (skipOnError, src/http/app.ts) or fails it.
 */
export function sharedRateLimitStore(counter: RateLimitCounter, onError: (err: unknown) => void): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore implements FastifyRateLimitStore {
    private readonly route: string;
    constructor(options: FastifyRateLimitOptions & RouteLimitOptions, route = '') {
      // A fixed window only: the in-memory store's other modes would be dropped here without a word.
      if (options.continueExceeding || options.exponentialBackoff) throw new Error('the shared rate-limit store counts fixed windows: continueExceeding and exponentialBackoff are not supported');
      this.route = route;
    }
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      counter.hit(this.route, key, timeWindow).then(
        (hit) => callback(null, { current: hit.count, ttl: hit.ttlMs }),
        (err: unknown) => {
          onError(err);
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
    }
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // Typed as Fastify's route options; index.js passes the merged limit options with routeInfo.
      const options = routeOptions as unknown as RouteLimitOptions;
      return new SharedRateLimitStore(options, rateLimitRouteOf(options.routeInfo));
    }
  }
  return SharedRateLimitStore;
}
