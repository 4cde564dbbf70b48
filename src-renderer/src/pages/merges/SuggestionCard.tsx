import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DevSummary, MergeSuggestion } from '../../../../src-shared/contract/merges';
import { developerHref } from '../../routes';
import { useDeveloperLabel, useProviderLabel } from '../../components/developer-bits';
import { evidenceKey, orientPair } from './merge-view';

interface CardProps {
  n: number;
  suggestion: MergeSuggestion;
  percent: string;
  busy: boolean;
  onMerge(pair: { into: DevSummary; from: DevSummary }): void;
  onDecide(snooze: boolean): void;
}

/** One suggested pair: both sides (swappable), the evidence, and what to do with it. */
export function SuggestionCard({ n, suggestion, percent, busy, onMerge, onDecide }: CardProps) {
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
