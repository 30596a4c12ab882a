// The card an officer's page shows before sign-in (or once the session is refused): what is needed, and the way to it.
import { Link } from 'react-router';
import { useI18n } from '../i18n.tsx';

export function OfficerSignInNeeded() {
  const { t } = useI18n();
  return (
    <div className="card">
      <p>{t('consult.needSignIn')}</p>
      <Link to="/officer" className="button primary">
        {t('consult.signIn')}
      </Link>
    </div>
  );
}
