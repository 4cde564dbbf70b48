import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { importQueries } from '../../queries/imports';
import { FilePicker } from './FilePicker';
import { ImportForm } from './ImportForm';
import { ImportHistory } from './ImportHistory';
import { JobPanel } from './JobPanel';
import { PreviewPanel } from './PreviewPanel';
import { SampleDataOffer } from '../../components/SampleDataOffer';
import { TemplateDownloads } from './TemplateDownloads';
import { useImportFlow } from './use-import-flow';

/**
 * Drop (anywhere) or choose a file → preview and mapping → a background job
 * with progress → its result; the history and templates below.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const flow = useImportFlow();
  const formats = useQuery(importQueries.formats());
  const jobRef = useRef<HTMLDivElement>(null);
  const { stage, jobId } = flow;

  // A started or opened job is where the user's attention goes next.
  useEffect(() => {
    if (jobId !== null) jobRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [jobId]);

  return (
    <>
      <PageHeader title={t('nav.import')} description={t('pages.import.description')} />
      <div className="import-layout">
        <SampleDataOffer
          onLoaded={(jobIds) => {
            const last = jobIds.at(-1);
            if (last) flow.openJob(last);
          }}
          startedText={(count) => t('imports.sample.started', { count })}
        />
        <FilePicker stage={stage} onFile={flow.chooseFile} />
        {stage.kind === 'ready' ? (
          <>
            <PreviewPanel preview={stage.preview} />
            {formats.isError ? (
              <ErrorAlert error={formats.error} onRetry={() => void formats.refetch()} retrying={formats.isFetching} />
            ) : null}
            {formats.data ? (
              <ImportForm
                key={stage.id}
                file={stage.file}
                preview={stage.preview}
                formats={formats.data}
                starting={flow.starting}
                startError={flow.startError}
                onStart={(input) => void flow.start(input)}
              />
            ) : null}
          </>
        ) : null}
        {jobId !== null ? (
          <div ref={jobRef}>
            <JobPanel key={jobId} jobId={jobId} />
          </div>
        ) : null}
        <ImportHistory selected={jobId} onOpen={flow.openJob} />
        {formats.data ? <TemplateDownloads formats={formats.data} /> : null}
      </div>
    </>
  );
}
