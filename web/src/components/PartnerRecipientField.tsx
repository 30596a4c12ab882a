// The optional recipient of a risk-exchange message (a registered partner administration): its code
// becomes the message's signed `to`. Used by the seizure-report export and the risky-party notice.
import { useI18n } from '../i18n.tsx';
import type { ExchangePartner } from '../../../src/domain/risk-exchange/views.ts';
import { Field } from './ui.tsx';

export function PartnerRecipientField({ partners, value, onChange }: { partners: readonly ExchangePartner[]; value: string; onChange: (code: string) => void }) {
  const { t } = useI18n();
  return (
    <Field label={t('exchange.export.recipient')} hint={t('exchange.export.recipientHint')} optional>
      {(p) => (
        <select {...p} name="recipient" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('exchange.export.recipientNone')}</option>
          {partners.map((x) => (
            <option key={x.code} value={x.code}>
              {x.code} · {x.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
