/**
 * `drm`: the command line over the same core as the app.
 * Run from a clone with `npm run drm -- <command>`.
 */
import { backupCommand } from './cli/backup';
import { migrateCommand, serveCommand, statusCommand } from './cli/commands';
import { Refusal, UsageError } from './cli/context';
import { developersCommand } from './cli/developers';
import { developerCommand } from './cli/developers-read';
import { importCommand, importTypesHelp } from './cli/import';
import { notificationsCommand } from './cli/notifications';
import { ratesCommand } from './cli/rates';
import { shortlinksCommand } from './cli/shortlinks';
import { apiKeysCommand } from './cli/api-keys';
import { reportCommand } from './cli/report';
import { restoreCommand } from './cli/restore';
import { statsCommand } from './cli/stats';
import { tenantsCommand } from './cli/tenants';
import { usersCommand } from './cli/users';

const HELP = `Usage: drm <command> [options]

Commands:
  migrate   Apply pending database migrations
  status    PostgreSQL version, where the data is, migrations, extensions, row counts
  serve     Serve the app in a browser on 127.0.0.1 (token-protected)
  serve --team                            Serve a team on a shared PostgreSQL: sign-in by email and password, one tenant per account
  import    Import a CSV file (exit 0 when it succeeded, 2 when refused, rejected or cancelled, 1 when the database stopped)
  developers list|suggest|merge|unmerge   The developer list, merge suggestions, merging and undoing merges
  developer show                          One developer's profile, by email or id
  report funnel                           The funnel for a period: reached, at or beyond, conversion per stage
  report roi                              Campaign ROI in the reporting currency: cost, actions, conversions, ROI %
  report events                           Events: registered, cancelled, attended, no-show rate, first-time and repeat attendees
  rates set|list|delete|import            Exchange rates into the reporting currency, one per currency and month
  stats rebuild                           Recompute the stats and every derived table from the data
  backup                                  Back up everything into one file (default: <data folder>/backups/)
  backup list | settings                  The backups in the backup folder; change the folder or the daily schedule
  restore FILE                            Restore a backup, all or nothing (replaces data only with --replace)
  shortlinks create|list|qr|export-redirects   Short links with UTM, their QR codes, redirect rules for your host
  shortlinks serve                        The redirect server: GET /<key> → 302, each click recorded
  api-keys create|list|revoke             Keys for the HTTP API under /api/v1/ (drm serve): shown once, only the hash is kept
  notifications channels|history|test     Notification channels, what was sent, a test send to one channel
  tenants create|list|rename              The workspaces of one database, each isolated by row-level security
  users add|list|disable|enable|reset-password   The accounts that sign in to the team server (--tenant T)

Where the data is (every command):
  --data-dir DIR        the app's data folder (default: the desktop app's own)
  --database-url URL    an external PostgreSQL (also: DATABASE_URL)
  --tenant ID           the tenant to act for (also: DRM_TENANT; default: default)

Options:
  status --json         print one JSON object
  serve --port N        listen on port N (default: a free port)
  serve --team --database-url URL [--host H] [--port N] [--tls-cert FILE --tls-key FILE | --behind-proxy ADDR]
         default host 127.0.0.1; any other needs TLS or --behind-proxy (X-Forwarded-Proto/For believed from ADDR only)
  import FILE [--type ${importTypesHelp()}]
         [--mapping FILE.json] [--source S] [--timezone TZ] [--campaign NAME]
         [--event-title T [--update-event-title]] [--event-id ID] [--event-date D] [--occurred-at ISO] [--dry-run] [--json]
  developers list [--q TEXT] [--page N] [--page-size N] [--json]
  developer show EMAIL|ID [--json]
  developers suggest [--limit N] [--json]
  developers merge INTO_ID FROM_ID [--reason TEXT] [--json]
  developers unmerge MERGE_ID [--json]
  developers unlink-identifier DEV_ID --kind click_id --value V [--json]
  report funnel --from DATE --to DATE [--campaign NAME] [--source S] [--by DIM] [--json]
  report roi [--from DATE --to DATE] [--model linear|first|last] [--lookback-days N] [--by-currency | --by DIM] [--json]
         DIM: channel, utm_source, utm_medium or category (one row per value, "(none)" for no value)
  report events [--from DATE --to DATE] [--group G] [--json]
  rates set CURRENCY MONTH RATE [--json]  e.g. rates set USD 2026-04 151.2 (151.2 of the reporting currency per USD)
  rates list [--json]
  rates delete CURRENCY MONTH [--json]
  rates import FILE.csv [--json]        columns currency,month,rate; all rows or none
  stats rebuild [--json]
  backup [--out FILE] [--json]
  backup list [--json]
  backup settings [--folder DIR | --default-folder] [--schedule daily|off] [--json]
  restore FILE [--replace] [--json]
  shortlinks create --url URL [--key K] [--campaign NAME] [--resource-id ID] [--utm-source S]
         [--utm-medium M] [--utm-campaign C] [--utm-content X] [--json]
  shortlinks list [--campaign NAME] [--q TEXT] [--json]
  shortlinks qr KEY --out FILE.png|FILE.svg [--size PX] [--level L|M|Q|H] [--caption TEXT] [--json]
  shortlinks export-redirects --format netlify|nginx|apache|csv [--out FILE]
  shortlinks serve [--port N] [--host H] [--trust-proxy]   prints the URL it listens on (default 127.0.0.1:8080; --port 0: a free port)
  api-keys create --name N --scope ingest|read|admin[,…] [--json]   prints the key once
  api-keys list [--json]
  api-keys revoke ID [--json]
  notifications channels [--json]
  notifications history [--limit N] [--json]
  notifications test CHANNEL [--json]    CHANNEL: its name or id; exit 2 when the send failed
  tenants create ID --name NAME [--json]   ID: lowercase letters, digits, - and _
  tenants list [--json]                  the current tenant is marked *
  tenants rename ID --name NAME [--json]
  users add EMAIL [--name N] [--json]    prints a one-time password (only its argon2id hash is kept)
  users list [--json]
  users disable|enable EMAIL [--json]    disabling ends the account's sessions
  users reset-password EMAIL [--json]    prints a new one-time password; ends the account's sessions
`;

/** A command resolves to its exit code, or to nothing for 0. */
const commands: Record<string, (args: string[]) => Promise<number | void>> = {
  migrate: migrateCommand,
  status: statusCommand,
  serve: serveCommand,
  import: importCommand,
  developers: developersCommand,
  developer: developerCommand,
  report: reportCommand,
  rates: ratesCommand,
  stats: statsCommand,
  backup: backupCommand,
  restore: restoreCommand,
  shortlinks: shortlinksCommand,
  'api-keys': apiKeysCommand,
  notifications: notificationsCommand,
  tenants: tenantsCommand,
  users: usersCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`drm: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return (await command(args)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof Refusal) {
      process.stderr.write(`drm ${name}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`drm ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
