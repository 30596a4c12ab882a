// The submissions log: each intake call with its rejected declarations and their field errors,
// so an operator can see in the console what was refused and why.
import type { IntakeResponse } from './submit-declarations.ts';
import type { SubmissionRecord, SubmissionStore } from './ports/portal-stores.ts';

export const MAX_LOGGED_REJECTIONS = 1000;

export async function recordSubmission(deps: { submissions: SubmissionStore }, operatorId: number, response: IntakeResponse, at: Date): Promise<number> {
  const rejections = response.results
    .filter((r) => r.status === 'rejected')
    .slice(0, MAX_LOGGED_REJECTIONS)
    .map((r) => ({ index: r.index, ref: r.ref, errors: r.errors }));
  return deps.submissions.record({
    operatorId,
    receivedAt: at,
    received: response.summary.received,
    accepted: response.summary.accepted,
    rejected: response.summary.rejected,
    replayed: response.summary.replayed,
    rejections,
  });
}

export async function listSubmissions(deps: { submissions: SubmissionStore }, operatorId: number, q: { limit: number; onlyWithRejections: boolean; before?: number }): Promise<SubmissionRecord[]> {
  return deps.submissions.list(operatorId, q);
}
