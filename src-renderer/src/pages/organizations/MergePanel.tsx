import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationRow } from '../../../../src-shared/contract/organizations';
import { MergeIntoPanel } from '../../components/MergeIntoPanel';
import { organizationMutations, organizationQueries } from '../../queries/organizations';
import { useDebounced } from '../../components/use-debounced';
import { mergeTargets } from './organization-view';

/** Merging `from` into another organization: find it, choose it, confirm; `onClose` gets the message to announce. */
export function MergePanel({ from, onClose }: { from: OrganizationRow; onClose(message: string | null): void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const candidates = useQuery(organizationQueries.list({ q: useDebounced(q, 250), page: 0, pageSize: 200 }));
  const merge = useMutation({
    ...organizationMutations.mergeInto<OrganizationRow>(from.orgId),
    onSuccess: ({ moved }, target) => onClose(t('organizations.merged', { from: from.name, into: target.name, count: moved })),
  });

  return (
    <MergeIntoPanel
      labels={{
        title: t('organizations.mergeTitle', { name: from.name }),
        help: t('organizations.mergeHelp'),
        find: t('organizations.findTarget'),
        into: t('organizations.mergeInto'),
        choose: t('organizations.chooseTarget'),
        mergeButton: t('organizations.mergeButton'),
        cancel: t('organizations.cancel'),
        confirmTitle: t('organizations.confirmTitle'),
        confirmMerge: t('organizations.confirmMerge'),
      }}
      q={q}
      onQ={setQ}
      targets={mergeTargets(candidates.data?.rows ?? [], from.orgId)}
      idOf={(r) => r.orgId}
      optionOf={(r) => (r.domain ? `${r.name} (${r.domain})` : r.name)}
      confirmBody={(into) => <p>{t('organizations.confirmBody', { from: from.name, into: into.name, count: from.developers })}</p>}
      busy={merge.isPending}
      errors={[candidates.isError ? candidates.error : null, merge.isError ? merge.error : null]}
      onMerge={(into, settled) => merge.mutate(into, { onSettled: settled })}
      onCancel={() => onClose(null)}
    />
  );
}
