// The card an officer's page shows before sign-in (or once the session is refused): what is needed, and the way to it.
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { signInLinkFor } from '../return-to.ts';

export function OfficerSignInNeeded() {
  const { t } = useI18n();
  // back to this page once signed in (return-to.ts)
  const { pathname, search } = useLocation();
  return (
    <div className="card">
      <p>{t('consult.needSignIn')}</p>
      <Link to={signInLinkFor(pathname, search)} className="button primary">
        {t('consult.signIn')}
      </Link>
    </div>
  );
}
