import { useTranslation } from 'react-i18next';
import type { ResourceReport, ResourceRow } from '../../../../src-shared/contract/resources';
import { ShownDate, useStageLabel } from '../../components/developer-bits';
import { useFormatters } from '../../format';
import { useCategoryLabel } from './use-category-label';

/** A resource's own fields and the span of its activities. */
export function ResourceFacts({ resource }: { resource: ResourceRow }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  return (
    <dl className="facts profile-facts" data-testid="resource-facts">
      <div>
        <dt>{t('resources.columns.category')}</dt>
        <dd>{categoryLabel(resource.category)}</dd>
      </div>
      <div>
        <dt>{t('resources.columns.group')}</dt>
        <dd>{resource.groupKey ?? t('common.none')}</dd>
      </div>
      <div>
        <dt>{t('resources.columns.campaign')}</dt>
        <dd data-testid="resource-campaign">{resource.campaignName ?? t('resources.noCampaign')}</dd>
      </div>
      <div>
        <dt>{t('resourceDetail.url')}</dt>
        <dd>{resource.url ?? t('common.none')}</dd>
      </div>
      <div>
        <dt>{t('resourceDetail.firstActivity')}</dt>
        <dd>
          <ShownDate iso={resource.firstAt} fallback={t('common.none')} />
        </dd>
      </div>
      <div>
        <dt>{t('resourceDetail.lastActivity')}</dt>
        <dd>
          <ShownDate iso={resource.lastAt} fallback={t('common.none')} />
        </dd>
      </div>
    </dl>
  );
}

/** Content (blog, video, repo): conversions within 30 days of each developer's first touch. */
export function ContentFigures({ content }: { content: NonNullable<ResourceReport['content']> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const stageLabel = useStageLabel();
  return (
    <section className="card" aria-labelledby="content-figures" data-testid="content-figures">
      <h2 id="content-figures">{t('resourceDetail.contentTitle')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('resourceDetail.uniqueDevelopers')}</dt>
          <dd>{format.number(content.developers)}</dd>
        </div>
        <div>
          <dt>{t('resourceDetail.conversions')}</dt>
          <dd>{format.number(content.conversions)}</dd>
        </div>
        <div>
          <dt>{t('resourceDetail.convertedBefore')}</dt>
          <dd>{format.number(content.convertedBefore)}</dd>
        </div>
        <div>
          <dt>{t('resourceDetail.conversionStage')}</dt>
          <dd>{stageLabel(content.conversionStage)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** How many developers (with analytics consent) and anonymous activities. */
export function PeopleFigures({ report }: { report: ResourceReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section className="card" aria-labelledby="resource-people">
      <h2 id="resource-people">{t('resourceDetail.peopleTitle')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('resourceDetail.uniqueDevelopers')}</dt>
          <dd data-testid="resource-developers">{format.number(report.developers)}</dd>
        </div>
        <div>
          <dt>{t('resourceDetail.anonymous')}</dt>
          <dd>{format.number(report.anonymousActivities)}</dd>
        </div>
      </dl>
    </section>
  );
}
