/**
 * Errors as the user sees them (issue 11, defect 14): no raw core messages
 * such as "campaignId: Invalid UUID" or "No developer 0000…" in view, no
 * "Try again" where asking again cannot help, and a record page whose address
 * names nothing says so plainly.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { testI18n, markupWith } from '../helpers/i18n';
import { ApiCallError } from '../../src-renderer/src/api-error';
import { ErrorAlert } from '../../src-renderer/src/components/ErrorAlert';
import { errorView, isMissingRecord } from '../../src-renderer/src/components/error-view';
import ja from '../../src-renderer/src/i18n/ja';

const i18n = await testI18n('ja');
const render = (error: unknown, onRetry?: () => void) => markupWith(i18n, createElement(ErrorAlert, { error, onRetry }));

const notFound = new ApiCallError('NOT_FOUND', 'No developer 00000000-0000-0000-0000-000000000000');
const badId = new ApiCallError('BAD_INPUT', 'campaignId: Invalid UUID');

describe('ErrorAlert', () => {
  it('shows neither the raw not-found message nor a retry for it', () => {
    const html = render(notFound, () => {});
    expect(html).toContain(ja.errors.NOT_FOUND);
    expect(html).not.toContain('No developer');
    expect(html).not.toContain(ja.common.retry);
  });

  it('folds a raw validation message away under "technical details", with no retry', () => {
    const html = render(badId, () => {});
    expect(html).toContain(ja.errors.BAD_INPUT);
    expect(html).not.toContain('詳細: campaignId');
    expect(html).toMatch(/<details class="alert-detail"><summary>技術的な詳細<\/summary><p>campaignId: Invalid UUID<\/p><\/details>/);
    expect(html).not.toContain(ja.common.retry);
  });

  it('offers a retry when the failure may pass', () => {
    expect(render(new ApiCallError('UNAVAILABLE', 'connection refused'), () => {})).toContain(ja.common.retry);
    expect(errorView(new Error('boom'))).toEqual({ code: 'INTERNAL', detail: 'boom', retry: true });
  });
});

describe('isMissingRecord', () => {
  it('takes an unknown id and a malformed one for a missing record, nothing else', () => {
    expect(isMissingRecord(notFound)).toBe(true);
    expect(isMissingRecord(badId)).toBe(true);
    expect(isMissingRecord(new ApiCallError('UNAVAILABLE', 'down'))).toBe(false);
    expect(isMissingRecord(new Error('x'))).toBe(false);
  });
});
