import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { analyticsQueries } from '../queries/analytics';
import { importQueries } from '../queries/imports';
import { sampleJobs, sampleLanding, sampleLandingHref } from '../lib/sample-landing';
import { routeFromHash } from '../routes';

/**
 * Watches the sample's imports wherever the user is; when every one has
 * succeeded, opens Overview on the sample's period — unless the user has
 * gone on to another page meanwhile, which is theirs to leave.
 */
export function SampleLanding() {
  const queryClient = useQueryClient();
  const jobIds = useSyncExternalStore(sampleJobs.subscribe, sampleJobs.get);
  const jobs = useQueries({ queries: jobIds.map((jobId) => importQueries.job(jobId)) });
  const outcome = jobIds.length === 0 ? null : sampleLanding(jobs.map((job) => job.data));

  useEffect(() => {
    if (outcome === null || outcome === 'wait') return;
    sampleJobs.set([]);
    if (outcome === 'stay') return;
    const route = routeFromHash(window.location.hash);
    if (route !== 'import' && route !== 'overview') return;
    void queryClient.fetchQuery(analyticsQueries.activityRange()).then((range) => {
      window.location.hash = sampleLandingHref(range);
    });
  }, [outcome, queryClient]);

  return null;
}
