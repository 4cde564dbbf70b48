import { useTranslation } from 'react-i18next';
import { useFormatters } from '../format';
import { isProvider } from '../../../src-shared/providers';
import { isStageKey } from '../../../src-shared/funnel-stages';
import { developerName } from '../lib/developer-name';
import { parseTime } from '../lib/time';

/** The developer's name, else email, else "(no name)" in muted text. */
export function DeveloperNameText({ dev }: { dev: { displayName: string | null; primaryEmail: string | null } }) {
  const { t } = useTranslation();
  const name = developerName(dev);
  return name.kind === 'none' ? <span className="muted">{t('developers.noName')}</span> : <>{name.text}</>;
}

/** A plain string for places that take no markup (dialog text, aria labels). */
export function useDeveloperLabel(): (dev: { displayName: string | null; primaryEmail: string | null }) => string {
  const { t } = useTranslation();
  return (dev) => {
    const name = developerName(dev);
    return name.kind === 'none' ? t('developers.noName') : name.text;
  };
}

export function useStageLabel(): (stage: string | null) => string {
  const { t } = useTranslation();
  return (stage) => (stage === null ? t('developers.stages.none') : isStageKey(stage) ? t(`developers.stages.${stage}`) : stage);
}

export function useProviderLabel(): (provider: string) => string {
  const { t } = useTranslation();
  return (provider) => (isProvider(provider) ? t(`developers.providers.${provider}`) : provider);
}

export function StageBadge({ stage }: { stage: string | null }) {
  const label = useStageLabel()(stage);
  return <span className={`badge stage-badge stage-${stage ?? 'none'}`}>{label}</span>;
}

export function ProviderChips({ providers }: { providers: readonly string[] }) {
  const label = useProviderLabel();
  if (providers.length === 0) return null;
  return (
    <ul className="chip-list">
      {providers.map((p) => (
        <li key={p} className="chip">
          {label(p)}
        </li>
      ))}
    </ul>
  );
}

/**
 * A day as lists and cards show it ("2024/05/01"), with how long ago and the
 * exact time as its tooltip: relative times alone made every old row read
 * "2 years ago" and a sorted list look random.
 */
export function ShownDate({ iso, fallback }: { iso: string | null; fallback: string }) {
  const format = useFormatters();
  const date = parseTime(iso);
  if (!date) return <span className="muted">{fallback}</span>;
  return (
    <time dateTime={date.toISOString()} title={`${format.relative(date)} · ${format.dateTime(date)}`}>
      {format.date(date)}
    </time>
  );
}
