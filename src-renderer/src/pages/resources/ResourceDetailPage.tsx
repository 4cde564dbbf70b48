import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resourceBuckets, type ResourceBucket } from '../../../../src-shared/contract/values';
import { exportFileStem } from '../../analytics/csv';
import { useHashQuery } from '../../analytics/hooks';
import { useStageLabel } from '../../components/developer-bits';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { resourceQueries } from '../../queries/resources';
import { hrefFor } from '../../routes';
import { EditResourceDialog } from './EditResourceDialog';
import { EventSection } from './EventSection';
import { ContentFigures, PeopleFigures, ResourceFacts } from './ResourceFacts';
import { ResourceTimeline } from './ResourceTimeline';
import { actionsTable, campaignsTable, categoryOptions, stageMixTable } from './resource-view';
import { TableCard } from './TableCard';

const isBucket = (v: string | null): v is ResourceBucket => (resourceBuckets as readonly (string | null)[]).includes(v);

/**
 * One resource: its facts (editable), activities over time by action (day or
 * week, kept in the address), who did them and their stage mix, the
 * campaigns involved, and for an event or content their own figures.
 */
export function ResourceDetailPage({ resourceId }: { resourceId: string }) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const [params, update] = useHashQuery();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const bucketParam = params.get('bucket');
  const bucket: ResourceBucket = isBucket(bucketParam) ? bucketParam : 'week';
  const query = useQuery(resourceQueries.report({ resourceId, bucket }));
  const report = query.data;
  const resource = report?.resource;
  const name = resource ? (resource.title ?? resource.url ?? t('resources.untitled')) : t('resources.title');
  const stem = exportFileStem(`resource-${name}`);

  return (
    <>
      <p className="back-link">
        <a href={hrefFor('resources')}>← {t('resourceDetail.back')}</a>
      </p>
      <PageHeader title={name} />
      <p role="status" className={query.isPending ? 'loading' : notice ? 'notice' : 'visually-hidden'}>
        {query.isPending ? t('resourceDetail.loading') : notice}
      </p>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {resource && report ? (
        <>
          <ResourceFacts resource={resource} />
          <div className="button-row">
            <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
              {t('resources.edit')}
            </button>
          </div>
          {report.event ? <EventSection event={report.event} stem={stem} /> : null}
          {report.content ? <ContentFigures content={report.content} /> : null}
          <ResourceTimeline
            report={report}
            fileStem={`${stem}-${bucket}`}
            actions={
              <label className="inline-field">
                {t('resourceDetail.bucket')}{' '}
                <select value={bucket} onChange={(e) => update({ bucket: e.target.value })}>
                  {resourceBuckets.map((b) => (
                    <option key={b} value={b}>
                      {t(`resourceDetail.buckets.${b}`)}
                    </option>
                  ))}
                </select>
              </label>
            }
          />
          <PeopleFigures report={report} />
          <TableCard
            title={t('resourceDetail.actionsTitle')}
            table={actionsTable(report, {
              action: t('resourceDetail.action'),
              activities: t('resourceDetail.activities'),
              developers: t('resourceDetail.developers'),
            })}
            fileStem={`${stem}-actions`}
            empty={t('resourceDetail.timelineEmpty')}
          />
          <TableCard
            title={t('resourceDetail.stageMixTitle')}
            table={stageMixTable(report, stageLabel, { stage: t('resourceDetail.stage'), developers: t('resourceDetail.developers') })}
            fileStem={`${stem}-stage-mix`}
            empty={t('resourceDetail.none')}
          />
          <TableCard
            title={t('resourceDetail.campaignsTitle')}
            table={campaignsTable(report, {
              campaign: t('resourceDetail.campaign'),
              activities: t('resourceDetail.activities'),
              weight: t('resourceDetail.weight'),
            })}
            fileStem={`${stem}-campaigns`}
            empty={t('resourceDetail.noCampaigns')}
            testId="resource-campaigns"
          />
          {editing ? (
            <EditResourceDialog
              resource={resource}
              categories={categoryOptions([])}
              onClose={(message) => {
                setEditing(false);
                if (message) setNotice(message);
              }}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
