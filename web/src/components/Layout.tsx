// The frame of every page: skip link, header with the language switch, navigation (a tab bar
// at the bottom on a phone, a row in the header on a wide screen), offline notice, footer.
// On navigation the main region takes focus so screen readers announce the new page.
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useI18n } from '../i18n.tsx';
import { useOnline } from './ui.tsx';
import type { MessageKey } from '../messages.ts';

const PUBLIC_NAV: { to: string; label: MessageKey; icon: string }[] = [
  { to: '/estimate', label: 'nav.estimate', icon: '₩' },
  { to: '/track', label: 'nav.track', icon: '⌕' },
  { to: '/me', label: 'nav.me', icon: '☺' },
  { to: '/statistics', label: 'nav.statistics', icon: '▥' },
];
const STAFF_NAV: { to: string; label: MessageKey }[] = [
  { to: '/officer', label: 'nav.officer' },
  { to: '/operator', label: 'nav.operator' },
];

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const online = useOnline();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);
  useEffect(() => {
    // Only on a real navigation (not on the first render): move focus to the new page.
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('a11y.skip')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          {/* The name a screen reader hears starts with the visible one (WCAG 2.5.3, label in name): a voice user says what they see. */}
          <NavLink to="/" className="brand" aria-label={t('app.homeLink', { name: t('app.name') })}>
            <img src="/icons/icon.svg" alt="" width="32" height="32" />
            <span className="brand-name">{t('app.name')}</span>
          </NavLink>
          <nav className="top-nav" aria-label={t('nav.label')}>
            <ul>
              {[...PUBLIC_NAV, ...STAFF_NAV].map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to}>{t(n.label)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <button
            type="button"
            className="lang-switch"
            onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}
            lang={lang === 'ko' ? 'en' : 'ko'}
            aria-label={lang === 'ko' ? 'Switch to English' : '한국어 화면으로 보기'}
          >
            {/* Spelled out, as its Korean counterpart is: the name it is heard by contains what it shows (WCAG 2.5.3). */}
            {lang === 'ko' ? 'English' : '한국어'}
          </button>
        </div>
      </header>
      {!online ? (
        <p className="offline-banner" role="status">
          {t('app.offline')}
        </p>
      ) : null}
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">
        <nav aria-label={t('nav.staff')}>
          <ul>
            {STAFF_NAV.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to}>{t(n.label)}</NavLink>
              </li>
            ))}
            <li>
              <a href="/api/docs">{t('nav.apiDocs')}</a>
            </li>
          </ul>
        </nav>
        <p className="muted small">{t('app.footer')}</p>
      </footer>
      <nav className="tab-bar" aria-label={t('nav.tabs')}>
        <ul>
          {PUBLIC_NAV.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to}>
                <span className="tab-icon" aria-hidden="true">
                  {n.icon}
                </span>
                <span className="tab-label">{t(n.label)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
