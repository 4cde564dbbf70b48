/**
 * Tenants: the workspaces one database holds, each isolated by row-level
 * security (README "Tenants and row-level security"). The desktop has one,
 * `default`; the app shows a workspace switcher only when there are more.
 */
import { z } from 'zod';
import { emptyInput } from './common';

/** Lowercase letters, digits, `-` and `_`, starting with a letter or digit (core/db/tenant.ts: safe in connection options). */
export const tenantId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a tenant id of 1–63 lowercase letters, digits, "-" or "_", starting with a letter or digit');

const tenantName = z.string().trim().min(1, 'a name').max(200, 'a name up to 200 characters');

export const tenant = z.object({ tenantId: z.string(), name: z.string(), createdAt: z.string() });
export type Tenant = z.infer<typeof tenant>;

export const tenantList = z.object({
  /** The tenant this session acts for. */
  current: z.string(),
  /** Every tenant of the database, oldest first. */
  tenants: z.array(tenant),
});
export type TenantList = z.infer<typeof tenantList>;

export const tenantChannels = {
  'tenants:list': { input: emptyInput, output: tenantList },
  /** Creates a tenant with the default action → stage map; CONFLICT when the id is taken. */
  'tenants:create': { input: z.object({ tenantId, name: tenantName }).strict(), output: tenant },
  'tenants:rename': { input: z.object({ tenantId, name: tenantName }).strict(), output: tenant },
  /** Reopens the session on another tenant, as a restore does: every later call acts for it. */
  'tenants:switch': { input: z.object({ tenantId }).strict(), output: tenantList },
} as const;
