/**
 * One core per tenant for the team server. A core's connections act for one
 * tenant from their first statement (db/tenant.ts: the tenant is a startup
 * option of each connection), and its handlers, import queue, file handles,
 * events and notification loop all belong to that tenant: a request handed
 * to the core of its user's tenant cannot run in another's session, by
 * construction rather than by a check per call. Cores start on the first
 * request of their tenant and stop with the server.
 */
import type { ApiResult } from '../../../src-shared/contract/common';
import type { ChannelName } from '../../../src-shared/contract/index';
import type { CoreHandlers } from '../../core/handlers';
import type { Core } from '../../core/types';

export interface TenantCores {
  /** The core started with the server (its tenant: `--tenant`, else `default`): cross-tenant lookups go through it. */
  directory: Core;
  /** The core of `tenant`, started on first use. */
  get(tenant: string): Promise<Core>;
  close(): Promise<void>;
}

/** Reach beyond the caller's tenant, or into the server's own files: the operator's, from the CLI. */
const OPERATOR_ONLY: Partial<Record<ChannelName, string>> = {
  'tenants:create': 'Tenants are created by the server operator (drm tenants create) in team mode.',
  'tenants:rename': 'Tenants are renamed by the server operator (drm tenants rename) in team mode.',
  'tenants:switch': 'In team mode your workspace is the one of your account; sign in with an account of the other workspace.',
};

/** Why a channel is refused to a signed-in user of the team server, if it is. */
export function refusedInTeamMode(channel: ChannelName): string | undefined {
  if (channel.startsWith('backup:'))
    return 'Backups of the shared database are made by the server operator (drm backup, README "Team mode"), not from the browser.';
  return OPERATOR_ONLY[channel];
}

/** The handlers a signed-in user gets: the list of tenants shows only their own (names of others are not theirs to see). */
function teamHandlers(core: Core, tenant: string): CoreHandlers {
  const list = async (): Promise<ApiResult<{ current: string; tenants: { tenantId: string; name: string; createdAt: string }[] }>> => {
    const all = await core.handlers['tenants:list']({});
    return all.ok ? { ok: true, value: { current: tenant, tenants: all.value.tenants.filter((t) => t.tenantId === tenant) } } : all;
  };
  return { ...core.handlers, 'tenants:list': list };
}

export function createTenantCores(directory: Core, directoryTenant: string, start: (tenant: string) => Promise<Core>): TenantCores {
  const cores = new Map<string, Promise<Core>>([[directoryTenant, Promise.resolve(directory)]]);
  let closed = false;
  return {
    directory,
    get(tenant) {
      if (closed) return Promise.reject(new Error('The team server is stopping'));
      let core = cores.get(tenant);
      if (!core) {
        core = start(tenant);
        cores.set(tenant, core);
        // A failed start is tried again by the next request rather than remembered.
        core.catch(() => cores.delete(tenant));
      }
      return core.then((c) => ({ ...c, handlers: teamHandlers(c, tenant) }));
    },
    async close() {
      closed = true;
      const started = await Promise.allSettled([...cores.entries()].filter(([t]) => t !== directoryTenant).map(([, c]) => c));
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    },
  };
}
