/**
 * Email notifications through a test SMTP server on 127.0.0.1 (smtp-server):
 * the message arrives with its subject and body at every recipient, the
 * login uses the stored password, the password never comes back to a
 * client, and a refused login fails at once without retrying.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { queryRows } from '../helpers/imports';
import { call } from '../helpers/merges';

const db = useCoreOnTestDatabase();
const PASSWORD = 'smtp-pass-4c81f0e2';

interface Mail {
  from: string;
  to: string[];
  data: string;
  user: string | undefined;
}
const mails: Mail[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'drm' && auth.password === PASSWORD) callback(null, { user: 'drm' });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  mails.length = 0;
});

const smtp = (password?: string) =>
  call(db.core, 'notifications:save-smtp', {
    host: '127.0.0.1',
    port,
    security: 'none',
    username: 'drm',
    password,
    from: 'drm@example.com',
  });

describe('email notifications', () => {
  it('keeps the SMTP password write-only', async () => {
    expect(await call(db.core, 'notifications:get-smtp', {})).toMatchObject({ host: '', hasPassword: false });
    const saved = await smtp(PASSWORD);
    expect(saved).toEqual({ host: '127.0.0.1', port, security: 'none', username: 'drm', from: 'drm@example.com', hasPassword: true });
    // Saving without a password keeps the stored one.
    const again = await smtp(undefined);
    const read = await call(db.core, 'notifications:get-smtp', {});
    for (const answer of [saved, again, read]) expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    expect(read.hasPassword).toBe(true);
    const [row] = await queryRows<{ password: string }>(db.url, `select smtp_settings->>'password' as password from system_settings`);
    expect(row!.password).toBe(PASSWORD);
  });

  it('sends a test email to every recipient, logged in with the stored password', async () => {
    await smtp(PASSWORD);
    const channel = await call(db.core, 'notifications:save-channel', {
      kind: 'email',
      name: 'Team mail',
      target: 'devrel@example.com, lead@example.com',
      events: ['digest.weekly'],
    });
    const entry = await call(db.core, 'notifications:send-test', { channelId: channel.channelId });
    expect(entry).toMatchObject({ status: 'sent', channel: 'email', target: 'devrel@example.com, lead@example.com', errorMessage: null });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: 'drm@example.com', to: ['devrel@example.com', 'lead@example.com'], user: 'drm' });
    expect(mails[0]!.data).toContain('Subject: [DRM] Test notification from DRM Desktop');
    expect(mails[0]!.data).toContain('Team mail');
  });

  it('fails a refused login at once, with the server’s reason and without the password', async () => {
    await smtp('not-the-password');
    const channel = await call(db.core, 'notifications:save-channel', { kind: 'email', name: 'Mail', target: 'a@example.com', events: [] });
    const entry = await call(db.core, 'notifications:send-test', { channelId: channel.channelId });
    expect(entry).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(entry.errorMessage).toContain('127.0.0.1');
    expect(entry.errorMessage).toMatch(/EAUTH|535/);
    expect(entry.errorMessage).not.toContain('not-the-password');
    expect(mails).toEqual([]);
    await queryRows(db.url, 'delete from app.notification_channels');
  });
});
