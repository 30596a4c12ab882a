// Points of a parcel in the officer work queue without an active risk model: a held parcel
// first, then the sum of the weights of the engine's rule-based signals (assessment.signals).
// The weights are an ordering, not a legal figure. Computed once when the assessment is stored
// (declarations.signal_points; the held bonus follows the status in declarations.queue_points,
// migrations/056_queue_points.sql), so ranking the queue reads no JSON.
// Changing a weight here needs a migration that recomputes signal_points of the stored rows.

export const HOLD_WEIGHT = 100;

export const SIGNAL_WEIGHTS: Readonly<Record<string, number>> = {
  PROHIBITED_GOODS: 50,
  QUANTITY_OVER_SELF_USE: 30,
  AMOUNT_PAID_MISMATCH: 25,
  COMBINED: 20,
  NEAR_DE_MINIMIS: 15,
  DESCRIPTION_INCOMPLETE: 10,
  TARIFF_UNKNOWN: 8,
  NO_SELLER: 5,
  HS_FROM_CATEGORY: 3,
  FX_PLACEHOLDER: 0,
};

/** Unknown signals weigh 1, so a new rule in the engine still raises a parcel a little. */
export const UNKNOWN_SIGNAL_WEIGHT = 1;

export function signalPoints(signals: readonly string[]): number {
  let sum = 0;
  for (const s of signals) sum += Object.hasOwn(SIGNAL_WEIGHTS, s) ? SIGNAL_WEIGHTS[s]! : UNKNOWN_SIGNAL_WEIGHT;
  return sum;
}

/** The queue points of a parcel: what declarations.queue_points holds for its row. */
export function queuePoints(status: string, signals: readonly string[]): number {
  return (status === 'held' ? HOLD_WEIGHT : 0) + signalPoints(signals);
}
