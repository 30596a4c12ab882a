// Ranking metrics at an inspection budget. Officers inspect the top k% of parcels by score, so
// the model is judged there, not by accuracy: precision@k% (share of illicit parcels among the
// inspected), recall@k% (share of all illicit parcels found), revenue@k% (share of all
// revenue at stake found) and ROC AUC over the whole ranking.
//
// Budget: the top ⌊k%·N⌋ rows. Ties in score are broken by row order (earlier row first), so
// the result is deterministic; a metric with an empty denominator is null.

export interface RankingMetrics {
  precisionAt: Record<string, number | null>;
  recallAt: Record<string, number | null>;
  revenueAt: Record<string, number | null>;
  auc: number | null;
  n: number;
}

/** Row indices from the highest score to the lowest; ties keep row order. */
export function rankByScore(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** How many rows a budget of k% of n rows inspects: ⌊k·n/100⌋ (a tiny epsilon absorbs 0.1+0.2-style float error). */
export function budgetRows(k: number, n: number): number {
  return Math.min(n, Math.max(0, Math.floor((k * n) / 100 + 1e-9)));
}

function illicitInTop(order: Uint32Array, labels: ArrayLike<number>, top: number): number {
  let hits = 0;
  for (let i = 0; i < top; i++) hits += labels[order[i]!]! ? 1 : 0;
  return hits;
}

export function precisionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, k: number, order = rankByScore(scores)): number | null {
  const top = budgetRows(k, scores.length);
  return top === 0 ? null : illicitInTop(order, labels, top) / top;
}

export function recallAt(scores: ArrayLike<number>, labels: ArrayLike<number>, k: number, order = rankByScore(scores)): number | null {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] ? 1 : 0;
  return positives === 0 ? null : illicitInTop(order, labels, budgetRows(k, scores.length)) / positives;
}

export function revenueAt(scores: ArrayLike<number>, revenue: ArrayLike<number>, k: number, order = rankByScore(scores)): number | null {
  let total = 0;
  for (let i = 0; i < revenue.length; i++) total += revenue[i]!;
  if (!(total > 0)) return null;
  const top = budgetRows(k, scores.length);
  let found = 0;
  for (let i = 0; i < top; i++) found += revenue[order[i]!]!;
  return found / total;
}

/**
 * ROC AUC as the Mann–Whitney statistic: the probability that a random illicit row scores
 * above a random licit one, ties counting one half (average ranks). Null without both classes.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSumPositives = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let t = i; t <= j; t++) {
      if (labels[order[t]!]) {
        positives++;
        rankSumPositives += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** All metrics at the given budgets (percent of rows), keyed by the budget as written ("1", "2.5"). */
export function rankingMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>, revenue: ArrayLike<number> | null, budgets: readonly number[]): RankingMetrics {
  const order = rankByScore(scores);
  const precision: Record<string, number | null> = {};
  const recall: Record<string, number | null> = {};
  const rev: Record<string, number | null> = {};
  for (const k of budgets) {
    const key = String(k);
    precision[key] = precisionAt(scores, labels, k, order);
    recall[key] = recallAt(scores, labels, k, order);
    rev[key] = revenue ? revenueAt(scores, revenue, k, order) : null;
  }
  return { precisionAt: precision, recallAt: recall, revenueAt: rev, auc: rocAuc(scores, labels), n: scores.length };
}

/** Mean binary log loss, probabilities clipped to [1e-12, 1 − 1e-12]. */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]!));
    sum -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return labels.length ? sum / labels.length : 0;
}

/**
 * The precision at k% of a ranking that knows which rows are really fraudulent (`truth`) but not
 * which of them inspection found (`labels`): the fraudulent rows first, in random order, so its
 * expected precision over the top m = ⌊k%·N⌋ rows is the found share of the fraudulent rows
 * while m ≤ F, then (found among the F + m−F rows × the found share of the others) / m.
 * Where labels are finds, not truth (synthetic history: detection 0.9), no model can beat it on
 * average: it is the ceiling a model's precision is read against. Null for an empty budget.
 */
export function ceilingPrecisionAt(truth: ArrayLike<number>, labels: ArrayLike<number>, k: number): number | null {
  const n = truth.length;
  const m = budgetRows(k, n);
  if (m === 0) return null;
  let fraud = 0;
  let foundFraud = 0;
  let foundOther = 0;
  for (let i = 0; i < n; i++) {
    if (truth[i]) {
      fraud++;
      if (labels[i]) foundFraud++;
    } else if (labels[i]) foundOther++;
  }
  if (m <= fraud) return foundFraud / fraud;
  return (foundFraud + (m - fraud) * (n > fraud ? foundOther / (n - fraud) : 0)) / m;
}
