/**
 * The core of a shell that can move between this computer's data and a
 * team's (the desktop app, and `drm serve` on this computer's data): it runs
 * one `startCore` at a time and answers the contract through whichever runs.
 *
 * - On a team database, the core runs on that PostgreSQL in the chosen
 *   workspace, exactly as `--database-url` would; the embedded server is
 *   stopped, its folder untouched, and switching back starts it again.
 *   Scheduled backups do not run there: the team's operator backs up the
 *   shared server (and backups refuse a database with several tenants).
 * - For a team server, the core stays on this computer's data: the shell
 *   hands its window to the server, where the person signs in.
 *
 * A switch stops the running core and starts the next; calls made meanwhile
 * wait for it. A target that cannot be opened leaves the app where it was.
 */
import { join } from 'node:path';
import { tableNames } from '../../../src-shared/contract/tables';
import type { TeamConnection, TeamPlace, TeamTarget } from '../../../src-shared/contract/team';
import { externalSlug } from '../backup/settings';
import { redactUrl } from '../db/client';
import { CoreError, reasonOf } from '../errors';
import { createCoreEvents } from '../events';
import { createFileRegistry } from '../files/handles';
import { startCore } from '../index';
import type { Core, StartCoreOptions } from '../types';
import { forwardingCore } from './facade';
import type { TeamClientControl } from './handlers';
import { probeDatabase, probeTeamServer } from './probe';
import { readTeamTarget, removeTeamTarget, writeTeamTarget } from './setting';

export type SwitchableCoreOptions = Extract<StartCoreOptions, { dataDir: string }>;

type DatabaseTarget = Extract<TeamTarget, { kind: 'database' }>;

const describe = (target: DatabaseTarget | undefined): string =>
  target ? `the team database ${redactUrl(target.url)} (workspace ${target.tenantId})` : 'this computer’s data';

/** A core on `target` (a team database), or on this computer's data. */
function coreOn(options: SwitchableCoreOptions, target: DatabaseTarget | undefined, said: string[]): Promise<Core> {
  if (!target) return startCore(options);
  return startCore({
    ...options,
    dataDir: undefined,
    databaseUrl: target.url,
    tenant: target.tenantId,
    // Its backup settings and folder, should someone back it up by hand, sit beside this computer's data.
    stateDir: join(options.dataDir, 'external', externalSlug(target.url)),
    scheduleBackups: false,
    onNotice: (message) => {
      said.push(message);
      options.onNotice?.(message);
    },
  });
}

interface Opened {
  core?: Core;
  on?: DatabaseTarget;
  place: TeamPlace;
  problem: string | null;
  notices: string[];
}

/** Where the saved setting says to start; a team database that cannot be opened leaves the app on this computer's data, told why. */
async function openSaved(dataDir: string, startOn: (target: DatabaseTarget, said: string[]) => Promise<Core>): Promise<Opened> {
  const saved = readTeamTarget(dataDir);
  if ('problem' in saved) return { place: { kind: 'local' }, problem: saved.problem, notices: [] };
  const { target } = saved;
  if (target?.kind === 'server') return { place: { kind: 'server', url: target.url }, problem: null, notices: [] };
  if (target?.kind !== 'database') return { place: { kind: 'local' }, problem: null, notices: [] };
  const said: string[] = [];
  try {
    const core = await startOn(target, said);
    return {
      core,
      on: target,
      place: { kind: 'database', url: redactUrl(target.url), tenantId: target.tenantId },
      problem: null,
      notices: said,
    };
  } catch (error) {
    // The team's server may be down or unreachable from here: the user still gets their own data, and is told.
    const problem = `${describe(target)} could not be opened (${reasonOf(error)}). The app shows this computer’s data; Settings → Team database connects again.`;
    return { place: { kind: 'local' }, problem, notices: [] };
  }
}

export async function startSwitchableCore(options: SwitchableCoreOptions): Promise<Core> {
  const { dataDir } = options;
  const events = options.events ?? createCoreEvents();
  // File handles belong to the shells' sessions: they outlive every switch.
  const files = options.files ?? createFileRegistry();

  let place: TeamPlace = { kind: 'local' };
  let problem: string | null = null;
  let notices: string[] = [];
  let switching = false;

  const control: TeamClientControl = {
    connection: (): TeamConnection => ({ current: place, available: true, problem, notices }),
    connect: (target) => exclusively(() => connect(target)),
    disconnect: () => exclusively(disconnect),
    // The workspace chosen by the switcher stays chosen: the next start, and the way back from a team database, open it.
    tenantSwitched: (tenantId) => {
      if (!on) {
        localTenant = tenantId;
        return;
      }
      on = { ...on, tenantId };
      writeTeamTarget(dataDir, on);
      place = { kind: 'database', url: redactUrl(on.url), tenantId };
      events.emit('team:changed', control.connection());
    },
  };

  let localTenant = options.tenant;
  const startOn = (target: DatabaseTarget | undefined, said: string[] = []): Promise<Core> =>
    coreOn({ ...options, tenant: localTenant, events, files, teamClient: control }, target, said);

  const opened = await openSaved(dataDir, startOn);
  ({ place, problem, notices } = opened);
  let on = opened.on;
  let ready: Core | undefined = opened.core ?? (await startOn(undefined));
  let current: Promise<Core> = Promise.resolve(ready);

  async function exclusively<T>(work: () => Promise<T>): Promise<T> {
    if (switching) throw new CoreError('CONFLICT', 'The app is already switching to other data; try again in a moment.');
    if (ready?.importer.busy()) {
      throw new CoreError('CONFLICT', 'An import is running. Wait for it to finish (or cancel it on the Import page), then switch.');
    }
    switching = true;
    try {
      return await work();
    } finally {
      switching = false;
    }
  }

  /** Stops the running core and starts one on `target`; on failure, goes back to where it was and throws why. */
  async function moveTo(target: DatabaseTarget | undefined, said: string[]): Promise<void> {
    const previous = on;
    let settle!: (core: Promise<Core>) => void;
    // Calls made from here on wait for the next core (or the previous one, back again).
    current = new Promise<Core>((resolve) => (settle = (core) => resolve(core)));
    current.catch(() => undefined);
    await ready?.stop();
    ready = undefined;
    try {
      ready = await startOn(target, said);
      on = target;
      settle(Promise.resolve(ready));
    } catch (error) {
      const back = startOn(previous);
      settle(back);
      try {
        ready = await back;
      } catch (backError) {
        throw new CoreError(
          'UNAVAILABLE',
          `${describe(target)} could not be opened (${reasonOf(error)}), and ${describe(previous)} could not be opened again either (${reasonOf(backError)}). Restart the app.`,
        );
      }
      throw new CoreError(
        'UNAVAILABLE',
        `${describe(target)} could not be opened: ${reasonOf(error)}. The app stays on ${describe(previous)}.`,
        {
          reason: 'open-failed',
        },
      );
    }
  }

  function changed(everything: boolean): TeamConnection {
    const connection = control.connection();
    events.emit('team:changed', connection);
    // Other data: every table's rows are different.
    if (everything) events.emit('db:changed', { tables: [...tableNames] });
    return connection;
  }

  async function connect(target: TeamTarget): Promise<TeamConnection> {
    if (target.kind === 'server') {
      await probeTeamServer(target.url);
      if (on) await moveTo(undefined, []);
      writeTeamTarget(dataDir, target);
      place = { kind: 'server', url: target.url };
      problem = null;
      notices = [];
      return changed(true);
    }
    await probeDatabase(target.url);
    const said: string[] = [];
    await moveTo(target, said);
    writeTeamTarget(dataDir, target);
    place = { kind: 'database', url: redactUrl(target.url), tenantId: target.tenantId };
    problem = null;
    notices = said;
    return changed(true);
  }

  async function disconnect(): Promise<TeamConnection> {
    const wasOn = on;
    if (wasOn) await moveTo(undefined, []);
    removeTeamTarget(dataDir);
    place = { kind: 'local' };
    problem = null;
    notices = [];
    return changed(wasOn !== undefined);
  }

  return forwardingCore(
    { current: () => current, ready: () => ready },
    { events, files, ownsFiles: !options.files, migrationsApplied: ready.migrationsApplied, preMigrationBackup: ready.preMigrationBackup },
  );
}

/**
 * A long-lived shell's core (the desktop app, `drm serve`): on this computer's
 * data it can move to a team's; started on a given database, it stays there.
 */
export function startShellCore(options: StartCoreOptions): Promise<Core> {
  return options.dataDir === undefined ? startCore(options) : startSwitchableCore(options);
}
