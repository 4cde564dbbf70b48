/**
 * The read endpoints (scope `read`): a developer, the funnel and ROI, through
 * the same channels as the app and with the same JSON as the CLI's `--json`.
 */
import type { ApiResult } from '../../../src-shared/contract/common';
import { developerSummary, funnelJson, roiJson } from '../../core/api/cli-json';
import type { Core } from '../../core/types';
import { ApiRefusal, refusalOf } from './respond';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const value = <T>(result: ApiResult<T>): T => {
  if (!result.ok) throw refusalOf(result.error);
  return result.value;
};

/** The query's parameters by name; a repeated or unknown one is refused, so a typo is not silently ignored. */
function params(url: URL, known: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, v] of url.searchParams) {
    if (!known.includes(name))
      throw new ApiRefusal(400, 'BAD_INPUT', `Unknown query parameter "${name}"; this endpoint takes ${known.join(', ') || 'none'}`);
    if (out[name] !== undefined) throw new ApiRefusal(400, 'BAD_INPUT', `Query parameter "${name}" is given twice`);
    out[name] = v;
  }
  return out;
}

export async function getDeveloper(core: Pick<Core, 'handlers'>, key: string) {
  const input = UUID.test(key) ? { developerId: key.toLowerCase() } : { email: key };
  return developerSummary(value(await core.handlers['developers:get'](input)));
}

export async function getFunnel(core: Pick<Core, 'handlers'>, url: URL) {
  const { from, to, campaignId, source } = params(url, ['from', 'to', 'campaignId', 'source']);
  if (from === undefined || to === undefined)
    throw new ApiRefusal(400, 'BAD_INPUT', 'from and to are required: ?from=YYYY-MM-DD&to=YYYY-MM-DD (to excluded)');
  return funnelJson(value(await core.handlers['analytics:get-funnel']({ from, to, campaignId, source })));
}

export async function getRoi(core: Pick<Core, 'handlers'>, url: URL) {
  const { from, to, model, lookbackDays } = params(url, ['from', 'to', 'model', 'lookbackDays']);
  const days = lookbackDays === undefined ? undefined : Number(lookbackDays);
  // The channel's schema checks model and the numbers; a wrong value comes back as its BAD_INPUT.
  const input = { from, to, model, lookbackDays: days } as Parameters<Core['handlers']['campaigns:get-roi']>[0];
  return roiJson(value(await core.handlers['campaigns:get-roi'](input)));
}
