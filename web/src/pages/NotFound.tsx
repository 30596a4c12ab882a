import { Link } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { PageHeader } from '../components/ui.tsx';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('notFound.title')} lead={t('notFound.text')} />
      <p>
        <Link to="/" className="button primary">
          {t('app.home')}
        </Link>
      </p>
    </>
  );
}
