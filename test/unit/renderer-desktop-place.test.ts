/**
 * The team server's pages inside the desktop app (team/DesktopPlace.tsx): the
 * signed-in bar and the sign-in page say which team server this is and offer
 * "Back to this computer's data" only when the desktop's preload gave the page
 * `window.drmDesktop`; in a browser they look as before. English and Japanese.
 */
import { createElement, type ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderIn } from '../helpers/i18n';
import type { DesktopBridge } from '../../src-shared/contract/desktop';
import { SignInPage } from '../../src-renderer/src/team/SignInPage';
import { TeamBar } from '../../src-renderer/src/team/TeamBar';

const user = { email: 'ada@team.example', displayName: 'Ada', tenantId: 'default' };
const desktop: DesktopBridge = { backToThisComputer: vi.fn() };

function render(language: 'en' | 'ja', element: ReactElement, drmDesktop: DesktopBridge | undefined) {
  vi.stubGlobal('window', { drmDesktop, location: { host: 'drm.example.com:8443' } });
  return renderIn(language, element);
}

const bar = createElement(TeamBar, { user });
const signIn = createElement(SignInPage, { onSignedIn: () => undefined });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the team server’s pages in the desktop app', () => {
  it('the signed-in bar names the team server and offers the way back, beside the user and sign-out', async () => {
    const html = await render('en', bar, desktop);
    expect(html).toContain('<strong data-testid="team-server">Team server: drm.example.com:8443</strong>');
    expect(html).toMatch(/<button type="button"[^>]*>Back to this computer’s data<\/button>/);
    expect(html).toContain('Signed in as Ada · workspace default');
    expect(html).toContain('>Sign out</button>');
  });

  it('the sign-in page offers the way back too, for someone who cannot sign in', async () => {
    const html = await render('en', signIn, desktop);
    expect(html).toContain('Team server: drm.example.com:8443');
    expect(html).toContain('>Back to this computer’s data</button>');
    // Before the form: the way out is not hidden behind it.
    expect(html.indexOf('Back to this computer’s data')).toBeLessThan(html.indexOf('<form'));
  });

  it('speaks Japanese', async () => {
    for (const element of [bar, signIn]) {
      const html = await render('ja', element, desktop);
      expect(html).toContain('チームサーバー: drm.example.com:8443');
      expect(html).toContain('>このコンピューターのデータに戻る</button>');
    }
  });

  it('in a browser (no window.drmDesktop), shows neither the place nor the button', async () => {
    for (const element of [bar, signIn]) {
      const html = await render('en', element, undefined);
      expect(html).not.toContain('Team server:');
      expect(html).not.toContain('Back to this computer');
      expect(html).not.toContain('desktop-place');
    }
    expect(await render('en', bar, undefined)).toContain('Signed in as Ada');
  });
});
