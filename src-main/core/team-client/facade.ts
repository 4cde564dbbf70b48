/**
 * One `Core` for the shells over whichever core runs now (switcher.ts): the
 * shells keep the object they were given, and each call goes to the core of
 * the moment, waiting while a switch is under way. Events and file handles
 * are the shell's, shared by every core the switcher starts.
 */
import type { ApiResult } from '../../../src-shared/contract/common';
import { channelNames, type ChannelName } from '../../../src-shared/contract/index';
import type { BackupService } from '../backup/service';
import { CoreError, toApiError } from '../errors';
import type { CoreEvents } from '../events';
import type { FileRegistry } from '../files/handles';
import type { Caller, CoreHandlers } from '../handlers';
import type { Core } from '../types';

export interface Running {
  /** The core to call: during a switch, the one it will end on. */
  current(): Promise<Core>;
  /** The core running now, if one is (none in the middle of a switch). */
  ready(): Core | undefined;
}

export interface Shared {
  events: CoreEvents;
  files: FileRegistry;
  /** Whether stopping closes `files` (the switcher made them, rather than the shell). */
  ownsFiles: boolean;
  /** The first start's, which the CLI's `migrate` and the shells report. */
  migrationsApplied: string[];
  preMigrationBackup: string | null;
}

export function forwardingCore(running: Running, shared: Shared): Core {
  const { current, ready } = running;
  const now = (): Core => {
    const core = ready();
    if (core) return core;
    throw new CoreError('UNAVAILABLE', 'The app is switching to other data; try again in a moment.');
  };
  const forward =
    (name: ChannelName) =>
    (input: unknown, caller?: Caller): Promise<ApiResult<unknown>> =>
      current().then(
        (core) => (core.handlers[name] as (input: unknown, caller?: Caller) => Promise<ApiResult<unknown>>)(input, caller),
        // Neither the next core nor the previous one came up: an answer, never a throw (CoreHandlers).
        (error: unknown) => ({ ok: false, error: toApiError(error) }),
      );
  const backups: BackupService = {
    folder: () => now().backups.folder(),
    list: () => current().then((core) => core.backups.list()),
    create: (options) => current().then((core) => core.backups.create(options)),
    restore: (file, options) => current().then((core) => core.backups.restore(file, options)),
    hasData: () => current().then((core) => core.backups.hasData()),
    close: async () => ready()?.backups.close(),
  };

  let stopping: Promise<void> | undefined;
  return {
    handlers: Object.fromEntries(channelNames.map((name) => [name, forward(name)])) as CoreHandlers,
    events: shared.events,
    files: shared.files,
    get location() {
      return now().location;
    },
    importer: {
      settled: (jobId) => current().then((core) => core.importer.settled(jobId)),
      outcome: (jobId) => now().importer.outcome(jobId),
      busy: () => ready()?.importer.busy() ?? false,
    },
    backups,
    migrationsApplied: shared.migrationsApplied,
    preMigrationBackup: shared.preMigrationBackup,
    withDatabase: (work) => current().then((core) => core.withDatabase(work)),
    stop: () =>
      (stopping ??= (async () => {
        // A switch under way finishes first, so the core it ends on is the one stopped.
        await current().catch(() => undefined);
        await ready()?.stop();
        if (shared.ownsFiles) await shared.files.close();
      })()),
  };
}
