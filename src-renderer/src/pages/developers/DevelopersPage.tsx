import { useEffect, useRef } from 'react';
import { useRouteParam } from '../../use-hash-route';
import { DeveloperListPage } from './DeveloperListPage';
import { ProfilePage } from './ProfilePage';

/** `#/developers` is the list; `#/developers/<id>` is one developer's profile. */
export function DevelopersPage() {
  const developerId = useRouteParam();
  const firstRender = useRef(true);

  // The shell moves focus on page changes; list ⇄ profile stays on this page, so do it here.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [developerId]);

  return developerId ? <ProfilePage key={developerId} developerId={developerId} /> : <DeveloperListPage />;
}
