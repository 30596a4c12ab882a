// /demo/mall — a shop's checkout in the demo: the operator (API key) asks for approval of the
// order; the page shows the QR code (for the phone), the matching number and a same-device link,
// and polls until the consumer decides. Approved: the single-use consent token to put in the
// declaration's consent.token.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import { ErrorMessage, Field, PageHeader } from '../components/ui.tsx';
import { formatMoney } from '../format.ts';
import { mallStatusKey } from './consent-state.ts';
import { useText } from './text.ts';

interface Created {
  id: string;
  matchingNumber: string;
  deepLink: string;
  expiresAt: string;
  qr: { png: string; svg: string };
}

const DEMO_ORDER = {
  pccc: 'P250000000001',
  consigneeName: '김민지',
  consigneePhone: '010-1234-5678',
  postcode: '06236',
  platform: 'AliExpress',
  seller: 'Xiaomi Official Store',
  items: [{ description: '보조배터리 Xiaomi Power Bank 20000mAh', quantity: 1, price: 32.5 }],
  total: 32.5,
  currency: 'USD',
};

export function DemoMall() {
  const { t, lang, dateTime } = useText();
  const [apiKey, setApiKey] = useState('tgk_demo_aliexpress_0123456789abcdef');
  const [pccc, setPccc] = useState(DEMO_ORDER.pccc);
  const [orderNo, setOrderNo] = useState(() => `AE-${Date.now().toString().slice(-8)}`);
  const create = useMutation({
    mutationFn: () => api<Created>('/api/v1/consent-requests', { token: apiKey, body: { ...DEMO_ORDER, pccc, orderNo } }),
  });
  const created = create.data;
  const status = useQuery({
    queryKey: ['mall-consent', created?.id],
    enabled: !!created,
    queryFn: () => api<{ status: string; token: string | null }>(`/api/v1/consent-requests/${created!.id}`, { token: apiKey }),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'pending' ? false : 1000),
    staleTime: 0,
  });
  const current = status.data?.status ?? 'pending';
  return (
    <>
      <PageHeader title={t('mall.title')} lead={t('mall.lead')} />
      <form
        className="card form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field label={t('mall.apiKey')}>{(p) => <input {...p} name="apiKey" value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" />}</Field>
        <Field label={t('con.pccc')}>{(p) => <input {...p} name="pccc" value={pccc} onChange={(e) => setPccc(e.target.value)} autoComplete="off" />}</Field>
        <Field label={t('con.orderNo')}>{(p) => <input {...p} name="orderNo" value={orderNo} onChange={(e) => setOrderNo(e.target.value)} autoComplete="off" />}</Field>
        <p>
          {DEMO_ORDER.platform} · {DEMO_ORDER.items[0]!.description} · {formatMoney(lang, DEMO_ORDER.currency, DEMO_ORDER.total)} · {DEMO_ORDER.postcode}
        </p>
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <button type="submit" className="button primary" data-testid="request-consent" disabled={create.isPending}>
          {t('mall.request')}
        </button>
      </form>
      {created ? (
        <section className="card" aria-labelledby="mall-qr" data-consent-id={created.id}>
          <h2 id="mall-qr" className="card-title">
            {t('mall.scan')}
          </h2>
          <img src={created.qr.png} alt={created.deepLink} width={240} height={240} data-testid="consent-qr" data-link={created.deepLink} />
          <p>
            {t('mall.number')}: <strong className="matching-number" data-testid="matching-number">{created.matchingNumber}</strong>
          </p>
          {/* The way to the phone's page and its deadline, while the request can still be decided. */}
          {current === 'pending' ? (
            <>
              <p>
                <a href={created.deepLink} data-testid="deep-link">
                  {t('mall.sameDevice')}
                </a>
              </p>
              <p className="small muted" data-testid="mall-until">
                {t('mall.until', { at: dateTime(created.expiresAt) })}
              </p>
            </>
          ) : null}
          <p role="status" data-testid="mall-status" data-status={current}>
            {t(mallStatusKey(current))}
          </p>
          {status.data?.token ? (
            <textarea readOnly aria-label={t('mall.token')} data-testid="consent-token" value={status.data.token} rows={4} style={{ width: '100%' }} />
          ) : null}
        </section>
      ) : null}
    </>
  );
}
