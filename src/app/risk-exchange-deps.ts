// What the risk-exchange use cases need: the exchange store, the signing key, the risk deps (rule
// sets, clock, policy figures) and who we are to partners.
import type { ExchangeCrypto, RiskExchangeStore } from './ports/risk-exchange-ports.ts';
import type { RiskDeps } from './risk-deps.ts';
import type { ExchangeSender } from '../domain/risk-exchange/views.ts';

export interface RiskExchangeDeps {
  store: RiskExchangeStore;
  crypto: ExchangeCrypto;
  risk: RiskDeps;
  /** Our code as partners register it (a message's `from`, and the `to` we accept), and our country. */
  sender: ExchangeSender;
}
