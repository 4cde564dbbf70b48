/**
 * `drm shortlinks create|list|qr|export-redirects`: short links, their QR
 * codes and the redirect rules for where the short-link domain is hosted
 * (issue 13 §1), through the same handlers as the app. No network is needed.
 */
import { resolve } from 'node:path';
import { qrLevels, redirectFormats, type Shortlink } from '../../src-shared/contract/shortlinks';
import { writeFileAtomic } from '../core/files/atomic-write';
import type { Core } from '../core/types';
import { parseOptions, Refusal, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { campaignIdByName } from './report-funnel';
import { serveShortlinks } from './shortlinks-serve';
import { columns } from './terminal';

const USAGE = 'drm shortlinks create|list|qr|export-redirects|serve';
const JSON_OPTION = { json: { type: 'boolean', default: false } } as const;

const print = (json: boolean, value: unknown, text: string) =>
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

async function create(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    ...targetOptions,
    ...JSON_OPTION,
    url: { type: 'string' },
    key: { type: 'string' },
    campaign: { type: 'string' },
    'resource-id': { type: 'string' },
    'utm-source': { type: 'string' },
    'utm-medium': { type: 'string' },
    'utm-campaign': { type: 'string' },
    'utm-content': { type: 'string' },
  });
  if (!values.url) throw new UsageError('give the target: drm shortlinks create --url URL [--key K] [--campaign NAME] …');
  const link = await withCore(resolveTarget(values), async (core) => {
    const campaignId = values.campaign === undefined ? undefined : await campaignIdByName(core, values.campaign);
    return unwrap(
      await core.handlers['shortlinks:create']({
        targetUrl: values.url,
        key: values.key,
        campaignId,
        resourceId: values['resource-id'],
        utmSource: values['utm-source'],
        utmMedium: values['utm-medium'],
        utmCampaign: values['utm-campaign'],
        utmContent: values['utm-content'],
      }),
    );
  });
  const { shortlinkId, key, shortUrl, finalUrl } = link;
  const short = shortUrl ?? `(no short-link domain yet: set it in Settings → Short links) key ${key}`;
  print(values.json, { shortlinkId, key, shortUrl, finalUrl }, `${short}\n  → ${finalUrl}`);
  return 0;
}

export function formatShortlinks(links: Shortlink[]): string {
  if (links.length === 0) return 'No short links yet (drm shortlinks create --url URL).';
  const body = links.map((l) => [l.key, l.shortUrl ?? '', l.finalUrl, l.campaignName ?? '', l.resourceTitle ?? '']);
  return columns(['key', 'short URL', 'final URL', 'campaign', 'resource'], body).join('\n');
}

async function list(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { ...targetOptions, ...JSON_OPTION, campaign: { type: 'string' }, q: { type: 'string' } });
  const links = await withCore(resolveTarget(values), async (core) => {
    const campaignId = values.campaign === undefined ? undefined : await campaignIdByName(core, values.campaign);
    return unwrap(await core.handlers['shortlinks:list']({ campaignId, q: values.q }));
  });
  print(values.json, links, formatShortlinks(links));
  return 0;
}

/** The link with exactly this key. */
async function linkByKey(core: Core, key: string): Promise<Shortlink> {
  const link = unwrap(await core.handlers['shortlinks:list']({ q: key })).find((l) => l.key === key);
  if (!link) throw new Refusal(`No short link with the key "${key}" (drm shortlinks list shows them)`);
  return link;
}

function parseInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new UsageError(`${name} must be a whole number, got "${text}"`);
  return n;
}

async function qr(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      ...targetOptions,
      ...JSON_OPTION,
      out: { type: 'string' },
      size: { type: 'string' },
      caption: { type: 'string' },
      level: { type: 'string' },
    },
    true,
  );
  const [key, ...extra] = positionals;
  if (key === undefined || extra.length > 0 || !values.out)
    throw new UsageError('drm shortlinks qr KEY --out FILE.png|FILE.svg [--size PX] [--caption TEXT] [--level L|M|Q|H]');
  const format = /\.svg$/i.test(values.out) ? 'svg' : /\.png$/i.test(values.out) ? 'png' : undefined;
  if (!format) throw new UsageError(`--out must end in .png or .svg, got ${values.out}`);
  const level = values.level?.toUpperCase() ?? 'M';
  if (!(qrLevels as readonly string[]).includes(level))
    throw new UsageError(`--level must be one of ${qrLevels.join(', ')}, got ${values.level}`);
  const file = await withCore(resolveTarget(values), async (core) => {
    const link = await linkByKey(core, key);
    return unwrap(
      await core.handlers['shortlinks:get-qr']({
        shortlinkId: link.shortlinkId,
        format,
        size: parseInteger('--size', values.size),
        level: level as (typeof qrLevels)[number],
        caption: values.caption,
      }),
    );
  });
  const out = resolve(values.out);
  writeFileAtomic(out, file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content, 0o644);
  print(values.json, { file: out, encodes: file.encodes }, `Wrote ${out} (reads as ${file.encodes})`);
  return 0;
}

async function exportRedirects(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { ...targetOptions, format: { type: 'string' }, out: { type: 'string' } });
  const format = values.format;
  if (!format || !(redirectFormats as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${redirectFormats.join(', ')}${format ? `, got ${format}` : ''}`);
  }
  const file = await withCore(resolveTarget(values), async (core) =>
    unwrap(await core.handlers['shortlinks:export-redirects']({ format: format as (typeof redirectFormats)[number] })),
  );
  if (values.out === undefined) {
    process.stdout.write(file.content);
  } else {
    writeFileAtomic(resolve(values.out), file.content, 0o644);
    process.stderr.write(`Wrote ${file.count} rule(s) to ${resolve(values.out)}\n`);
  }
  return 0;
}

const subcommands: Record<string, (args: string[]) => Promise<number>> = {
  create,
  list,
  qr,
  'export-redirects': exportRedirects,
  serve: serveShortlinks,
};

export async function shortlinksCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const command = sub === undefined ? undefined : subcommands[sub];
  if (!command) throw new UsageError(sub === undefined ? `give a subcommand: ${USAGE}` : `unknown subcommand "${sub}" (${USAGE})`);
  return command(rest);
}
