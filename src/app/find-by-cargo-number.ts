// Public lookup by 화물관리번호 (like UNI-PASS 화물통관진행정보). The answer is the stored read
// model (declaration_lookup, written with each event): one keyed read, sent as it is.
import { fail, ok, type Result } from './errors.ts';
import { requestFieldError } from './field-errors.ts';
import type { DeclarationStore } from './ports.ts';

/** The lookup answer (a LookupView, lookup-view.ts) as JSON text. */
export async function findByCargoNumber(deps: { declarations: DeclarationStore }, cargoNo: string): Promise<Result<string>> {
  const no = cargoNo.trim().toUpperCase();
  if (no.length < 15) return fail('LOOKUP_QUERY_INVALID', [requestFieldError('params.cargoNo', 'below_min_length', { limit: 15 })]);
  const body = await deps.declarations.lookupByCargoNo(no);
  return body === null ? fail('CARGO_NOT_FOUND') : ok(body);
}
