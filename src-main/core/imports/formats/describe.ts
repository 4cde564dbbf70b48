/** The registry as the shells see it: formats described for `import:list-formats`, and a caller's type checked. */
import type { ImportFormat as ListedFormat } from '../../../../src-shared/contract/imports';
import { CoreError } from '../../errors';
import type { ImportFormat } from './format';
import { findFormat, importFormats, unknownTypeMessage } from './index';

/** The format a caller named, or a BAD_INPUT that lists the known ones (the caller's mistake, not ours). */
export function requireFormat(type: string): ImportFormat {
  const format = findFormat(type);
  if (!format) throw new CoreError('BAD_INPUT', unknownTypeMessage(type), { field: 'type' });
  return format;
}

export function describeFormat(format: ImportFormat): ListedFormat {
  return {
    type: format.type,
    label: format.label,
    shortLabel: format.shortLabel,
    labelKeys: { label: `imports.types.${format.type}`, shortLabel: `imports.typeShort.${format.type}` },
    fields: format.fields.map((f) => ({ name: f.name, required: f.required ?? false })),
    options: [...format.options],
    template: format.template,
    values: format.template ? (format.values ?? []).map((v) => ({ ...v, values: [...v.values] })) : [],
    primaryCount: format.primaryCount,
    keepsUnmapped: format.keepsUnmapped,
    actorFieldSets: format.actorFieldSets.map((set) => [...set]),
    companions: (format.companions ?? []).map((c) => ({ ...c })),
  };
}

/** Every registered format, in the picker's order. */
export const describeFormats = (): ListedFormat[] => importFormats().map(describeFormat);
