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

/** What taking back a reserved attempt needs: the username's last failure before it was counted. */
export interface SignInReservation {
  previousLast: Date | null;
}

/**
 * One session's own wrong current passwords (a password change's), counted as the shared counts are:
 * `lock` in the lock's window, `slowDown` in the slow-down's with the last failure.
 */
export interface SessionFailureCounts {
  lock: SignInFailureCount;
  slowDown: SignInFailureCount & { last: Date };
}

export interface SignInThrottleStore {
  /** The state as it is, without waiting for attempts in flight (a refusal from it needs no lock). */
  read(username: string, address: string): Promise<SignInThrottleState>;
  /**
   * The check and the count as one step: holding the username's and the pair's counts (no other
   * attempt at them checks or counts meanwhile), asks `refuse` with the state; refused, nothing is
   * written; else counts the attempt as a failure at `now`, before its password is checked, so the
   * next attempt's check sees it (each count whose window started at or before its `expiredFrom`
   * begins again at 1). Attempts checked at once are thus counted one after the other: no more pass
   * than the policy allows, however many instances or connections they come through.
   */
  reserve<R>(
    username: string,
    address: string,
    now: Date,
    expiredFrom: { address: Date; username: Date },
    refuse: (state: SignInThrottleState) => R | null,
  ): Promise<{ refused: R } | { refused: null; reservation: SignInReservation }>;
  /** A reserved attempt failed: it is counted already. Deletes a bounded number of expired counts. */
  failed(expiredFrom: { address: Date; username: Date }): Promise<void>;
  /**
   * A reserved attempt succeeded: takes its count back from the username's, forgets the address's
   * failures, records the address as known at `now`; deletes a bounded number of addresses known at or
   * before `knownExpiredFrom`.
   */
  succeeded(username: string, address: string, now: Date, reservation: SignInReservation, knownExpiredFrom: Date): Promise<void>;
  /**
   * A wrong current password given with the session of this token hash, counted at `now` in that
   * session's own counts (each begun again at 1 when its window started at or before its `expiredFrom`:
   * address for `lock`, username for `slowDown`); the counts after it, or null when there is no such
   * session. One statement: failures of one session at once on two instances are both counted.
   */
  sessionFailed(tokenHash: string, now: Date, expiredFrom: { address: Date; username: Date }): Promise<SessionFailureCounts | null>;
  /** The session gave the right current password: its own counts are forgotten. */
  sessionSucceeded(tokenHash: string): Promise<void>;
}
