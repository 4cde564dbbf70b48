/** A registered format as `import:list-formats` gives it to the renderer and the CLI. */
import type { ImportFormat as ListedFormat } from '../../../../src-shared/contract/imports';
import type { ImportFormat } from './format';
import { importFormats } from './index';

export function describeFormat(format: ImportFormat): ListedFormat {
  return {
    type: format.type,
    label: format.label,
    shortLabel: format.shortLabel,
    labelKeys: { label: `imports.types.${format.type}`, shortLabel: `imports.typeShort.${format.type}` },
    fields: format.fields.map((f) => ({ name: f.name, required: f.required ?? false })),
    options: [...format.options],
    template: format.template,
    primaryCount: format.primaryCount,
    keepsUnmapped: format.keepsUnmapped,
    actorFieldSets: format.actorFieldSets.map((set) => [...set]),
  };
}

/** Every registered format, in the picker's order. */
export const describeFormats = (): ListedFormat[] => importFormats().map(describeFormat);
