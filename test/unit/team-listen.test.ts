/**
 * Where the team server may listen (server/team/listen.ts): loopback by
 * default; another host only with TLS or a named proxy, whose forwarded
 * headers are believed from its address only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { clientOf, ListenRefusal, planListen } from '../../src-main/server/team/listen';
import { createFailureThrottle } from '../../src-main/core/auth/throttle';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('team-listen');
afterAll(() => dir.remove());

const req = (peer: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;

describe('planListen', () => {
  it('listens on 127.0.0.1 by default, plain HTTP', () => {
    expect(planListen({})).toEqual({ host: '127.0.0.1', tls: undefined, proxy: undefined });
  });

  it('refuses another host without TLS or a proxy, saying which flags fix it', () => {
    expect(() => planListen({ host: '0.0.0.0' })).toThrow(ListenRefusal);
    expect(() => planListen({ host: '0.0.0.0' })).toThrow(/--tls-cert FILE --tls-key FILE.*--behind-proxy ADDR/);
  });

  it('takes another host with a certificate and key, or behind a named proxy', () => {
    const cert = join(dir.path, 'cert.pem');
    const key = join(dir.path, 'key.pem');
    writeFileSync(cert, 'CERT');
    writeFileSync(key, 'KEY');
    expect(planListen({ host: '0.0.0.0', tlsCert: cert, tlsKey: key }).tls?.cert.toString()).toBe('CERT');
    expect(planListen({ host: '0.0.0.0', behindProxy: '10.0.0.2' }).proxy).toBe('10.0.0.2');
  });

  it('refuses half a TLS pair, an unreadable file, and a proxy that is no IP address', () => {
    expect(() => planListen({ tlsCert: 'x.pem' })).toThrow(/both --tls-cert/);
    expect(() => planListen({ host: '0.0.0.0', tlsCert: join(dir.path, 'none'), tlsKey: join(dir.path, 'none') })).toThrow(
      /Cannot read the TLS/,
    );
    expect(() => planListen({ behindProxy: 'proxy.example' })).toThrow(/IP address/);
  });
});

describe('clientOf', () => {
  const plan = planListen({ behindProxy: '10.0.0.2' });

  it("believes X-Forwarded-For/Proto from the proxy's address only", () => {
    const headers = { 'x-forwarded-for': '198.51.100.7, 203.0.113.9', 'x-forwarded-proto': 'https' };
    expect(clientOf(req('::ffff:10.0.0.2', headers), plan)).toEqual({ address: '203.0.113.9', secure: true });
    expect(clientOf(req('10.0.0.3', headers), plan)).toEqual({ address: '10.0.0.3', secure: false });
  });

  it('is secure on its own TLS, whatever a client claims', () => {
    const tls = { host: '0.0.0.0', tls: { cert: Buffer.from(''), key: Buffer.from('') } };
    expect(clientOf(req('10.0.0.9', { 'x-forwarded-proto': 'http' }), tls).secure).toBe(true);
    expect(clientOf(req('10.0.0.9', { 'x-forwarded-proto': 'https' }), planListen({})).secure).toBe(false);
  });
});

describe('createFailureThrottle', () => {
  it('locks a key at its limit until the window ends, and a success clears it', () => {
    const t = createFailureThrottle({ limit: 2, windowMs: 60_000 });
    expect(t.fail('a', 0)).toBe(false);
    expect(t.lockedFor('a', 1)).toBe(0);
    expect(t.fail('a', 1000)).toBe(true);
    expect(t.lockedFor('a', 1000)).toBe(59);
    expect(t.lockedFor('b', 1000)).toBe(0);
    expect(t.lockedFor('a', 60_000)).toBe(0);
    t.fail('c', 0);
    t.clear('c');
    t.fail('c', 0);
    expect(t.lockedFor('c', 0)).toBe(0);
  });
});
