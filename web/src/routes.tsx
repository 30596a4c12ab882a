// Pages. The staff pages and the statistics page (charts) load on demand so that the public
// pages a consumer opens on a phone stay small.
import { createBrowserRouter, isRouteErrorResponse, useRouteError } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { Home } from './pages/Home.tsx';
import { Estimate } from './pages/Estimate.tsx';
import { Track } from './pages/Track.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { Loading } from './components/ui.tsx';
import { useI18n } from './i18n.tsx';

function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  const text = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>{t('state.error')}</strong> {text}
      </p>
      <button type="button" className="button secondary" onClick={() => location.reload()}>
        {t('action.retry')}
      </button>
    </div>
  );
}

export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    // A page that loads on demand, opened directly (/statistics, /me): "loading" while its code
    // comes, instead of a blank page (and React Router's console warning about a missing fallback).
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <Home /> },
      { path: 'estimate', element: <Estimate /> },
      { path: 'track', element: <Track /> },
      { path: 'me', lazy: () => import('./pages/Consumer.tsx').then((m) => ({ Component: m.Consumer })) },
      { path: 'receipts/:receiptNo', lazy: () => import('./pages/TaxPayment.tsx').then((m) => ({ Component: m.ReceiptPage })) },
      { path: 'statistics', lazy: () => import('./pages/Statistics.tsx').then((m) => ({ Component: m.Statistics })) },
      { path: 'officer', lazy: () => import('./pages/Officer.tsx').then((m) => ({ Component: m.OfficerQueue })) },
      { path: 'officer/declarations/:id', lazy: () => import('./pages/Officer.tsx').then((m) => ({ Component: m.OfficerDeclaration })) },
      // Risk management (issue 5): party profiles, selection rules, selection performance.
      { path: 'officer/parties/:role/:key', lazy: () => import('./pages/Risk.tsx').then((m) => ({ Component: m.OfficerParty })) },
      { path: 'officer/risk/rules', lazy: () => import('./pages/Risk.tsx').then((m) => ({ Component: m.OfficerRules })) },
      { path: 'officer/risk/performance', lazy: () => import('./pages/Risk.tsx').then((m) => ({ Component: m.OfficerPerformance })) },
      // Risk-information exchange with partner customs administrations: inbox, export, partners.
      { path: 'officer/risk/exchange', lazy: () => import('./pages/Exchange.tsx').then((m) => ({ Component: m.OfficerExchange })) },
      // Real-time consultation (민원상담): the officers' inbox; the consumer's side is in /me.
      // "Not me" reports (PCCC misuse cases) opened by consignees, for officers.
      { path: 'officer/misuse-cases', lazy: () => import('./pages/MisuseCases.tsx').then((m) => ({ Component: m.OfficerMisuseCases })) },
      { path: 'officer/consultations', lazy: () => import('./pages/Consult.tsx').then((m) => ({ Component: m.OfficerConsultations })) },
      // Administration: operators and their first keys, the event stream's relay (administrators only).
      { path: 'officer/admin', lazy: () => import('./pages/Admin.tsx').then((m) => ({ Component: m.OfficerAdmin })) },
      { path: 'operator', lazy: () => import('./pages/Operator.tsx').then((m) => ({ Component: m.Operator })) },
      // Consumer identity (issue 6): passkeys, ledger and "not me"; order approval; the demo shop.
      { path: 'me/security', lazy: () => import('./identity/Security.tsx').then((m) => ({ Component: m.Security })) },
      { path: 'consent/:id', lazy: () => import('./identity/ConsentPage.tsx').then((m) => ({ Component: m.ConsentPage })) },
      { path: 'demo/mall', lazy: () => import('./identity/DemoMall.tsx').then((m) => ({ Component: m.DemoMall })) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
