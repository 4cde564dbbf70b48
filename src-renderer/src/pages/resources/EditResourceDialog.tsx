import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceRow } from '../../../../src-shared/contract/resources';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { campaignQueries } from '../../queries/campaigns';
import { resourceMutations } from '../../queries/resources';
import { useCategoryLabel } from './use-category-label';
import { CampaignOptions } from '../../components/CampaignOptions';

/**
 * Title, URL, category, group and campaign of one resource, in a modal
 * dialog; `onClose` gets the message to announce (null when cancelled).
 */
export function EditResourceDialog({
  resource,
  categories,
  onClose,
}: {
  resource: ResourceRow;
  categories: readonly string[];
  onClose(message: string | null): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const categoryLabel = useCategoryLabel();
  const [title, setTitle] = useState(resource.title ?? '');
  const [url, setUrl] = useState(resource.url ?? '');
  const [category, setCategory] = useState(resource.category);
  const [group, setGroup] = useState(resource.groupKey ?? '');
  const [campaignId, setCampaignId] = useState(resource.campaignId ?? '');
  const campaigns = useQuery(campaignQueries.list());
  const update = useMutation({
    ...resourceMutations.update(),
    onSuccess: ({ resource: saved, reattributed }) =>
      onClose(t('resources.saved', { title: saved.title ?? saved.url ?? t('resources.untitled'), count: reattributed })),
  });
  const save = () =>
    update.mutate({
      resourceId: resource.resourceId,
      title: title.trim() || null,
      url: url.trim() || null,
      category,
      groupKey: group.trim() || null,
      campaignId: campaignId || null,
    });
  const options = categories.includes(resource.category) ? categories : [resource.category, ...categories];

  return (
    <ConfirmDialog
      open
      title={t('resources.editTitle', { title: resource.title ?? resource.url ?? t('resources.untitled') })}
      confirmLabel={t('resources.save')}
      cancelLabel={t('resources.cancel')}
      busy={update.isPending}
      onConfirm={save}
      onCancel={() => onClose(null)}
    >
      <form
        className="stacked-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-title`}>{t('resources.fields.title')}</label>
          <input id={`${id}-title`} value={title} maxLength={500} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('resources.fields.url')}</label>
          <input id={`${id}-url`} type="url" value={url} maxLength={2000} onChange={(e) => setUrl(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('resources.fields.category')}</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value)}>
            {options.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-group`}>{t('resources.fields.group')}</label>
          <input id={`${id}-group`} value={group} maxLength={200} onChange={(e) => setGroup(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-campaign`}>{t('resources.fields.campaign')}</label>
          <select
            id={`${id}-campaign`}
            value={campaignId}
            aria-describedby={`${id}-campaign-hint`}
            onChange={(e) => setCampaignId(e.target.value)}
          >
            <CampaignOptions empty={t('resources.noCampaign')} />
          </select>
          <p id={`${id}-campaign-hint`} className="hint">
            {t('resources.campaignHint')}
          </p>
        </div>
        {/* Enter in a field saves, as the dialog's button does. */}
        <button type="submit" hidden />
      </form>
      {campaigns.isError ? <ErrorAlert error={campaigns.error} /> : null}
      {update.isError ? <ErrorAlert error={update.error} /> : null}
    </ConfirmDialog>
  );
}
