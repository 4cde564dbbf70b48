/**
 * Lists show an absolute date, the relative time as its tooltip (issue 11,
 * defect 12): every sample row read "2 年前", so the default sort looked random.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { testI18n, markupWith } from '../helpers/i18n';
import { ShownDate } from '../../src-renderer/src/components/developer-bits';

const i18n = await testI18n('ja');
const render = (iso: string | null) => markupWith(i18n, createElement(ShownDate, { iso, fallback: 'なし' }));

describe('ShownDate', () => {
  it('shows the day itself, with how long ago as the tooltip', () => {
    const html = render('2024-05-01T10:00:00Z');
    const shown = />([^<]*)<\/time>/.exec(html)![1]!;
    expect(shown).toMatch(/2024/);
    expect(shown).not.toMatch(/前/);
    expect(html).toMatch(/title="[^"]*前/);
    expect(html).toContain('dateTime="2024-05-01T10:00:00.000Z"');
  });
  it('tells two days apart that are both "2 years ago"', () => {
    expect(render('2024-05-01T10:00:00Z')).not.toBe(render('2024-06-01T10:00:00Z'));
  });
  it('says when there is no date', () => {
    expect(render(null)).toContain('なし');
  });
});
