/**
 * Where the team server may listen (README "Team mode"): 127.0.0.1 by
 * default; any address another machine can reach needs TLS of its own
 * (`--tls-cert/--tls-key`) or a named reverse proxy in front
 * (`--behind-proxy ADDR`) whose X-Forwarded-Proto/For are then believed, from
 * that address only. Passwords and session cookies never cross a network in
 * clear text because someone forgot a flag.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP } from 'node:net';

export interface ListenOptions {
  host?: string;
  tlsCert?: string;
  tlsKey?: string;
  /** The reverse proxy's address: only its X-Forwarded-* headers are believed. */
  behindProxy?: string;
}

export interface ListenPlan {
  host: string;
  tls?: { cert: Buffer; key: Buffer };
  proxy?: string;
}

export class ListenRefusal extends Error {}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** An IPv4 peer as an IPv6 socket reports it (`::ffff:10.0.0.2`) is the same address. */
const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

export function planListen(options: ListenOptions): ListenPlan {
  const host = options.host ?? '127.0.0.1';
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined))
    throw new ListenRefusal('Give both --tls-cert FILE and --tls-key FILE (PEM), or neither.');
  if (options.behindProxy !== undefined && isIP(plainAddress(options.behindProxy)) === 0)
    throw new ListenRefusal(`--behind-proxy takes the proxy's IP address (e.g. 127.0.0.1 or 10.0.0.2), got "${options.behindProxy}".`);
  let tls: ListenPlan['tls'];
  if (options.tlsCert !== undefined && options.tlsKey !== undefined) {
    try {
      tls = { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) };
    } catch (error) {
      throw new ListenRefusal(`Cannot read the TLS certificate or key: ${(error as Error).message}`);
    }
  }
  if (!LOOPBACK.has(host) && !tls && options.behindProxy === undefined)
    throw new ListenRefusal(
      `Team mode on ${host} would send passwords and session cookies unencrypted. Give --tls-cert FILE --tls-key FILE ` +
        `(HTTPS), or --behind-proxy ADDR when a reverse proxy at ADDR terminates TLS, or listen on 127.0.0.1 (the default).`,
    );
  return { host, tls, proxy: options.behindProxy === undefined ? undefined : plainAddress(options.behindProxy) };
}

export function createListener(plan: ListenPlan, listener: RequestListener): Server {
  return plan.tls ? createHttpsServer({ cert: plan.tls.cert, key: plan.tls.key }, listener) : createHttpServer(listener);
}

export interface ClientView {
  /** The client's address: the proxy's X-Forwarded-For (its last entry, the one the proxy added) when from the proxy. */
  address: string;
  /** Whether the browser's connection is HTTPS (ours, or the proxy's by X-Forwarded-Proto). */
  secure: boolean;
}

export function clientOf(req: IncomingMessage, plan: ListenPlan): ClientView {
  const peer = plainAddress(req.socket.remoteAddress ?? 'unknown');
  if (plan.proxy !== undefined && peer === plan.proxy) {
    const forwardedFor = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
    const proto = String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim()
      .toLowerCase();
    return { address: forwardedFor.at(-1) ?? peer, secure: proto === 'https' };
  }
  return { address: peer, secure: plan.tls !== undefined };
}
