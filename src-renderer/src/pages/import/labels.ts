import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportStatus, ImportType } from '../../../../src-shared/contract/imports';
import en from '../../i18n/en';
import { importQueries } from '../../queries/imports';
import { delimiterLabel, encodingLabel } from './encoding-label';

type FieldName = keyof typeof en.imports.fields;
type TypeName = keyof typeof en.imports.types & keyof typeof en.imports.typeShort;

function isKnownField(name: string): name is FieldName {
  return Object.hasOwn(en.imports.fields, name);
}

/** A format the translations name (a format added to the core's registry without them shows its English name). */
function isKnownType(name: string): name is TypeName {
  return Object.hasOwn(en.imports.types, name) && Object.hasOwn(en.imports.typeShort, name);
}

export interface ImportLabels {
  /** A field's human name; a field the app has no label for shows as the engine names it. */
  field(name: string): string;
  /** A format's name in the format picker and the preview. */
  type(type: ImportType): string;
  /** A format's short name (history, template buttons). */
  typeShort(type: ImportType): string;
  status(status: ImportStatus): string;
  encoding(raw: string): string;
  delimiter(raw: string): string;
}

export function useImportLabels(): ImportLabels {
  const { t } = useTranslation();
  const formats = useQuery(importQueries.formats()).data;
  return useMemo(() => {
    const listed = (type: string) => formats?.find((format) => format.type === type);
    const encodings = {
      utf8: t('imports.encodings.utf8'),
      utf8Bom: t('imports.encodings.utf8Bom'),
      cp932: t('imports.encodings.cp932'),
      utf16le: t('imports.encodings.utf16le'),
      utf16be: t('imports.encodings.utf16be'),
    };
    const delimiters = {
      comma: t('imports.delimiters.comma'),
      tab: t('imports.delimiters.tab'),
      semicolon: t('imports.delimiters.semicolon'),
      pipe: t('imports.delimiters.pipe'),
    };
    return {
      field: (name) => (isKnownField(name) ? t(`imports.fields.${name}`) : name),
      type: (type) => (isKnownType(type) ? t(`imports.types.${type}`) : (listed(type)?.label ?? type)),
      typeShort: (type) => (isKnownType(type) ? t(`imports.typeShort.${type}`) : (listed(type)?.shortLabel ?? type)),
      status: (status) => t(`imports.status.${status}`),
      encoding: (raw) => encodingLabel(raw, encodings),
      delimiter: (raw) => delimiterLabel(raw, delimiters),
    };
  }, [t, formats]);
}
