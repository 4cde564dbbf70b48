import { tableNames, type TableName } from '../../../src-shared/contract/tables';
import type { TenantList } from '../../../src-shared/contract/tenants';
import type { Db } from '../db/db';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { createTenant, listTenants, notFound, renameTenant } from './service';

const TENANT_TABLES: TableName[] = ['tenants'];

/** What the tenant channels need from the core: its current session, and a way to reopen it on another tenant. */
export interface TenantAccess {
  /** Runs `call` on the current session's database and tenant (through the core's gate). */
  run<T>(call: (db: Db, tenant: string) => Promise<T>): Promise<T>;
  /** Closes the session and opens one on `tenant`, as a restore does. */
  switchTo(tenant: string): Promise<void>;
}

export function tenantHandlers(access: TenantAccess, events: CoreEvents): DomainHandlers {
  const list = () => access.run(async (db, current): Promise<TenantList> => ({ current, tenants: await listTenants(db) }));
  return {
    'tenants:list': list,

    'tenants:create': async ({ tenantId, name }) => {
      const created = await access.run((db) => createTenant(db, tenantId, name));
      events.emit('db:changed', { tables: TENANT_TABLES });
      return created;
    },

    'tenants:rename': async ({ tenantId, name }) => {
      const renamed = await access.run((db) => renameTenant(db, tenantId, name));
      events.emit('db:changed', { tables: TENANT_TABLES });
      return renamed;
    },

    'tenants:switch': async ({ tenantId }) => {
      const known = await access.run((db) => listTenants(db));
      if (!known.some((t) => t.tenantId === tenantId)) throw notFound(tenantId);
      await access.switchTo(tenantId);
      // Every table's rows change with the tenant: the renderer refetches all it shows.
      events.emit('db:changed', { tables: [...tableNames] });
      return list();
    },
  };
}
