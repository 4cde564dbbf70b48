import { Suspense, useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FileDropOverlay } from './components/FileDropOverlay';
import { LanguageSwitch } from './components/LanguageSwitch';
import { Nav } from './components/Nav';
import { SampleLanding } from './components/SampleLanding';
import { WorkspaceSwitch } from './components/WorkspaceSwitch';
import { focusHeadingWhenShown } from './lib/focus-heading';
import { pages, preloadPages } from './page-of-route';
import { useHashRoute } from './use-hash-route';

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}

export function App() {
  const { t } = useTranslation();
  const route = useHashRoute();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  const pageTitle = route === 'notFound' ? t('pages.notFound.title') : t(`nav.${route}`);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: pageTitle });
  }, [t, pageTitle]);

  // When the browser idles (5 s at the latest), the other pages' code is fetched: later clicks show at once.
  useEffect(() => {
    const idle = requestIdleCallback(preloadPages, { timeout: 5000 });
    return () => cancelIdleCallback(idle);
  }, []);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    return focusHeadingWhenShown(mainRef.current);
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
          <WorkspaceSwitch />
          <Nav current={route} />
          <LanguageSwitch />
        </div>
      </aside>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
          <Page />
        </Suspense>
      </main>
      <FileDropOverlay />
      <SampleLanding />
    </div>
  );
}
