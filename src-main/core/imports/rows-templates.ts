/**
 * Rows of the app's own templates (issue 3, "Formats"): activities,
 * developers, campaigns, budgets.
 */
import { accepted, dropUndefined, type RowReader } from './parse/row-reader';
import { budgetCategories, isBudgetCategory, type BudgetCategory } from '../../../src-shared/budget-categories';
import { handleProviders } from '../../../src-shared/providers';
import type { Actor, ResourceRef, RowOutcome } from './types';
import {
  caseInsensitiveProviders,
  normaliseEmail,
  normaliseHandle,
  normaliseProvider,
  parseAmount,
  parseBoolean,
  parseDate,
  parseTimestamp,
} from './parse/values';

/** Lower-cased, NFKC, trimmed: for codes people type (actions, sources, categories). */
const code = (text: string) => text.normalize('NFKC').trim().toLowerCase();

function readActor(r: RowReader): Actor | undefined {
  const actor: Actor = {};
  const provider = r.get('provider');
  const externalId = r.get('external_user_id');
  const handle = r.get('handle');
  if (provider !== undefined) actor.provider = normaliseProvider(provider);
  if ((externalId !== undefined || handle !== undefined) && actor.provider === undefined) {
    r.failField('provider', `provider is required with ${externalId !== undefined ? 'external_user_id' : 'handle'}`);
  }
  if (actor.provider !== undefined) {
    const p = actor.provider;
    if (handle !== undefined) actor.handle = r.parse('handle', (t) => normaliseHandle(p, t));
    if (externalId === undefined) actor.externalUserId = actor.handle;
    else {
      // An id that is the user name in another case must give the same account
      // as the id derived from the handle; any other id (GitHub's base64 node
      // ids, say) is opaque and kept exactly.
      const folded = externalId.normalize('NFKC').toLowerCase();
      actor.externalUserId = caseInsensitiveProviders.has(p) && folded === actor.handle ? folded : externalId;
    }
  }
  actor.email = r.parse('email', normaliseEmail);
  actor.displayName = r.get('display_name');
  actor.organization = r.get('organization');
  actor.anonId = r.get('anon_id');
  const identified =
    (actor.provider !== undefined && actor.externalUserId !== undefined) || actor.email !== undefined || actor.anonId !== undefined;
  // A bad email, handle or provider already says what is wrong; "no actor" would only repeat it.
  const actorFailed = ['provider', 'handle', 'email'].some((field) => r.hasFailed(field));
  if (!identified && !actorFailed) r.failRow('no actor: give provider + external_user_id, provider + handle, email or anon_id');
  return identified ? dropUndefined(actor) : undefined;
}

function readResource(r: RowReader): ResourceRef | undefined {
  const title = r.get('resource_title');
  const url = r.parse('resource_url', (t) =>
    URL.canParse(t) ? { ok: true, value: t } : { ok: false, reason: 'not a URL (write it with https://)' },
  );
  const externalId = r.get('resource_external_id');
  const group = r.get('resource_group');
  const written = r.get('resource_category');
  const urlWritten = r.get('resource_url') !== undefined;
  if (title === undefined && externalId === undefined && group === undefined && written === undefined && !urlWritten) return undefined;
  // A URL without a category is a link, the common case of click exports;
  // anything else must say what it is.
  const category = written !== undefined ? code(written) : urlWritten ? 'link' : undefined;
  if (category === undefined) {
    r.failField('resource_category', 'resource_category is required when a resource is given (e.g. event, blog, video, repo, link)');
    return undefined;
  }
  return dropUndefined({ category, title, url, externalId, group });
}

export function activityRow(r: RowReader): RowOutcome {
  const { ctx } = r;
  const occurredAt = r.parse('occurred_at', (t) => parseTimestamp(t, ctx.zone), true);
  const action = r.get('action');
  if (action === undefined) r.failField('action', 'action is required');
  const rowSource = r.get('source');
  const importSource = ctx.options.source?.trim();
  const source = rowSource !== undefined ? code(rowSource) : importSource ? code(importSource) : undefined;
  if (source === undefined) r.failField('source', 'source is required (in the row or for the whole import)');
  const actor = readActor(r);
  const resource = readResource(r);
  if (r.failed || occurredAt === undefined || action === undefined || source === undefined || actor === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'activity' as const,
      line: r.line,
      occurredAt,
      action: code(action),
      source,
      sourceRef: r.get('source_ref'),
      actor,
      resource,
      campaign: r.get('campaign') ?? (ctx.options.campaign?.trim() || undefined),
      utmSource: r.get('utm_source'),
      utmMedium: r.get('utm_medium'),
      utmCampaign: r.get('utm_campaign'),
      metadata: r.metadata(),
    }),
  );
}

/** `a; b;;a` → ['a', 'b']: trimmed, blanks dropped, first spelling kept. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[;；]/)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

export function developerRow(r: RowReader): RowOutcome {
  const email = r.parse('email', normaliseEmail);
  const handles: { provider: string; handle: string }[] = [];
  for (const provider of handleProviders) {
    const handle = r.parse(provider, (t) => normaliseHandle(provider, t));
    if (handle !== undefined) handles.push({ provider, handle });
  }
  const consent = r.parse('consent_analytics', parseBoolean);
  const identified = email !== undefined || handles.length > 0;
  // Without an email or a handle, a re-import could only match by name, which
  // identity resolution never does automatically: it would duplicate the person.
  const identityFailed = ['email', ...handleProviders].some((field) => r.hasFailed(field));
  if (!identified && !identityFailed) r.failRow(`a developer needs an email or a handle (${handleProviders.join(', ')})`);
  if (r.failed) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'developer' as const,
      line: r.line,
      displayName: r.get('display_name'),
      email,
      organization: r.get('organization'),
      tags: splitTags(r.get('tags') ?? ''),
      handles,
      consentAnalytics: consent,
    }),
  );
}

export function campaignRow(r: RowReader): RowOutcome {
  const name = r.require('name');
  const startDate = r.parse('start_date', parseDate);
  const endDate = r.parse('end_date', parseDate);
  if (startDate !== undefined && endDate !== undefined && endDate < startDate) r.failField('end_date', 'end_date is before start_date');
  const budget = r.parse('budget_total', parseAmount);
  if (budget?.value.startsWith('-')) r.failField('budget_total', 'budget_total cannot be negative');
  if (r.failed || name === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'campaign' as const,
      line: r.line,
      name,
      channel: r.get('channel'),
      startDate,
      endDate,
      budgetTotal: budget?.value,
      utmCampaign: r.get('utm_campaign'),
    }),
  );
}

/** Category spellings seen in Japanese budget sheets → the spec's codes. */
const categoryAliases: Record<string, BudgetCategory> = {
  人件費: 'labor',
  人件: 'labor',
  広告: 'ad',
  広告費: 'ad',
  制作: 'production',
  制作費: 'production',
  会場: 'venue',
  会場費: 'venue',
  ツール: 'tool',
  ツール費: 'tool',
  その他: 'other',
};

function budgetCategory(text: string): BudgetCategory | undefined {
  const c = code(text);
  return isBudgetCategory(c) ? c : categoryAliases[c];
}

export function budgetRow(r: RowReader): RowOutcome {
  const campaign = r.require('campaign');
  const writtenCategory = r.get('category');
  const category = writtenCategory === undefined ? 'other' : budgetCategory(writtenCategory);
  if (category === undefined) r.failField('category', `category must be one of ${budgetCategories.join(', ')}`);
  const amount = r.parse('amount', parseAmount, true);
  const writtenCurrency = r.get('currency');
  let currency = amount?.currency ?? 'JPY';
  if (writtenCurrency !== undefined) {
    currency = writtenCurrency.normalize('NFKC').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) r.failField('currency', 'currency must be a three-letter ISO 4217 code such as JPY or USD');
    // Amounts of two currencies are never added, so a row must not mix them.
    else if (amount?.currency !== undefined && amount.currency !== currency) {
      r.failField('currency', `currency ${currency} contradicts the amount's ${amount.currency}`);
    }
  }
  const spentAt = r.parse('spent_at', parseDate, true);
  if (r.failed || campaign === undefined || category === undefined || amount === undefined || spentAt === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'budget' as const,
      line: r.line,
      campaign,
      category,
      amount: amount.value,
      currency,
      spentAt,
      memo: r.get('memo'),
      source: r.get('source'),
    }),
  );
}
