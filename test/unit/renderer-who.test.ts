/**
 * Who did what in the UI (README "Who did what"): the user's name, or "—"
 * with why nobody is named, for the eye and for screen readers, in English
 * and Japanese.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderIn } from '../helpers/i18n';
import { Who } from '../../src-renderer/src/components/Who';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';

const ada = { userId: '6f1c1a52-4c1e-4b7e-9a39-0d5c3b1f8a10', displayName: 'Ada', email: 'ada@team.example' };

describe('Who', () => {
  const render = (language: 'en' | 'ja', user: Parameters<typeof Who>[0]['user']) => renderIn(language, createElement(Who, { user }));

  it('shows the user’s name, with the email as its title; the email when there is no name', async () => {
    const html = await render('en', ada);
    expect(html).toContain('title="ada@team.example"');
    expect(html).toContain('>Ada<');
    expect(await render('en', { ...ada, displayName: null })).toContain('>ada@team.example<');
  });

  it('shows "—" for nobody, with why in its title and in text for screen readers, in both languages', async () => {
    for (const [language, text] of [
      ['en', en.audit.unknownTitle],
      ['ja', ja.audit.unknownTitle],
    ] as const) {
      const html = await render(language, null);
      expect(html).toContain(`title="${text}"`);
      expect(html).toContain('<span aria-hidden="true">—</span>');
      expect(html).toContain(`<span class="visually-hidden">${text}</span>`);
    }
    expect(ja.audit.unknownTitle).not.toBe(en.audit.unknownTitle);
  });
});
