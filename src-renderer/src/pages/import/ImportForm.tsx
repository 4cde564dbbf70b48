import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportType } from '../../../../src-shared/contract/imports';
import type { ChannelOutput } from '../../../../src-shared/contract/index';
import type { FileRef } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useImportLabels } from './labels';
import { MappingEditor } from './MappingEditor';
import { isMappingValid, suggestMapping, validateMapping, type Mapping } from './mapping';
import { EventTitleCheck } from './EventTitleCheck';
import { OptionsFields } from './OptionsFields';
import { SampleCheck } from './SampleCheck';
import { buildStartInput, emptyOptions, type OptionValues, type StartInput } from './start-input';
import { browserTimeZone, isValidTimeZone } from '../../lib/time-zones';
import type { ImportPreview } from './use-import-flow';

interface ImportFormProps {
  file: FileRef;
  preview: ImportPreview;
  formats: ChannelOutput<'import:list-formats'>;
  starting: boolean;
  startError: unknown;
  onStart(input: StartInput): void;
}

/** Format, column mapping, options and dry run; checked here before the core sees them. */
export function ImportForm({ file, preview, formats, starting, startError, onStart }: ImportFormProps) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const formatOf = (type: ImportType | null) => formats.find((f) => f.type === type);
  const fieldsOf = (type: ImportType | null) => formatOf(type)?.fields ?? [];
  const [type, setType] = useState<ImportType | null>(preview.type);
  const [mapping, setMapping] = useState<Mapping>(() => suggestMapping(fieldsOf(preview.type), preview.headers, preview.mapping));
  const [options, setOptions] = useState<OptionValues>(() => emptyOptions(browserTimeZone()));
  const [updateEventTitle, setUpdateEventTitle] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [tried, setTried] = useState(false);

  const format = formatOf(type);
  const fields = useMemo(() => format?.fields ?? [], [format]);
  const problems = useMemo(
    () => (format ? validateMapping(format, fields, mapping, preview.headers) : { missing: [], needsActor: false }),
    [format, fields, mapping, preview.headers],
  );
  const timeZoneOk = isValidTimeZone(options.timezone);
  const ready = format !== undefined && isMappingValid(problems) && timeZoneOk;
  // The first rows are checked by the core once the form could start: before, the messages below say what is missing.
  const sample = ready ? buildStartInput({ file, format, fields, headers: preview.headers, mapping, options, dryRun: false }) : null;

  const changeType = (next: ImportType | null) => {
    setType(next);
    // Another type has other fields: start again from the file's own suggestion.
    setMapping(suggestMapping(fieldsOf(next), preview.headers, preview.mapping));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!ready || format === undefined) return;
    onStart(buildStartInput({ file, format, fields, headers: preview.headers, mapping, options, updateEventTitle, dryRun }));
  };

  const messages: string[] = [];
  if (type === null) messages.push(t('imports.form.missingFormat'));
  if (problems.missing.length > 0) messages.push(t('imports.form.missing', { fields: problems.missing.map(labels.field).join(', ') }));
  if (problems.needsActor) messages.push(t('imports.form.needsActor'));
  if (!timeZoneOk) messages.push(t('imports.form.badTimeZone', { zone: options.timezone }));

  return (
    <form className="card import-form" aria-labelledby="import-form-title" onSubmit={submit} noValidate>
      <h2 id="import-form-title" className="visually-hidden">
        {t('imports.form.title')}
      </h2>
      <div className="field">
        <label htmlFor="import-type">{t('imports.form.format')}</label>
        <select
          id="import-type"
          value={type ?? ''}
          aria-invalid={(tried && type === null) || undefined}
          onChange={(event) => changeType((event.target.value || null) as ImportType | null)}
        >
          {type === null ? <option value="">{t('imports.form.chooseFormat')}</option> : null}
          {formats.map((format) => (
            <option key={format.type} value={format.type}>
              {labels.type(format.type)}
            </option>
          ))}
        </select>
      </div>
      {format ? (
        <>
          <MappingEditor
            format={format}
            fields={fields}
            headers={preview.headers}
            firstRow={preview.rows[0]}
            mapping={mapping}
            invalid={new Set(tried ? problems.missing : [])}
            onChange={(field, header) =>
              setMapping((current) => {
                const next = { ...current };
                if (header === null) delete next[field];
                else next[field] = header;
                return next;
              })
            }
          />
          <OptionsFields
            format={format}
            values={options}
            timeZoneInvalid={tried && !timeZoneOk}
            onChange={(name, value) => setOptions((current) => ({ ...current, [name]: value }))}
          >
            {format.options.includes('eventTitle') ? (
              <EventTitleCheck
                file={file}
                eventId={options.eventId}
                eventTitle={options.eventTitle}
                update={updateEventTitle}
                onUpdate={setUpdateEventTitle}
              />
            ) : null}
          </OptionsFields>
          {sample ? (
            <SampleCheck input={{ fileHandle: sample.fileHandle, type: sample.type, mapping: sample.mapping, options: sample.options }} />
          ) : null}
        </>
      ) : null}
      <DryRunField checked={dryRun} onChange={setDryRun} />
      {tried && messages.length > 0 ? (
        <div className="alert" role="alert">
          <p className="alert-title">{t('imports.form.fixTitle')}</p>
          <ul>
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {startError ? <ErrorAlert error={startError} /> : null}
      <div className="form-actions">
        <button type="submit" disabled={starting}>
          {starting ? t('imports.form.starting') : dryRun ? t('imports.form.validate') : t('imports.form.start')}
        </button>
      </div>
    </form>
  );
}

/** Checks the whole file without writing anything. */
function DryRunField({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  const { t } = useTranslation();
  return (
    <div className="field checkbox-field">
      <input
        id="import-dry-run"
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby="import-dry-run-hint"
      />
      <label htmlFor="import-dry-run">{t('imports.form.dryRun')}</label>
      <p className="hint" id="import-dry-run-hint">
        {t('imports.form.dryRunHint')}
      </p>
    </div>
  );
}
