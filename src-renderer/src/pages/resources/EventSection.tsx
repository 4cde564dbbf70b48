import { useTranslation } from 'react-i18next';
import type { ResourceReport } from '../../../../src-shared/contract/resources';
import { exportFileStem } from '../../analytics/csv';
import { useStageLabel } from '../../components/developer-bits';
import { useFormatters } from '../../format';
import { attendeeStagesTable, eventsTable, type EventLabels } from './resource-view';
import { TableCard } from './TableCard';

/** An event's figures, its attendees' stages before and 30 days after, and its series (same group). */
export function EventSection({ event, stem }: { event: NonNullable<ResourceReport['event']>; stem: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const stageLabel = useStageLabel();
  const f = event.figures;
  const labels: EventLabels = {
    date: t('resourceDetail.date'),
    event: t('resourceDetail.event'),
    registered: t('resourceDetail.registered'),
    cancelled: t('resourceDetail.cancelled'),
    attended: t('resourceDetail.attended'),
    noShows: t('resourceDetail.noShows'),
    noShowRate: t('resourceDetail.noShowRate'),
    firstTime: t('resourceDetail.firstTime'),
    repeat: t('resourceDetail.repeat'),
    repeatInGroup: t('resourceDetail.repeatInGroup'),
    repeatRate: t('resourceDetail.repeatRate'),
  };
  const figures: [string, string][] = [
    [labels.registered, format.number(f.registered)],
    [labels.cancelled, format.number(f.cancelled)],
    [labels.attended, format.number(f.attended)],
    [labels.noShows, format.number(f.noShows)],
    [labels.noShowRate, f.noShowRate === null ? t('common.none') : format.percent(f.noShowRate)],
    [labels.firstTime, format.number(f.firstTime)],
    [labels.repeat, format.number(f.repeat)],
    ...(f.repeatInGroup === null ? [] : [[labels.repeatInGroup, format.number(f.repeatInGroup)] as [string, string]]),
  ];
  return (
    <>
      <section className="card" aria-labelledby="event-figures" data-testid="event-figures">
        <h2 id="event-figures">{t('resourceDetail.eventTitle')}</h2>
        <p className="hint">{t('resourceDetail.eventHint')}</p>
        <dl className="facts">
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <TableCard
        title={t('resourceDetail.stagesTitle')}
        table={attendeeStagesTable(event.stages, stageLabel, {
          stage: t('resourceDetail.stage'),
          before: t('resourceDetail.before'),
          after: t('resourceDetail.after'),
        })}
        fileStem={`${stem}-attendee-stages`}
        empty={t('resourceDetail.none')}
        hint={<p className="hint">{t('resourceDetail.advanced', { count: event.advanced })}</p>}
        testId="event-stages"
      />
      {f.groupKey !== null ? (
        <TableCard
          title={t('resourceDetail.seriesTitle', { group: f.groupKey })}
          table={eventsTable(event.series, labels, t('resources.untitled'))}
          fileStem={exportFileStem(`series-${f.groupKey}`)}
          empty={t('resourceDetail.none')}
          testId="event-series"
        />
      ) : null}
    </>
  );
}
