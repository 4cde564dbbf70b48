/**
 * The team channels (contract/team.ts). The switching itself is the shell's
 * (team-client/switcher.ts wraps the core it runs): a core started by it gets
 * the switcher as `control`; any other core (the CLI, a team server, a shell
 * started with --database-url) only says where it is, and refuses to move.
 */
import type { DatabaseLocation } from '../../../src-shared/contract/system';
import type { TeamConnection, TeamPlace, TeamTarget } from '../../../src-shared/contract/team';
import { CoreError } from '../errors';
import type { DomainHandlers } from '../handlers';

/** What a switchable shell gives the core (switcher.ts). */
export interface TeamClientControl {
  connection(): TeamConnection;
  connect(target: TeamTarget): Promise<TeamConnection>;
  disconnect(): Promise<TeamConnection>;
  /** The core reopened on another tenant (`tenants:switch`). */
  tenantSwitched(tenantId: string): void;
}

export function teamHandlers(control: TeamClientControl | undefined, location: DatabaseLocation, tenant: () => string): DomainHandlers {
  if (control) {
    return {
      'team:get-connection': async () => control.connection(),
      'team:connect': (target) => control.connect(target),
      'team:disconnect': () => control.disconnect(),
    };
  }
  const fixed = (): never => {
    throw new CoreError(
      'UNAVAILABLE',
      'This app was started on the data it shows (a team server, the drm command, or --database-url), so it cannot switch to other data. Start the desktop app, or `npm run serve` without --database-url, to connect to a team database.',
    );
  };
  return {
    'team:get-connection': async () => {
      const current: TeamPlace =
        location.kind === 'embedded' ? { kind: 'local' } : { kind: 'database', url: location.url, tenantId: tenant() };
      return { current, available: false, problem: null, notices: [] };
    },
    'team:connect': async () => fixed(),
    'team:disconnect': async () => fixed(),
  };
}
