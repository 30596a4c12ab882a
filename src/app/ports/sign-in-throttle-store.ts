// Port of the officer sign-in throttle's state (src/app/sign-in-officer.ts), shared by every
// instance of the platform. Implemented in src/adapters/db/sign-in-throttle-repository.ts.
// The store counts and keeps; the policy (windows, lock, doubling delay, known addresses) is
// decided in sign-in-officer.ts from what it reads and the attempt's `now`.

/** A count of failures in a window that started at `since` (it may have ended: the policy judges). */
export interface SignInFailureCount {
  failures: number;
  since: Date;
}

/** What the throttle knows of one username (lower case) and address. */
export interface SignInThrottleState {
  /** Failures under the username from this address. */
  address: SignInFailureCount | null;
  /** Failures under the username from all addresses, and when the last one was. */
  username: (SignInFailureCount & { last: Date }) | null;
  /** When the username last signed in from this address. */
  knownSince: Date | null;
}

export interface SignInThrottleStore {
  read(username: string, address: string): Promise<SignInThrottleState>;
  /**
   * Counts one failure at `now`, atomically (two instances cannot lose one): each count whose window
   * started at or before its `expiredFrom` begins again at 1. Deletes a bounded number of expired counts.
   */
  failed(username: string, address: string, now: Date, expiredFrom: { address: Date; username: Date }): Promise<void>;
  /** Forgets the address's failures, records it as known at `now`; deletes a bounded number of addresses known at or before `knownExpiredFrom`. */
  succeeded(username: string, address: string, now: Date, knownExpiredFrom: Date): Promise<void>;
}
