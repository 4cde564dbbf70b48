import { useTranslation } from 'react-i18next';
import type { DeveloperProfile } from '../../../../src-shared/contract/developers';
import { useFormatters } from '../../format';
import { developerHref } from '../../routes';
import { StageBadge, ShownDate, useStageLabel } from '../../components/developer-bits';
import { parseTime } from '../../lib/time';

/** A time as the profile shows it: a date, or a dash when there is none. */
export function useProfileDate(): (iso: string | null) => string {
  const { t } = useTranslation();
  const format = useFormatters();
  return (iso) => {
    const date = parseTime(iso);
    return date ? format.date(date) : t('common.none');
  };
}

/** The merged-away banner, then email, organization and the stage reached. */
export function ProfileFacts({ dev }: { dev: DeveloperProfile }) {
  const { t } = useTranslation();
  const when = useProfileDate();
  const stageLabel = useStageLabel();
  const dash = t('common.none');
  return (
    <>
      {dev.mergedInto ? (
        <div className="notice merged-banner" role="note">
          <p>{t('profile.mergedBanner')}</p>
          <a href={developerHref(dev.mergedInto)}>{t('profile.openSurvivor')}</a>
        </div>
      ) : null}
      <dl className="facts profile-facts">
        <div>
          <dt>{t('profile.email')}</dt>
          <dd>{dev.primaryEmail ?? dash}</dd>
        </div>
        <div>
          <dt>{t('profile.organization')}</dt>
          <dd>{dev.organization?.name ?? dash}</dd>
        </div>
        <div>
          <dt>{t('profile.stage')}</dt>
          <dd>
            <StageBadge stage={dev.stage} />{' '}
            {dev.stageReachedAt ? <span className="muted">{t('profile.stageReachedAt', { time: when(dev.stageReachedAt) })}</span> : null}
          </dd>
        </div>
        {dev.stages.length > 0 ? (
          <div>
            <dt>{t('profileDetails.stagesReached')}</dt>
            <dd>
              <ol className="stage-steps" data-testid="stages-reached">
                {dev.stages.map((s) => (
                  <li key={s.key} data-stage={s.key}>
                    {t('profileDetails.stageStep', { stage: stageLabel(s.key), time: when(s.reachedAt) })}
                  </li>
                ))}
              </ol>
            </dd>
          </div>
        ) : null}
      </dl>
    </>
  );
}

/** developer_stats as cards: counts, then the last activity. */
export function ProfileStats({ stats }: { stats: DeveloperProfile['stats'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section aria-labelledby="stats-title" className="profile-section">
      <h2 id="stats-title">{t('profile.stats')}</h2>
      <dl className="stat-cards">
        {(
          [
            ['statTotal', stats.totalActions],
            ['statClicks', stats.clicks],
            ['statAttends', stats.attends],
            ['statPosts', stats.posts],
            ['statStars', stats.stars],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className="card stat-card">
            <dt>{t(`profile.${key}`)}</dt>
            <dd data-testid={`stat-${key}`}>{format.number(value)}</dd>
          </div>
        ))}
        <div className="card stat-card">
          <dt>{t('profile.statLast')}</dt>
          <dd className="stat-time">
            <ShownDate iso={stats.lastActionAt} fallback={t('developers.noActivity')} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
