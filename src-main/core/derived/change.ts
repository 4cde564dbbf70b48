/**
 * What a writer tells refreshDerived it changed: the developers and the span
 * of instants to redo. Its own module, so that the steps refresh.ts calls and
 * the writers that build a change depend on it rather than on refresh.ts.
 */

/** A half-open span of instants [from, to). */
export interface Span {
  from: Date;
  to: Date;
}

export interface DerivedChange {
  /**
   * Developers whose activities, accounts, identifiers, name, email,
   * organization, tags or consent changed; 'all' after settings changes and
   * rebuilds. Merged-away developers belong here too (their rows must go).
   */
  developers: readonly string[] | 'all';
  /**
   * Instants whose per-day counts may have changed (activities added, moved
   * between developers of different consent, or re-attributed); null = none.
   * Steps may widen it for the steps after them (attribution does).
   */
  span: Span | 'all' | null;
  /**
   * A relation with the activities an import just added (activity_id,
   * developer_id, anon_id, action, occurred_at, source, campaign_id), when the change is an
   * import; lets steps add instead of recomputing.
   */
  inserted?: string;
  /**
   * Set by writers that change only which of the named developers'
   * activities count (consent; activities moved between records of different
   * consent: merge, unmerge, consent edit), never an activity's day, action,
   * source or campaigns: the snapshot derived/counted.ts took before the
   * change, or 'unchanged' when nothing can change counting. The per-day
   * tables then take a difference over those developers' activities and
   * campaign_stats follows for the campaigns it touched; `span` stays null.
   */
  counted?: CountedChange;
  /**
   * Set by an action-map edit (settings/write.ts), which names the developers
   * with activities of that action: only the stage those activities map to
   * changed. Stages feed the developer search, the funnel bits and, when the
   * action became or stopped being a conversion (`conversions`), attribution;
   * per-day counts are kept per action and merge keys never read activities,
   * so neither is recomputed.
   */
  mapped?: { conversions: boolean };
}

/** See DerivedChange.counted; made by derived/counted.ts. */
export type CountedChange = { snapshot: string } | 'unchanged';

export function widen(span: DerivedChange['span'], more: DerivedChange['span']): DerivedChange['span'] {
  if (span === 'all' || more === 'all') return 'all';
  if (!span) return more;
  if (!more) return span;
  return {
    from: new Date(Math.min(span.from.getTime(), more.from.getTime())),
    to: new Date(Math.max(span.to.getTime(), more.to.getTime())),
  };
}
