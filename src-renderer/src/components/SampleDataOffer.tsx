import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { importMutations, importQueries } from '../queries/imports';
import { systemQueries } from '../queries/system';
import { isEmptyDatabase, isFinished } from '../lib/import-status';
import { sampleJobs } from '../lib/sample-landing';

interface SampleDataOfferProps {
  /** What to do with the jobs the sample started (open one, go to the Import page…). */
  onLoaded(jobIds: string[]): void;
  /** The sentence shown once loading has started. */
  startedText(count: number): string;
}

/**
 * Offered only while the database has neither developers nor activities and
 * nothing is being imported: loads the realistic sample bundled with the app,
 * through ordinary imports.
 */
export function SampleDataOffer({ onLoaded, startedText }: SampleDataOfferProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const presence = useQuery(systemQueries.dataPresence());
  const jobs = useQuery(importQueries.jobs());
  const load = useMutation({
    ...importMutations.loadSample(),
    onSuccess: ({ jobIds }) => {
      void queryClient.invalidateQueries({ queryKey: importQueries.jobs().queryKey });
      // Once they have all succeeded, the app lands on Overview showing the sample's period.
      sampleJobs.set(jobIds);
      onLoaded(jobIds);
    },
  });

  if (load.isSuccess) {
    return (
      <p role="status" className="notice">
        {startedText(load.data.jobIds.length)}
      </p>
    );
  }
  // While imports run (the sample's own, or the user's first file) the database is about to fill.
  const running = jobs.data?.some((job) => !isFinished(job.status)) ?? false;
  if (!isEmptyDatabase(presence.data) || running) return null;

  return (
    <section className="card sample-offer" aria-labelledby="sample-offer-title">
      <h2 id="sample-offer-title">{t('imports.sample.title')}</h2>
      <p>{t('imports.sample.body')}</p>
      {load.isError ? <ErrorAlert error={load.error} /> : null}
      <button type="button" onClick={() => load.mutate()} disabled={load.isPending}>
        {load.isPending ? t('imports.sample.loading') : t('imports.sample.load')}
      </button>
    </section>
  );
}
