import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceRow } from '../../../../src-shared/contract/resources';
import { MergeIntoPanel } from '../../components/MergeIntoPanel';
import { useDebounced } from '../../components/use-debounced';
import { resourceMutations, resourceQueries } from '../../queries/resources';

/** Merging `from` into another resource: find it, choose it, confirm; `onClose` gets the notice (with the undo token). */
export function MergeResourcePanel({
  from,
  onClose,
}: {
  from: ResourceRow;
  onClose(done: { text: string; undoToken: string } | null): void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const name = (r: ResourceRow) => r.title ?? r.url ?? t('resources.untitled');
  // Resources of the same category first: duplicates usually share it.
  const candidates = useQuery(
    resourceQueries.list({ q: useDebounced(q, 250), category: q ? undefined : from.category, sort: 'title', page: 0, pageSize: 200 }),
  );
  const merge = useMutation(resourceMutations.merge());

  return (
    <MergeIntoPanel
      labels={{
        title: t('resources.mergeTitle', { title: name(from) }),
        help: t('resources.mergeHelp'),
        find: t('resources.searchLabel'),
        into: t('resources.mergeInto'),
        choose: t('resources.chooseTarget'),
        mergeButton: t('resources.mergeButton'),
        cancel: t('resources.cancel'),
        confirmTitle: t('resources.confirmTitle'),
        confirmMerge: t('resources.confirmMerge'),
      }}
      q={q}
      onQ={setQ}
      targets={(candidates.data?.rows ?? []).filter((r) => r.resourceId !== from.resourceId)}
      idOf={(r) => r.resourceId}
      optionOf={(r) => (r.groupKey ? `${name(r)} (${r.groupKey})` : name(r))}
      confirmBody={(into) => <p>{t('resources.confirmBody', { from: name(from), into: name(into), count: from.activities })}</p>}
      busy={merge.isPending}
      errors={[candidates.isError ? candidates.error : null, merge.isError ? merge.error : null]}
      onMerge={(into, settled) =>
        merge.mutate(
          { intoId: into.resourceId, fromId: from.resourceId },
          {
            onSettled: settled,
            onSuccess: ({ moved, undoToken }) =>
              onClose({ text: t('resources.merged', { from: name(from), into: name(into), count: moved }), undoToken }),
          },
        )
      }
      onCancel={() => onClose(null)}
    />
  );
}
