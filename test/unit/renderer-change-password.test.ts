/**
 * The team server's "Change password" form (team/ChangePasswordForm.tsx,
 * change-password-state.ts, team-auth.ts's changePassword): what the page
 * checks before sending, what each answer of `POST /auth/password` does to the
 * fields (a refusal keeps what was typed except the passwords the server
 * refused), and how the states render: labels tied to inputs, the browser's
 * password-manager hints, errors beside their field and describing it, success
 * said in a live region. English and Japanese.
 */
import { createElement, type ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderIn } from '../helpers/i18n';
import { ChangePasswordForm } from '../../src-renderer/src/team/ChangePasswordForm';
import { TeamBar } from '../../src-renderer/src/team/TeamBar';
import {
  afterAnswer,
  checkBeforeSending,
  EMPTY_FORM,
  firstInvalid,
  type PasswordFormState,
} from '../../src-renderer/src/team/change-password-state';
import { changePassword } from '../../src-renderer/src/team/team-auth';

const typed: PasswordFormState = {
  ...EMPTY_FORM,
  status: 'saving',
  values: { currentPassword: 'the-old-one-22-chars!!', newPassword: 'a-long-new-passphrase', confirmPassword: 'a-long-new-passphrase' },
};

function render(language: 'en' | 'ja', element: ReactElement) {
  vi.stubGlobal('window', { location: { host: 'drm.example.com' } });
  return renderIn(language, element);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('before sending', () => {
  it('asks for every field, 12 characters, a different password, and the same one twice', () => {
    expect(checkBeforeSending(EMPTY_FORM.values)).toEqual({
      currentPassword: { key: 'currentMissing' },
      newPassword: { key: 'newMissing' },
    });
    const v = (newPassword: string, confirmPassword = newPassword) => ({
      currentPassword: 'current-password',
      newPassword,
      confirmPassword,
    });
    expect(checkBeforeSending(v('eleven-char')).newPassword).toEqual({ key: 'tooShort', values: { min: 12, max: 1024 } });
    expect(checkBeforeSending(v('twelve-chars'))).toEqual({});
    expect(checkBeforeSending(v('x'.repeat(1025))).newPassword?.key).toBe('tooLong');
    expect(checkBeforeSending(v('current-password')).newPassword?.key).toBe('same');
    expect(checkBeforeSending(v('a-long-new-passphrase', 'a-long-new-passphrasE'))).toEqual({ confirmPassword: { key: 'mismatch' } });
    // Twelve characters, not twelve UTF-16 units: 'パスワード' is five.
    expect(checkBeforeSending(v('パスワードパスワードパス')).newPassword).toBeUndefined();
  });

  it('sends the focus to the first field with an error', () => {
    expect(firstInvalid({ confirmPassword: { key: 'mismatch' }, newPassword: { key: 'same' } })).toBe('newPassword');
    expect(firstInvalid({})).toBeUndefined();
  });
});

describe('after the server answered', () => {
  it('a change empties the form and says so', () => {
    expect(afterAnswer(typed, { ok: true, endedSessions: 2 })).toEqual({ ...EMPTY_FORM, status: 'done', endedSessions: 2 });
  });

  it('a wrong current password clears only that field; the new one stays typed', () => {
    const next = afterAnswer(typed, { ok: false, field: 'currentPassword', reason: 'invalid', message: 'Wrong current password.' });
    expect(next.status).toBe('editing');
    expect(next.values).toEqual({ ...typed.values, currentPassword: '' });
    expect(next.errors).toEqual({ currentPassword: { key: 'currentWrong' } });
    expect(firstInvalid(next.errors)).toBe('currentPassword');
  });

  it('a lockout says how long, beside the current password', () => {
    const next = afterAnswer(typed, { ok: false, field: 'currentPassword', reason: 'locked', retryAfter: 540, message: '' });
    expect(next.errors.currentPassword).toEqual({ key: 'locked', values: { seconds: 540 } });
  });

  it('a refused new password clears it and its confirmation, and keeps the current one', () => {
    const next = afterAnswer(typed, { ok: false, field: 'newPassword', reason: 'same', message: '' });
    expect(next.values).toEqual({ currentPassword: typed.values.currentPassword, newPassword: '', confirmPassword: '' });
    expect(next.errors.newPassword?.key).toBe('same');
  });

  it('an ended session or a network failure keeps everything typed and says why, about no field', () => {
    const out = afterAnswer(typed, { ok: false, field: null, reason: 'signedOut', message: 'Not signed in' });
    expect(out.values).toEqual(typed.values);
    expect(out.errors).toEqual({});
    expect(out.general).toEqual({ key: 'signedOut' });
    const down = afterAnswer(typed, { ok: false, field: null, reason: 'other', message: 'TypeError: Failed to fetch' });
    expect(down.values).toEqual(typed.values);
    expect(down.general).toEqual({ key: 'other', values: { message: 'TypeError: Failed to fetch' } });
  });
});

describe('changePassword (the request)', () => {
  const answering = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }));

  it('posts JSON with the session cookie and reads the server’s answers', async () => {
    const ok = answering(200, { ok: true, value: { endedSessions: 1 } });
    vi.stubGlobal('fetch', ok);
    expect(await changePassword('old', 'new-password-1')).toEqual({ ok: true, endedSessions: 1 });
    const [url, init] = ok.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/auth/password');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(init.body as string)).toEqual({ currentPassword: 'old', newPassword: 'new-password-1' });

    vi.stubGlobal(
      'fetch',
      answering(400, { ok: false, error: { message: 'Too short', details: { field: 'newPassword', reason: 'tooShort' } } }),
    );
    expect(await changePassword('old', 'short')).toEqual({ ok: false, field: 'newPassword', reason: 'tooShort', message: 'Too short' });

    const lock = { ok: false, error: { message: 'Too many', details: { field: 'currentPassword', reason: 'locked', retryAfter: 300 } } };
    vi.stubGlobal('fetch', answering(429, lock, { 'Retry-After': '300' }));
    expect(await changePassword('guess', 'new-password-1')).toMatchObject({ field: 'currentPassword', reason: 'locked', retryAfter: 300 });

    vi.stubGlobal('fetch', answering(401, { ok: false, error: { code: 'BAD_INPUT', message: 'Not signed in' } }));
    expect(await changePassword('old', 'new-password-1')).toMatchObject({ ok: false, field: null, reason: 'signedOut' });

    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await changePassword('old', 'new-password-1')).toMatchObject({ ok: false, field: null, reason: 'other' });
  });
});

describe('the form', () => {
  const labelled = (html: string, label: string) => {
    const id = new RegExp(`<label for="([^"]+)">${label}</label>`).exec(html)?.[1];
    expect(id, label).toBeDefined();
    return new RegExp(`<input id="${id!.replace(/[:]/g, '\\:')}"[^>]*>`).exec(html)![0];
  };

  it('ties each label to its input, with the password manager’s hints', async () => {
    const html = await render('en', createElement(ChangePasswordForm));
    expect(labelled(html, 'Current password')).toContain('autoComplete="current-password"');
    expect(labelled(html, 'New password')).toContain('autoComplete="new-password"');
    expect(labelled(html, 'Confirm new password')).toContain('autoComplete="new-password"');
    expect(labelled(html, 'New password')).toMatch(/type="password"/);
    expect(html).toContain('At least 12 characters.');
    expect(html).toContain('>Save new password</button>');
    expect(html).not.toContain('aria-invalid');
    // The live region exists before anything is said in it.
    expect(html).toMatch(/<div aria-live="polite" role="status"><\/div>/);
  });

  it('shows an error beside its field, which it describes, and keeps the other fields', async () => {
    const refused = afterAnswer(typed, { ok: false, field: 'currentPassword', reason: 'invalid', message: '' });
    const html = await render('en', createElement(ChangePasswordForm, { initial: refused }));
    const current = labelled(html, 'Current password');
    expect(current).toContain('aria-invalid="true"');
    expect(current).toContain('value=""');
    const describedBy = /aria-describedby="([^"]+)"/.exec(current)![1]!;
    expect(html).toContain(
      `<p class="field-error" id="${describedBy}">Wrong current password. Type the password you signed in with, then try again.</p>`,
    );
    // The error follows its own input, before the next field.
    expect(html.indexOf(current)).toBeLessThan(html.indexOf('Wrong current password'));
    expect(html.indexOf('Wrong current password')).toBeLessThan(html.indexOf('>New password</label>'));
    expect(labelled(html, 'New password')).toContain('value="a-long-new-passphrase"');
    expect(labelled(html, 'New password')).not.toContain('aria-invalid');
  });

  it('says the change succeeded in the live region, and how many other sign-ins ended', async () => {
    const html = await render('en', createElement(ChangePasswordForm, { initial: afterAnswer(typed, { ok: true, endedSessions: 2 }) }));
    expect(html).toMatch(
      /<div aria-live="polite" role="status"><p tabindex="-1" class="notice" data-testid="password-changed">Your password is changed\. Other sign-ins ended: 2\./,
    );
  });

  it('speaks Japanese', async () => {
    const refused = afterAnswer(typed, { ok: false, field: 'newPassword', reason: 'tooShort', message: '' });
    const html = await render('ja', createElement(ChangePasswordForm, { initial: refused }));
    expect(html).toContain('>現在のパスワード</label>');
    expect(html).toContain('>新しいパスワード（確認）</label>');
    expect(html).toContain('短すぎます。12 文字以上にしてください。');
    expect(html).toContain('>新しいパスワードを保存</button>');
  });
});

describe('the signed-in bar', () => {
  const user = { email: 'ada@team.example', displayName: 'Ada', tenantId: 'default' };

  it('offers "Change password" beside sign-out, closed until asked', async () => {
    const html = await render('en', createElement(TeamBar, { user }));
    expect(html).toMatch(/<button type="button" class="button-secondary button-small" aria-expanded="false">Change password<\/button>/);
    expect(html).not.toContain('Current password');
  });

  it('opens the account panel, controlled by the button, titled, with the form', async () => {
    const html = await render('en', createElement(TeamBar, { user, accountOpen: true }));
    const controls = /aria-expanded="true" aria-controls="([^"]+)"/.exec(html)?.[1];
    expect(controls).toBeDefined();
    expect(html).toContain(`<section id="${controls}" class="account-panel" aria-labelledby="${controls}-title">`);
    expect(html).toContain('>Change your password</h2>');
    expect(html).toContain('For ada@team.example.');
    expect(html).toContain('>Current password</label>');
    expect(html).toContain('>Close</button>');
  });
});
