import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeRate } from '../../../../src-shared/contract/rates';
import { useHashQuery } from '../../analytics/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { refreshAnalytics } from '../../queries/analytics';
import { rateMutations, rateQueries } from '../../queries/rates';
import { RateForm } from './RateForm';
import { RateTable } from './RateTable';
import { rateDraftFrom } from './rates-view';

/**
 * Exchange rates into the reporting currency: enter one, import a
 * `currency,month,rate` CSV, list them, delete one (with undo). A "rate
 * missing" link elsewhere lands here with the form filled in.
 */
export function RatesSection() {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [params] = useHashQuery();
  const query = useQuery(rateQueries.list());
  const [done, setDone] = useState('');
  const [deleted, setDeleted] = useState<ExchangeRate | null>(null);
  const reporting = query.data?.reportingCurrency ?? '';
  const initial = rateDraftFrom(params);

  const changed = () => {
    void client.invalidateQueries({ queryKey: rateQueries.all() });
    refreshAnalytics(client);
  };
  const importCsv = useMutation({
    ...rateMutations.import(),
    onSuccess: (r) => {
      setDone(t('money.rates.imported', { count: r.imported }));
      changed();
    },
  });
  const remove = useMutation({
    ...rateMutations.delete(),
    onSuccess: (r) => {
      setDeleted(r);
      setDone('');
      changed();
    },
  });
  const undo = useMutation({
    ...rateMutations.set(),
    onSuccess: () => {
      setDeleted(null);
      changed();
    },
  });

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`} data-testid="rates">
      <h2 id={`${id}-title`}>{t('money.rates.title')}</h2>
      <p className="hint">{t('money.rates.help', { currency: reporting })}</p>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      <RateForm
        // A new "rate missing" link fills the form in afresh.
        key={`${initial.currency} ${initial.month}`}
        reporting={reporting}
        initial={initial}
        onSaved={(r) => {
          setDone(t('money.rates.saved', { currency: r.currency, month: r.month, rate: String(r.rate) }));
          setDeleted(null);
          changed();
        }}
      />
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('money.rates.import')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${id}-file-hint`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            setDone('');
            if (file) void file.text().then((csv) => importCsv.mutate({ csv }));
          }}
        />
        <p className="hint" id={`${id}-file-hint`}>
          {t('money.rates.importHint')}
        </p>
      </div>
      <p role="status" className={done ? 'saved-note' : 'visually-hidden'}>
        {done}
      </p>
      {importCsv.isError ? <ErrorAlert error={importCsv.error} /> : null}
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
      {undo.isError ? <ErrorAlert error={undo.error} /> : null}
      {deleted ? (
        <div className="notice undo-notice" role="status">
          <p>
            {t('money.rates.deleted', deleted)}{' '}
            <button type="button" className="button-secondary button-small" onClick={() => undo.mutate(deleted)} disabled={undo.isPending}>
              {t('money.rates.undo')}
            </button>
          </p>
        </div>
      ) : null}
      {query.data ? <RateTable list={query.data} onDelete={(r) => remove.mutate({ currency: r.currency, month: r.month })} /> : null}
    </section>
  );
}
