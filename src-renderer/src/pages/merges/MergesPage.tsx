import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DevSummary, MergeSuggestion } from '../../../../src-shared/contract/merges';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../format';
import { developerQueries } from '../../queries/developers';
import { mergeQueries } from '../../queries/merges';
import { developerHref } from '../../routes';
import { useDeveloperLabel, useProviderLabel } from '../../components/developer-bits';
import { evidenceKey, mergeOutcomeReducer, mergeReason, orientPair, pairKey } from './merge-view';

// eslint-disable-next-line max-lines-per-function -- split in issue 10 wave B
export function MergesPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const label = useDeveloperLabel();
  const queryClient = useQueryClient();
  const query = useQuery(mergeQueries.suggestions());
  const [outcome, dispatch] = useReducer(mergeOutcomeReducer, { state: 'none' });
  const [asking, setAsking] = useState<{ into: DevSummary; from: DevSummary } | null>(null);
  const [reason, setReason] = useState('');
  const reasonId = useId();

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: mergeQueries.all() });
    void queryClient.invalidateQueries({ queryKey: developerQueries.all() });
  };
  const merge = useMutation({
    mutationFn: (pair: { into: DevSummary; from: DevSummary; reason?: string }) =>
      api.call('developers:merge', {
        intoId: pair.into.developerId,
        fromId: pair.from.developerId,
        ...(pair.reason ? { reason: pair.reason } : {}),
      }),
    onSuccess: ({ mergeId }, pair) => {
      dispatch({ type: 'merged', mergeId, intoId: pair.into.developerId, intoName: label(pair.into), fromName: label(pair.from) });
      setAsking(null);
      setReason('');
      refresh();
    },
  });
  const undo = useMutation({
    mutationFn: (mergeId: string) => api.call('developers:unmerge', { mergeId }),
    onMutate: () => dispatch({ type: 'undoStarted' }),
    onSuccess: () => {
      dispatch({ type: 'undone' });
      refresh();
    },
    onError: (error) => dispatch({ type: 'undoFailed', error }),
  });
  const decide = useMutation({
    mutationFn: async ({ s, snooze }: { s: MergeSuggestion; snooze: boolean }): Promise<void> => {
      const pair = { a: s.a.developerId, b: s.b.developerId };
      if (snooze) await api.call('merges:snooze', { ...pair, days: 30 });
      else await api.call('merges:dismiss', pair);
    },
    onSuccess: refresh,
  });

  const suggestions = query.data;
  return (
    <>
      <PageHeader title={t('merges.title')} description={t('merges.description')} />
      <p role="status" className={query.isPending ? 'loading' : 'visually-hidden'}>
        {query.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {query.isPending ? t('merges.loading') : ''}
      </p>
      <div role="status" className="merge-outcome-region">
        {outcome.state !== 'none' ? (
          <div className="notice merge-outcome" data-testid="merge-outcome">
            <p>
              {outcome.state === 'undone' ? t('merges.undone') : t('merges.merged', { from: outcome.fromName, into: outcome.intoName })}
            </p>
            <div className="button-row">
              {outcome.state !== 'undone' ? (
                <button type="button" onClick={() => undo.mutate(outcome.mergeId)} disabled={outcome.state === 'undoing'}>
                  {outcome.state === 'undoing' ? t('merges.undoing') : t('merges.undo')}
                </button>
              ) : null}
              {outcome.state === 'merged' ? (
                <a className="button-link button-secondary" href={developerHref(outcome.intoId)}>
                  {t('merges.openProfile')}
                </a>
              ) : null}
              <button type="button" className="button-secondary" onClick={() => dispatch({ type: 'dismissed' })}>
                {t('merges.close')}
              </button>
            </div>
          </div>
        ) : null}
      </div>
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
                onDecide={(snooze) => decide.mutate({ s, snooze })}
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

interface CardProps {
  n: number;
  suggestion: MergeSuggestion;
  percent: string;
  busy: boolean;
  onMerge(pair: { into: DevSummary; from: DevSummary }): void;
  onDecide(snooze: boolean): void;
}

function SuggestionCard({ n, suggestion, percent, busy, onMerge, onDecide }: CardProps) {
  const { t } = useTranslation();
  const id = useId();
  const [swapped, setSwapped] = useState(false);
  const pair = orientPair(suggestion, swapped);
  return (
    <li className="card suggestion" aria-labelledby={`${id}-title`} data-testid="merge-suggestion">
      <div className="suggestion-head">
        <h2 id={`${id}-title`}>{t('merges.pairLabel', { n })}</h2>
        <span className="badge badge-running">{t('merges.score', { percent })}</span>
      </div>
      <div className="suggestion-sides">
        <Side dev={pair.into} role="keep" />
        <button type="button" className="button-secondary swap-button" onClick={() => setSwapped((v) => !v)} disabled={busy}>
          ⇄ {t('merges.swap')}
        </button>
        <Side dev={pair.from} role="mergeAway" />
      </div>
      <h3 className="evidence-title">{t('merges.evidence')}</h3>
      <ul className="evidence-list">
        {suggestion.evidence.map((e, i) => (
          <li key={`${e.rule}-${i}`}>
            {t(evidenceKey(e.rule))}
            {e.detail ? <span className="muted">: {e.detail}</span> : null}
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" onClick={() => onMerge(pair)} disabled={busy}>
          {t('merges.merge')}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDecide(false)} disabled={busy}>
          {t('merges.dismiss')}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDecide(true)} disabled={busy}>
          {t('merges.snooze')}
        </button>
      </div>
    </li>
  );
}

function Side({ dev, role }: { dev: DevSummary; role: 'keep' | 'mergeAway' }) {
  const { t } = useTranslation();
  const label = useDeveloperLabel();
  const providerLabel = useProviderLabel();
  const dash = t('common.none');
  return (
    <div className={`suggestion-side side-${role}`}>
      <p className="side-role">{t(`merges.${role}`)}</p>
      <p className="side-name">
        <a href={developerHref(dev.developerId)}>{label(dev)}</a>
      </p>
      <dl className="side-facts">
        <dt>{t('merges.email')}</dt>
        <dd>{dev.primaryEmail ?? dash}</dd>
        <dt>{t('merges.organization')}</dt>
        <dd>{dev.organization ?? dash}</dd>
        <dt>{t('merges.accounts')}</dt>
        <dd>
          {dev.accounts.length === 0
            ? dash
            : dev.accounts.map((a) => `${providerLabel(a.provider)}${a.handle ? ` @${a.handle}` : ''}`).join(', ')}
        </dd>
      </dl>
    </div>
  );
}
