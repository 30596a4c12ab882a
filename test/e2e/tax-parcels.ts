// The tax e2e tests' parcel, declared as an operator would.
import { declaration } from '../support/test-platform.ts';

/** A USD 400 jacket declared on `declaredAt` (taxed: general clearance), the tax e2e tests' parcel. */
export const jacketDeclaration = (ref: string, declaredAt: string, description = '자켓 Nike Windrunner') =>
  declaration(ref, {
    declaredAt,
    order: { orderNo: `O-${ref}`, purchasedAt: declaredAt, currency: 'USD' },
    items: [{ description, category: 'clothing', quantity: 1, price: 400, originCountry: 'VN' }],
  });
