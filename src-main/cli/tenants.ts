/**
 * `drm tenants create ID --name NAME | list | rename ID --name NAME [--json]`:
 * the workspaces of one database (README "Tenants and row-level security"),
 * through the same handlers as the app's switcher. Every other command acts
 * for `--tenant ID` (or DRM_TENANT), `default` when not given.
 */
import type { Tenant, TenantList } from '../../src-shared/contract/tenants';
import { parseOptions, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { columns } from './terminal';

const OPTIONS = { ...targetOptions, name: { type: 'string' }, json: { type: 'boolean', default: false } } as const;
const USAGE = 'drm tenants create ID --name NAME | list | rename ID --name NAME';

export function formatTenants(list: TenantList): string {
  const body = list.tenants.map((t) => [t.tenantId === list.current ? `* ${t.tenantId}` : `  ${t.tenantId}`, t.name, t.createdAt]);
  return columns(['  id', 'name', 'created'], body).join('\n');
}

export async function tenantsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseOptions(rest, OPTIONS, true);
  const print = (json: unknown, text: string) => process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
  const target = resolveTarget(values);
  const idAndName = (): { tenantId: string; name: string } => {
    if (positionals.length !== 1 || values.name === undefined)
      throw new UsageError(`drm tenants ${sub} takes an ID and --name NAME: ${USAGE}`);
    return { tenantId: positionals[0]!, name: values.name };
  };
  switch (sub) {
    case 'list': {
      if (positionals.length !== 0) throw new UsageError(`drm tenants list takes no argument: ${USAGE}`);
      const list = await withCore(target, async (core) => unwrap(await core.handlers['tenants:list']({})));
      print(list, formatTenants(list));
      return 0;
    }
    case 'create':
    case 'rename': {
      const input = idAndName();
      const channel = sub === 'create' ? 'tenants:create' : 'tenants:rename';
      const tenant: Tenant = await withCore(target, async (core) => unwrap(await core.handlers[channel](input)));
      print(tenant, `${sub === 'create' ? 'Created' : 'Renamed'} tenant ${tenant.tenantId} (${tenant.name}).`);
      return 0;
    }
    default:
      throw new UsageError(sub === undefined ? `give a subcommand: ${USAGE}` : `unknown subcommand "${sub}" (${USAGE})`);
  }
}
