// What made a reassessment refund due, read from its provider transaction (src/domain/refund-due.ts
// reassessedRefundTxOf): the officer page labels it assessed again lower, withdrawn or refused.

/**
 * The label's key: reassessed:v<version>.<payments>[.withdrawn|.rejected][.paid<n>][.refunded<n>][.parts<n>]:<charge>.
 * The end is followed by ':' or by the rest of the situation ('.paid…', '.refunded…', '.parts…'), never read from the charge.
 */
export function refundEndedText(providerTx: string): 'refunds.reassessed' | 'refunds.withdrawn' | 'refunds.rejected' {
  const ended = /^reassessed:v[\d.]+\.(withdrawn|rejected)[.:]/.exec(providerTx)?.[1];
  return ended === 'withdrawn' ? 'refunds.withdrawn' : ended === 'rejected' ? 'refunds.rejected' : 'refunds.reassessed';
}

/**
 * Why the system resolved a refund due, from its resolution's first words (src/domain/refund-due.ts
 * reassessedRefundPlan; the bank's reversal of a deposit after paid, record-virtual-account-deposit.ts):
 * the officer page's label beside the note, which is the system's English. null: another resolution (an
 * administrator's, a charge of unknown outcome settled).
 */
export function systemResolutionText(resolution: string | null): 'refunds.systemSuperseded' | 'refunds.systemNoLongerDue' | 'refunds.systemPaymentReversed' | 'refunds.systemDepositReversed' | null {
  if (resolution === null) return null;
  if (resolution.startsWith('superseded:')) return 'refunds.systemSuperseded';
  if (resolution.startsWith('no longer due:')) return 'refunds.systemNoLongerDue';
  if (resolution.startsWith('payment reversed:')) return 'refunds.systemPaymentReversed';
  if (resolution.startsWith('the bank reversed the deposit')) return 'refunds.systemDepositReversed';
  return null;
}
