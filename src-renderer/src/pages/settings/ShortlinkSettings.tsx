import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../src-shared/contract/index';
import { useId, useState } from 'react';
import type { ShortlinkSettings as Values } from '../../../../src-shared/contract/shortlinks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { shortlinkMutations, shortlinkQueries } from '../../queries/shortlinks';

/** Settings → Short links: the domain of short URLs and the base URL, checked by the core (it names what is wrong). */
export function ShortlinkSettings() {
  const client = useQueryClient();
  const current = useQuery(shortlinkQueries.settings());
  // Here, not in the form: the form starts again from each new answer, and "Saved." must outlive that.
  const save = useMutation({
    ...shortlinkMutations.updateSettings(),
    onSuccess: () => void client.invalidateQueries({ queryKey: shortlinkQueries.all() }),
  });
  return current.data ? <SettingsForm key={`${current.data.domain}|${current.data.baseUrl}`} saved={current.data} save={save} /> : null;
}

type Save = UseMutationResult<Values, Error, ChannelInput<'shortlinks:update-settings'>>;

function SettingsForm({ saved, save }: { saved: Values; save: Save }) {
  const { t } = useTranslation();
  const id = useId();
  const [domain, setDomain] = useState(saved.domain ?? '');
  const [baseUrl, setBaseUrl] = useState(saved.baseUrl ?? '');
  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('shortlinks.settings.title')}</h2>
      <p className="hint">{t('shortlinks.settings.description')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ domain: domain.trim() || null, baseUrl: baseUrl.trim() || null });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-domain`}>{t('shortlinks.settings.domain')}</label>
          <input
            id={`${id}-domain`}
            type="text"
            value={domain}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-domain-hint`}
            onChange={(e) => setDomain(e.target.value)}
          />
          <p className="hint" id={`${id}-domain-hint`}>
            {t('shortlinks.settings.domainHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-base`}>{t('shortlinks.settings.baseUrl')}</label>
          <input
            id={`${id}-base`}
            type="url"
            value={baseUrl}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-base-hint`}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
          <p className="hint" id={`${id}-base-hint`}>
            {t('shortlinks.settings.baseUrlHint')}
          </p>
        </div>
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <div className="button-row">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? t('shortlinks.settings.saving') : t('shortlinks.settings.save')}
          </button>
          <span role="status" className="hint">
            {save.isSuccess ? t('shortlinks.settings.saved') : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
