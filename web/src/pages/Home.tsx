// Start page: the four things a consumer comes for, the staff areas, and "install the app".
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { PageHeader } from '../components/ui.tsx';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const TASKS: { to: string; title: MessageKey; text: MessageKey; icon: string }[] = [
  { to: '/estimate', title: 'home.estimate', text: 'home.estimateText', icon: '₩' },
  { to: '/track', title: 'home.track', text: 'home.trackText', icon: '⌕' },
  { to: '/me', title: 'home.me', text: 'home.meText', icon: '☺' },
  { to: '/statistics', title: 'home.statistics', text: 'home.statisticsText', icon: '▥' },
];

export function Home() {
  const { t } = useI18n();
  const [install, setInstall] = useState<InstallPromptEvent | null>(null);
  useEffect(() => {
    const onPrompt = (e: Event) => {
      e.preventDefault();
      setInstall(e as InstallPromptEvent);
    };
    window.addEventListener('beforeinstallprompt', onPrompt);
    return () => window.removeEventListener('beforeinstallprompt', onPrompt);
  }, []);
  return (
    <>
      <PageHeader title={t('home.title')} lead={t('home.lead')} />
      <ul className="task-grid">
        {TASKS.map((task) => (
          <li key={task.to}>
            <Link to={task.to} className="task card">
              <span className="task-icon" aria-hidden="true">
                {task.icon}
              </span>
              <span className="task-title">{t(task.title)}</span>
              <span className="task-text">{t(task.text)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {install ? (
        <div className="card install">
          <p>{t('home.installText')}</p>
          <button
            type="button"
            className="button primary"
            onClick={async () => {
              await install.prompt();
              await install.userChoice.catch(() => undefined);
              setInstall(null);
            }}
          >
            {t('home.install')}
          </button>
        </div>
      ) : null}
      <section className="card staff" aria-labelledby="staff-title">
        <h2 id="staff-title" className="card-title">
          {t('home.staff')}
        </h2>
        <ul className="link-list">
          <li>
            <Link to="/officer">{t('nav.officer')}</Link> — {t('home.officerText')}
          </li>
          <li>
            <Link to="/operator">{t('nav.operator')}</Link> — {t('home.operatorText')}
          </li>
          <li>
            <a href="/api/docs">{t('nav.apiDocs')}</a> — {t('home.apiText')}
          </li>
        </ul>
      </section>
    </>
  );
}
