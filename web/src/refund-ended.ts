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
