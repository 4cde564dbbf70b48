import type { z } from 'zod';
import type { ApiResult } from '../../src-shared/contract/common';
import { channelNames, channels, type ChannelName, type ChannelOutput } from '../../src-shared/contract/index';
import { toApiError } from './errors';
import { LOCAL_SESSION } from './files/handles';

/**
 * Who calls: the shell's session (an Electron window, one `drm serve` shell),
 * which owns the file handles it registered. Callers in the core's own process
 * (the CLI, tests) leave it out and are the local session.
 */
export interface Caller {
  session: string;
  /** Who acts: the signed-in user (team server) or the local OS user; audit columns record it. */
  userId?: string;
}

/** A domain's implementation of some channels, with already-parsed input. */
export type DomainHandlers = {
  [K in ChannelName]?: (input: z.output<(typeof channels)[K]['input']>, caller: Caller) => Promise<ChannelOutput<K>>;
};

/** What every shell calls: untrusted input in, an `ApiResult` out, never a throw. */
export type CoreHandlers = {
  [K in ChannelName]: (input: unknown, caller?: Caller) => Promise<ApiResult<ChannelOutput<K>>>;
};

/**
 * Joins the domains' handler maps into one, refusing a channel implemented
 * twice or not at all, and wraps each so that input is parsed with the
 * contract's schema and failures become `ApiError` data.
 */
export function composeHandlers(domains: Record<string, DomainHandlers>): CoreHandlers {
  const owner = new Map<string, string>();
  const impl = new Map<string, (input: unknown, caller: Caller) => Promise<unknown>>();
  for (const [domain, handlers] of Object.entries(domains)) {
    for (const [channel, handler] of Object.entries(handlers)) {
      if (!handler) continue;
      if (!Object.hasOwn(channels, channel)) throw new Error(`${domain} implements unknown channel ${channel}`);
      const previous = owner.get(channel);
      if (previous) throw new Error(`Channel ${channel} is implemented by both ${previous} and ${domain}`);
      owner.set(channel, domain);
      impl.set(channel, handler as (input: unknown, caller: Caller) => Promise<unknown>);
    }
  }
  const missing = channelNames.filter((name) => !impl.has(name));
  if (missing.length > 0) throw new Error(`No handler for channel(s): ${missing.join(', ')}`);

  const composed = {} as Record<ChannelName, (input: unknown, caller?: Caller) => Promise<ApiResult<unknown>>>;
  for (const name of channelNames) {
    const handler = impl.get(name)!;
    const { input: inputSchema, output: outputSchema } = channels[name];
    composed[name] = async (raw: unknown, caller: Caller = { session: LOCAL_SESSION }) => {
      try {
        const input = inputSchema.parse(raw ?? {});
        const value = outputSchema.parse(await handler(input, caller));
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: toApiError(error) };
      }
    };
  }
  return composed as CoreHandlers;
}
