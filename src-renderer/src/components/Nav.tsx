import { useTranslation } from 'react-i18next';
import { hrefFor, routeIds, type Route } from '../routes';

export function Nav({ current }: { current: Route }) {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('app.navLabel')}>
      <ul>
        {routeIds.map((id) => (
          <li key={id}>
            <a href={hrefFor(id)} aria-current={id === current ? 'page' : undefined}>
              {t(`nav.${id}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
