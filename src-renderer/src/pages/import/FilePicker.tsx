import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../format';
import type { FileStage } from './use-import-flow';

export const ACCEPT = '.csv,.tsv,.txt,.log,text/csv';

interface FilePickerProps {
  stage: FileStage;
  onFile(file: File): void;
}

function ReadingStatus({ stage }: { stage: Extract<FileStage, { kind: 'reading' }> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  // Electron hands over a path at once; only a browser upload has bytes to count.
  if (stage.uploaded === null) {
    return (
      <p className="loading">
        <span className="spinner" aria-hidden="true" />
        {api.transport === 'http' ? t('imports.drop.uploading', { name: stage.name }) : t('imports.drop.reading', { name: stage.name })}
      </p>
    );
  }
  const percent = stage.size > 0 ? Math.min(1, stage.uploaded / stage.size) : 1;
  return (
    <div className="upload-progress">
      <p>{t('imports.drop.uploading', { name: stage.name })}</p>
      <progress aria-label={t('imports.drop.uploadProgress')} value={stage.uploaded} max={Math.max(stage.size, 1)} />
      <p className="meta-line">
        {format.percent(percent)} · {format.bytes(stage.uploaded)} / {format.bytes(stage.size)}
      </p>
    </div>
  );
}

/**
 * The keyboard (and mouse) way to pick a file; dropping one anywhere on the
 * window does the same. The input itself stays hidden behind a real button.
 */
export function FilePicker({ stage, onFile }: FilePickerProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const busy = stage.kind === 'reading' || stage.kind === 'previewing';

  return (
    <section className="card drop-card" aria-labelledby="import-file-title">
      <h2 id="import-file-title">{t('imports.drop.title')}</h2>
      <p>{t('imports.drop.body')}</p>
      <div className="drop-actions">
        <button type="button" onClick={() => input.current?.click()} disabled={busy}>
          {stage.kind === 'ready' || stage.kind === 'failed' || stage.kind === 'refused'
            ? t('imports.drop.other')
            : t('imports.drop.choose')}
        </button>
        <span className="meta-line">{t('imports.drop.accepted')}</span>
      </div>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('imports.drop.inputLabel')}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) fires again.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
      <div role="status" className="drop-status">
        {stage.kind === 'reading' ? <ReadingStatus stage={stage} /> : null}
        {stage.kind === 'previewing' ? (
          <p className="loading">
            <span className="spinner" aria-hidden="true" />
            {t('imports.drop.previewing', { name: stage.name })}
          </p>
        ) : null}
      </div>
      {stage.kind === 'refused' ? (
        <div className="alert" role="alert">
          <p className="alert-title">{t('imports.unsupported.title', { name: stage.name })}</p>
          <p>{t(`imports.unsupported.${stage.reason}`)}</p>
        </div>
      ) : null}
      {stage.kind === 'failed' ? (
        <>
          <p className="alert-lead">{t('imports.drop.failed', { name: stage.name })}</p>
          <ErrorAlert error={stage.error} />
        </>
      ) : null}
    </section>
  );
}
