// Operators (platforms) post their order data: order no., platform, seller, items, amount paid,
// buyer PCCC. Idempotent by (operator, order no.): the same body again answers the stored order
// (replayed); a different body under the same order no. is refused (ORDER_CONFLICT). Declarations
// already carrying the order no. (with the buyer's PCCC) are rescored.
import { createHash } from 'node:crypto';
import type { OrderData } from '../domain/risk/platform-risk.ts';
import { fail, ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { OperatorPrincipal } from './ports.ts';
import type { StoredOrder } from './ports/risk-store.ts';
import { todayOf, type RiskDeps } from './risk-deps.ts';
import { addDays } from '../domain/dates.ts';
import { canonicalJson } from '../domain/canonical-json.ts';

export async function submitOrder(deps: RiskDeps, operator: OperatorPrincipal, order: OrderData): Promise<Result<{ order: StoredOrder; replayed: boolean }>> {
  if (!/^P\d{12}$/i.test(order.buyerPccc.trim())) return invalidRequest(requestFieldError('body.buyerPccc', 'pccc_invalid'));
  // As a declaration's (validate-declaration.ts): an order in "ZZZ" could never be reconciled with one.
  if (deps.currencies && !deps.currencies().has(order.currency.toUpperCase())) return invalidRequest(requestFieldError('body.currency', 'currency_unknown', { value: order.currency }));
  // The body compared canonically, as intake and Idempotency-Key compare: a retry whose client wrote
  // the keys in another order is the same order (it answered 409 ORDER_CONFLICT). Orders stored
  // before were hashed as sent; a retry sent alike still matches that hash.
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const hash = sha256(canonicalJson(order));
  const hashAsSent = sha256(JSON.stringify(order));
  // A new order queues the declarations that carry it for rescoring (in the same statement; the
  // order-reconciliation detector then sees it): wake the scoring worker.
  const r = await deps.risk.saveOrder(operator.operatorId, order, hash, [hashAsSent]);
  if (r.conflict) return fail('ORDER_CONFLICT', { path: 'body.orderNo', orderNo: order.orderNo });
  if (!r.replayed) deps.nudgeScoring?.();
  return ok({ order: r.order, replayed: r.replayed });
}

/** Orders older than the policy's grace period that no declaration carries (order no. + PCCC). */
export async function listOrdersWithoutDeclaration(deps: RiskDeps, limit: number): Promise<StoredOrder[]> {
  return deps.risk.ordersWithoutDeclaration(addDays(todayOf(deps.clock), -deps.policy.orders.noDeclarationAfterDays), limit);
}
