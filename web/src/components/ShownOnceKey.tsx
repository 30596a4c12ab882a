// A secret shown this once (an API key, a webhook's signing secret, a staff member's password), with a
// copy button: no page shows it again (keys and passwords are kept only as hashes).
import { useState } from 'react';
import { useI18n } from '../i18n.tsx';

export function ShownOnceKey({ label, value, testId = 'shown-once' }: { label: string; value: string; testId?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert-success shown-once" role="status">
      <p>
        <strong>{label}</strong> {t('operator.shownOnce')}
      </p>
      <p>
        <code className="secret" data-testid={testId}>
          {value}
        </code>
      </p>
      <button
        type="button"
        className="button secondary"
        onClick={() => {
          navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? t('action.copied') : t('action.copy')}
      </button>
    </div>
  );
}
