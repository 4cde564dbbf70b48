/**
 * The registry of import formats: the one list the importer, the preview,
 * the handlers (and through `import:list-formats` the renderer and the CLI)
 * read. Adding a format means adding its file and a line here, plus its
 * translations (`imports.types.<type>`, `imports.typeShort.<type>`).
 */
import { activities } from './activities';
import { budgets } from './budgets';
import { campaigns } from './campaigns';
import { clickLog } from './click-log';
import { connpass } from './connpass';
import { developers } from './developers';
import type { ImportFormat } from './format';
import { githubStars } from './github-stars';
import { slackMembers } from './slack-members';

export type { FieldSpec, ImportFormat } from './format';

/** The app's formats, in the order the format picker lists them. */
const BUILT_IN: readonly ImportFormat[] = [activities, developers, campaigns, budgets, connpass, githubStars, slackMembers, clickLog];

const formats = new Map<string, ImportFormat>(BUILT_IN.map((format) => [format.type, format]));
/** Modules of formats registered at run time: the parse workers import them to know those formats too. */
const modules = new Map<string, string>();

/** Every format, in the picker's order. */
export function importFormats(): readonly ImportFormat[] {
  return [...formats.values()];
}

export function findFormat(type: string): ImportFormat | undefined {
  return formats.get(type);
}

export const unknownTypeMessage = (type: string) => `Unknown import type "${type}"; use one of ${[...formats.keys()].join(', ')}`;

/**
 * The format named `type`, for code past the shells' boundary (which checks
 * a caller's type with describe.ts's requireFormat). No CoreError here: the
 * parse workers load this registry, and they stay free of the contract's zod.
 */
export function formatOf(type: string): ImportFormat {
  const format = formats.get(type);
  if (!format) throw new Error(unknownTypeMessage(type));
  return format;
}

/**
 * Adds a format from outside the built-in list. `module` is the URL of the
 * module that calls this (its `import.meta.url`): a parse worker runs in its
 * own thread, with its own registry, and imports it to learn the format.
 * Tests use this to prove a new format needs nothing but its own file.
 */
export function registerFormat(format: ImportFormat, module: string): void {
  const known = formats.get(format.type);
  if (known && known !== format) throw new Error(`an import format named ${format.type} is already registered`);
  formats.set(format.type, format);
  modules.set(format.type, module);
}

/** The module that registers `type`, when it is not built in. */
export function formatModule(type: string): string | undefined {
  return modules.get(type);
}

/** Formats in recognition order: the most specific exports first. */
export function recognitionOrder(): ImportFormat[] {
  return importFormats()
    .filter((format) => format.detect !== undefined)
    .sort((a, b) => (a.detect?.rank ?? 0) - (b.detect?.rank ?? 0));
}
