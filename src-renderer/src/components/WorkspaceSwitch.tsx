import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tenantMutations, tenantQueries } from '../queries/tenants';
import { ErrorAlert } from './ErrorAlert';

/**
 * The sidebar's workspace switcher (README "Tenants and row-level security"):
 * shown only when the database holds more than one tenant. Switching reopens
 * the core's session on the other tenant, then every query refetches.
 */
export function WorkspaceSwitch() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery(tenantQueries.list());
  const change = useMutation({
    ...tenantMutations.switch(),
    onSuccess: () => client.invalidateQueries(),
  });
  if (!list.data || list.data.tenants.length < 2) return null;
  return (
    <div className="language-switch">
      <label htmlFor="workspace-select">{t('app.workspace')}</label>
      <select
        id="workspace-select"
        value={list.data.current}
        disabled={change.isPending}
        aria-busy={change.isPending}
        onChange={(event) => change.mutate({ tenantId: event.target.value })}
      >
        {list.data.tenants.map((tenant) => (
          <option key={tenant.tenantId} value={tenant.tenantId}>
            {tenant.name}
          </option>
        ))}
      </select>
      {change.isError && <ErrorAlert error={change.error} />}
    </div>
  );
}
