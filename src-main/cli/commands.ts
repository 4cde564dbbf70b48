import { resolveRendererDir } from '../core/paths';
import { startShellCore } from '../core/team-client/switcher';
import { startHttpShell } from '../server/index';
import { parseOptions as parse, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { formatStatus } from './format';
import { serveTeamCommand } from './serve-team';

export async function migrateCommand(args: string[]): Promise<void> {
  const { values } = parse(args, { ...targetOptions, json: { type: 'boolean' } });
  await withCore(resolveTarget(values), async (core) => {
    if (values.json) {
      console.log(JSON.stringify({ applied: core.migrationsApplied, location: core.location, backup: core.preMigrationBackup }));
      return;
    }
    if (core.preMigrationBackup) console.log(`Backed up the database first, to ${core.preMigrationBackup}`);
    if (core.migrationsApplied.length > 0) {
      console.log(`Applied ${core.migrationsApplied.length} migration(s): ${core.migrationsApplied.join(', ')}`);
    } else {
      console.log('The database is up to date.');
    }
  });
}

export async function statusCommand(args: string[]): Promise<void> {
  const { values } = parse(args, { ...targetOptions, json: { type: 'boolean' } });
  await withCore(resolveTarget(values), async (core) => {
    const status = unwrap(await core.handlers['system:get-status']({}));
    console.log(values.json ? JSON.stringify(status, null, 2) : formatStatus(status));
  });
}

export async function serveCommand(args: string[]): Promise<void> {
  if (args.includes('--team')) return serveTeamCommand(args);
  const { values } = parse(args, { ...targetOptions, port: { type: 'string' } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got ${values.port}`);
  // A long-lived shell: it runs the daily backup and sends notifications.
  // On this computer's data, the page can connect to a team's (Settings → Team database), as the desktop app can.
  await withCore(
    { ...resolveTarget(values), scheduleBackups: true, searchIndex: true, sendNotifications: true },
    async (core) => {
      const shell = await startHttpShell({ core, rendererDir: resolveRendererDir({ packaged: false }), port });
      console.log(`DRM Desktop is serving on ${shell.url}`);
      console.log('Open that URL in a browser (the token in it is required). Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await shell.close();
    },
    { start: startShellCore },
  );
}
