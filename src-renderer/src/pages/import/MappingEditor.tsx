import { useTranslation } from 'react-i18next';
import type { ImportFormat } from '../../../../src-shared/contract/imports';
import { useImportLabels } from './labels';
import { companionWarnings, keepsUnmappedAsMetadata, unmappedHeaders, type FieldLike, type Mapping } from './mapping';

interface MappingEditorProps {
  format: ImportFormat;
  fields: readonly FieldLike[];
  headers: readonly string[];
  /** The first data row, to show what each column holds. */
  firstRow: readonly string[] | undefined;
  mapping: Mapping;
  /** Fields to flag as invalid (shown after a start was attempted). */
  invalid: ReadonlySet<string>;
  onChange(field: string, header: string | null): void;
}

const NOT_MAPPED = '';

/** One select per field of the chosen type, listing the file's columns. */
export function MappingEditor({ format, fields, headers, firstRow, mapping, invalid, onChange }: MappingEditorProps) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const leftover = unmappedHeaders(headers, mapping);
  const companions = companionWarnings(format, fields, mapping, headers);
  const example = (header: string | undefined) => {
    const index = header === undefined ? -1 : headers.indexOf(header);
    return index < 0 ? '' : (firstRow?.[index] ?? '');
  };

  return (
    <fieldset className="form-section">
      <legend>{t('imports.form.mapping')}</legend>
      <p className="hint">{t('imports.form.mappingHint')}</p>
      <table className="data-table mapping-table">
        <thead>
          <tr>
            <th scope="col">{t('imports.form.field')}</th>
            <th scope="col">{t('imports.form.column')}</th>
            <th scope="col">{t('imports.form.example')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const id = `map-${field.name}`;
            const header = mapping[field.name];
            return (
              <tr key={field.name}>
                <th scope="row">
                  <label htmlFor={id}>
                    {labels.field(field.name)}
                    {field.required ? <span className="required-tag"> ({t('imports.form.required')})</span> : null}
                  </label>
                  <code className="field-code">{field.name}</code>
                </th>
                <td>
                  <select
                    id={id}
                    value={header !== undefined && headers.includes(header) ? header : NOT_MAPPED}
                    aria-required={field.required}
                    aria-invalid={invalid.has(field.name) || companions.some((c) => c.need === field.name) || undefined}
                    onChange={(event) => onChange(field.name, event.target.value === NOT_MAPPED ? null : event.target.value)}
                  >
                    <option value={NOT_MAPPED}>{t('imports.form.notMapped')}</option>
                    {headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="example-cell">{example(header)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {companions.length > 0 ? (
        <div className="alert" role="status" data-testid="companion-warnings">
          <p className="alert-title">{t('imports.form.companionTitle')}</p>
          <ul>
            {companions.map(({ when, need }) => (
              <li key={need}>{t('imports.form.companionWarning', { when, need })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {leftover.length > 0 ? (
        <p className="hint" data-testid="unmapped-note">
          {t(keepsUnmappedAsMetadata(format) ? 'imports.form.metadataNote' : 'imports.form.ignoredNote', {
            columns: leftover.join(', '),
          })}
        </p>
      ) : null}
    </fieldset>
  );
}
