import { useQuery } from '@tanstack/react-query';
import { useId, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../format';
import { mergeQueries } from '../../queries/merges';
import { useDeveloperLabel } from '../../components/developer-bits';
import { mergeOutcomeReducer, mergeReason, pairKey } from './merge-view';
import { MergeOutcomeNotice } from './MergeOutcomeNotice';
import { SuggestionCard } from './SuggestionCard';
import { useMergeActions, type MergePair } from './use-merge-actions';

export function MergesPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const label = useDeveloperLabel();
  const query = useQuery(mergeQueries.suggestions());
  const [outcome, dispatch] = useReducer(mergeOutcomeReducer, { state: 'none' });
  const [asking, setAsking] = useState<MergePair | null>(null);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const { merge, undo, decide } = useMergeActions(dispatch, () => {
    setAsking(null);
    setReason('');
  });

  const suggestions = query.data;
  return (
    <>
      <PageHeader title={t('merges.title')} description={t('merges.description')} />
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {query.isPending ? t('merges.loading') : ''}
      </p>
      <MergeOutcomeNotice outcome={outcome} onUndo={(mergeId) => undo.mutate(mergeId)} onClose={() => dispatch({ type: 'dismissed' })} />
      {outcome.state !== 'none' && outcome.error ? <ErrorAlert error={outcome.error} /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {merge.isError ? <ErrorAlert error={merge.error} /> : null}
      {decide.isError ? <ErrorAlert error={decide.error} /> : null}
      {suggestions && suggestions.length === 0 ? (
        <section className="empty-state" aria-labelledby="no-suggestions-title">
          <h2 id="no-suggestions-title">{t('merges.emptyTitle')}</h2>
          <p>{t('merges.emptyBody')}</p>
        </section>
      ) : null}
      {suggestions && suggestions.length > 0 ? (
        <>
          <p className="meta-line">{t('merges.count', { count: suggestions.length })}</p>
          <ol className="suggestion-list">
            {suggestions.map((s, index) => (
              <SuggestionCard
                key={pairKey(s)}
                n={index + 1}
                suggestion={s}
                percent={format.percent(s.score)}
                busy={merge.isPending || decide.isPending}
                onMerge={(pair) => {
                  merge.reset();
                  setAsking(pair);
                }}
                onDecide={(snooze) => decide.mutate({ a: s.a.developerId, b: s.b.developerId, snooze })}
              />
            ))}
          </ol>
        </>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={t('merges.confirmTitle')}
        confirmLabel={t('merges.confirm')}
        cancelLabel={t('merges.cancel')}
        busy={merge.isPending}
        onConfirm={() => {
          const r = mergeReason(reason);
          if (asking) merge.mutate({ ...asking, ...(r ? { reason: r } : {}) });
        }}
        onCancel={() => setAsking(null)}
      >
        {asking ? <p>{t('merges.confirmBody', { from: label(asking.from), into: label(asking.into) })}</p> : null}
        <div className="field">
          <label htmlFor={reasonId}>{t('merges.reasonLabel')}</label>
          <textarea id={reasonId} value={reason} maxLength={500} rows={3} onChange={(e) => setReason(e.target.value)} />
        </div>
        {merge.isError ? <ErrorAlert error={merge.error} /> : null}
      </ConfirmDialog>
    </>
  );
}
