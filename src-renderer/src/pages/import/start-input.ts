/**
 * What the options form shows for each import type, and the `import:start`
 * input built from the form.
 */
import type { ImportOptionName } from '../../../../src-shared/contract/imports';
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { FileRef } from '../../api';
import { cleanMapping, type FieldLike, type Mapping } from './mapping';

export type OptionName = ImportOptionName;
export type OptionValues = Record<OptionName, string>;

export const emptyOptions = (timezone: string): OptionValues => ({
  timezone,
  source: '',
  campaign: '',
  eventTitle: '',
  eventId: '',
  eventDate: '',
  occurredAt: '',
});

/** The options that mean something for the format, in the form's order (the core's registry says which). */
export function optionsFor(format: { options: readonly OptionName[] }): readonly OptionName[] {
  return format.options;
}

export type StartInput = ChannelInput<'import:start'>;

interface StartForm {
  file: FileRef;
  format: { type: string; options: readonly OptionName[] };
  fields: readonly FieldLike[];
  headers: readonly string[];
  mapping: Mapping;
  options: OptionValues;
  /** Replace a known event's stored title (sent only for formats with an event title). */
  updateEventTitle?: boolean;
  dryRun: boolean;
}

/**
 * Only the options shown for this type and filled in are sent (trimmed): the
 * contract refuses empty strings, and a hidden field's old value must not leak
 * into another type's import.
 */
export function buildStartInput(form: StartForm): StartInput {
  const options: NonNullable<StartInput['options']> = {};
  for (const name of optionsFor(form.format)) {
    const value = form.options[name].trim();
    if (value !== '') options[name] = value;
  }
  if (form.updateEventTitle && form.format.options.includes('eventTitle')) options.updateEventTitle = true;
  return {
    fileHandle: form.file.fileHandle,
    type: form.format.type,
    mapping: cleanMapping(form.mapping, form.fields, form.headers),
    options,
    dryRun: form.dryRun,
  };
}
