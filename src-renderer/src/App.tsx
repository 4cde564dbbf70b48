import { useEffect, useRef, type ComponentType, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FileDropOverlay } from './components/FileDropOverlay';
import { LanguageSwitch } from './components/LanguageSwitch';
import { Nav } from './components/Nav';
import { NotFoundPage } from './components/NotFoundPage';
import { SampleLanding } from './components/SampleLanding';
import { CampaignsPage } from './pages/campaigns/CampaignsPage';
import { DevelopersPage } from './pages/developers/DevelopersPage';
import { FunnelPage } from './pages/funnel/FunnelPage';
import { MergesPage } from './pages/merges/MergesPage';
import { ImportPage } from './pages/import/ImportPage';
import { OrganizationsPage } from './pages/organizations/OrganizationsPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { StatusPage } from './pages/status/StatusPage';
import type { Route } from './routes';
import { useHashRoute } from './use-hash-route';

const pages: Record<Route, ComponentType> = {
  overview: OverviewPage,
  developers: DevelopersPage,
  organizations: OrganizationsPage,
  merges: MergesPage,
  campaigns: CampaignsPage,
  funnel: FunnelPage,
  import: ImportPage,
  settings: SettingsPage,
  status: StatusPage,
  notFound: NotFoundPage,
};

export function App() {
  const { t } = useTranslation();
  const route = useHashRoute();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  const pageTitle = route === 'notFound' ? t('pages.notFound.title') : t(`nav.${route}`);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: pageTitle });
  }, [t, pageTitle]);

  // After a client-side navigation nothing tells a screen reader the page changed:
  // move focus to the new heading, as a real page load would start at the top.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  // A plain `href="#main"` would replace the hash route; focus the landmark instead.
  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    mainRef.current?.focus();
  };

  const Page = pages[route];
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="sidebar-inner">
          <div className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </div>
          <Nav current={route} />
          <LanguageSwitch />
        </div>
      </aside>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Page />
      </main>
      <FileDropOverlay />
      <SampleLanding />
    </div>
  );
}
