/**
 * The HTTP API under /api/v1/ of `drm serve`'s server (issue 14 §3), on a
 * real database: key authentication and scopes, a revoke effective at once,
 * ingest that lands exactly as the CSV import of the same rows, all or
 * nothing with per-item errors, idempotent re-posts, the item limit, the
 * read endpoints equal to the CLI's JSON, a rate limit per key, and every
 * response valid against the served OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/types';
import { startHttpShell, type HttpShell } from '../../src-main/server/index';
import { drm } from '../helpers/cli';
import { createTestDatabase } from '../helpers/database';
import { importFile, queryRows, tableCounts, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { openApiValidator } from '../helpers/openapi';
import { makeTempDir } from '../helpers/temp';

const renderer = makeTempDir('api-renderer');
const uploads = makeTempDir('api-uploads');
let core: Core;
let shell: HttpShell;
let url: string;
let drop: () => Promise<void>;
let validate: (path: string, method: string, status: number, body: unknown) => void;
const keys = {} as Record<'ingest' | 'read' | 'admin', string>;

beforeAll(async () => {
  const database = await createTestDatabase();
  url = database.url;
  drop = database.drop;
  core = await startCore({ databaseUrl: url });
  shell = await startHttpShell({ core, rendererDir: renderer.path, uploadsRoot: `${uploads.path}/root` });
  for (const scope of ['ingest', 'read', 'admin'] as const)
    keys[scope] = (await call(core, 'api-keys:create', { name: `${scope} key`, scopes: [scope] })).key;

  validate = await openApiValidator(base());
});

afterAll(async () => {
  await shell?.close();
  await core?.stop();
  await drop?.();
  renderer.remove();
  uploads.remove();
});

const base = () => `http://127.0.0.1:${shell.port}`;

/** A request to the API, its answer checked against the document under `documented` (path template). */
async function api(
  method: 'GET' | 'POST',
  path: string,
  options: { key?: string; body?: unknown; documented?: string; raw?: string } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  if (options.body !== undefined || options.raw !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${base()}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const body = (await response.json()) as unknown;
  validate(options.documented ?? path.split('?')[0]!, method.toLowerCase(), response.status, body);
  return { status: response.status, body, headers: response.headers };
}

const ITEMS = [
  {
    occurred_at: '2026-04-18T19:00:00+09:00',
    action: 'signup',
    email: 'Hanako@Example.com',
    display_name: '佐藤 花子',
    organization: 'Example株式会社',
    campaign: 'DevFest',
    utm_source: 'x',
  },
  {
    occurred_at: '2026-04-19T10:30:00+09:00',
    action: 'star',
    provider: 'github',
    handle: 'hanako-dev',
    resource_url: 'https://github.com/example/sdk',
    resource_title: 'Example SDK',
    resource_category: 'repo',
  },
  { occurred_at: '2026-04-20T08:00:00Z', action: 'click', anon_id: 'c-123', resource_url: 'https://example.com/docs?a="b",c' },
];

/** The same rows as a CSV file, as a person would import them with source api. */
const CSV = [
  'occurred_at,action,email,display_name,organization,campaign,utm_source,provider,handle,resource_url,resource_title,resource_category,anon_id',
  '2026-04-18T19:00:00+09:00,signup,Hanako@Example.com,佐藤 花子,Example株式会社,DevFest,x,,,,,,',
  '2026-04-19T10:30:00+09:00,star,,,,,,github,hanako-dev,https://github.com/example/sdk,Example SDK,repo,',
  '2026-04-20T08:00:00Z,click,,,,,,,,"https://example.com/docs?a=""b"",c",,,c-123',
  '',
].join('\n');

/** What an import leaves, without ids: activities with who did them, developers, stats, the funnel. */
async function landed(dbUrl: string) {
  return {
    activities: await queryRows(
      dbUrl,
      `select a.occurred_at, a.action, a.source, a.anon_id, a.category, a.dedup_key, a.metadata, d.primary_email, r.url as resource_url,
              (select array_agg(c.name order by c.name) from activity_campaigns ac join campaigns c using (campaign_id) where ac.activity_id = a.activity_id) as campaigns
         from activities a left join developers d using (developer_id) left join resources r using (resource_id)
        order by a.dedup_key`,
    ),
    developers: await queryRows(dbUrl, 'select display_name, primary_email from developers order by primary_email, display_name'),
    stats: await queryRows(
      dbUrl,
      `select d.primary_email, s.total_actions, s.clicks, s.stars, s.last_action_at
         from developer_stats s join developers d using (developer_id) order by d.primary_email, s.total_actions`,
    ),
    counts: await tableCounts(dbUrl),
  };
}

describe('the OpenAPI document', () => {
  it('is served without a key and its schemas bite: a wrong body fails them', () => {
    expect(() => validate('/api/v1/reports/roi', 'get', 200, [{ campaign: 1 }])).toThrow();
    expect(() => validate('/api/v1/activities', 'post', 200, { jobId: 'x' })).toThrow();
  });
});

describe('authentication', () => {
  it('refuses a request without a key with 401 and WWW-Authenticate', async () => {
    const res = await api('GET', '/api/v1/reports/roi');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="drm"/);
    expect(res.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses a wrong key, and the shell token is no API key', async () => {
    expect((await api('GET', '/api/v1/reports/roi', { key: keys.read.slice(0, -2) + 'zz' })).status).toBe(401);
    const res = await api('GET', '/api/v1/reports/roi', { key: shell.token });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('answers 403 for a key without the scope, and admin holds every scope', async () => {
    const res = await api('POST', '/api/v1/activities', { key: keys.read, body: ITEMS.slice(0, 1) });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('scope="ingest"');
    expect((await api('GET', '/api/v1/reports/roi', { key: keys.ingest })).status).toBe(403);
    expect((await api('GET', '/api/v1/reports/roi', { key: keys.admin })).status).toBe(200);
  });

  it('refuses a key at once after it is revoked, and the list shows its last use', async () => {
    const { key, apiKeyId } = await call(core, 'api-keys:create', { name: 'short-lived', scopes: ['read'] });
    expect((await api('GET', '/api/v1/reports/roi', { key })).status).toBe(200);
    const used = (await call(core, 'api-keys:list', {})).find((k) => k.apiKeyId === apiKeyId)!;
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.lastUsedFrom).toMatch(/127\.0\.0\.1/);
    await call(core, 'api-keys:revoke', { apiKeyId });
    const res = await api('GET', '/api/v1/reports/roi', { key });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { message: expect.stringContaining('revoked') } });
  });

  it('limits requests per key (429 with Retry-After) without slowing other keys', async () => {
    const tight = await startHttpShell({
      core,
      rendererDir: renderer.path,
      uploadsRoot: `${uploads.path}/root`,
      keyRateLimit: { burst: 2, perSecond: 0.01 },
    });
    try {
      const get = (key: string) =>
        fetch(`http://127.0.0.1:${tight.port}/api/v1/reports/roi`, { headers: { Authorization: `Bearer ${key}` } });
      expect((await get(keys.read)).status).toBe(200);
      expect((await get(keys.read)).status).toBe(200);
      const limited = await get(keys.read);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      validate('/api/v1/reports/roi', 'get', 429, await limited.json());
      expect((await get(keys.admin)).status).toBe(200);
    } finally {
      await tight.close();
    }
  });
});

describe('POST /api/v1/activities', () => {
  it('lands like the CSV import of the same rows (source api), with its import job in the history', async () => {
    const res = await api('POST', '/api/v1/activities', { key: keys.ingest, body: ITEMS });
    expect(res.status).toBe(200);
    const result = res.body as { jobId: string; received: number; inserted: Record<string, number> };
    expect(result.received).toBe(3);
    expect(result.inserted.activities).toBe(3);
    const history = await call(core, 'import:list-jobs', {});
    expect(history.find((j) => j.jobId === result.jobId)).toMatchObject({ status: 'succeeded', fileName: 'POST /api/v1/activities' });

    // The same rows through a CSV import into a database of their own.
    const other = await createTestDatabase();
    const otherCore = await startCore({ databaseUrl: other.url });
    const dir = makeTempDir('api-csv');
    try {
      const job = await importFile(otherCore, writeCsv(dir.path, 'rows.csv', CSV), { type: 'activities', options: { source: 'api' } });
      expect(job.status).toBe('succeeded');
      const viaApi = await landed(url);
      expect(viaApi.activities.map((a) => (a as { source: string }).source)).toEqual(['api', 'api', 'api']);
      expect(viaApi).toEqual(await landed(other.url));
      const funnel = { from: '2026-04-01', to: '2026-05-01' };
      expect(await call(core, 'analytics:get-funnel', funnel)).toEqual(await call(otherCore, 'analytics:get-funnel', funnel));
    } finally {
      await otherCore.stop();
      await other.drop();
      dir.remove();
    }
    // A second database and core: slow on a loaded machine, not a measure of anything.
  }, 180_000);

  it('adds nothing when the same items are posted again', async () => {
    const before = await tableCounts(url);
    const res = await api('POST', '/api/v1/activities', { key: keys.ingest, body: ITEMS });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inserted: { activities: 0 }, duplicates: 3 });
    expect(await tableCounts(url)).toEqual(before);
  });

  it('rejects the whole request for one bad item, naming its index and field, and changes nothing', async () => {
    const before = await tableCounts(url);
    const items = [
      { occurred_at: '2026-05-01T10:00:00Z', action: 'signup', email: 'new@example.com' },
      { occurred_at: '2026-05-01T11:00:00Z', action: 'signup', email: 'not an email' },
    ];
    const res = await api('POST', '/api/v1/activities', { key: keys.ingest, body: items });
    expect(res.status).toBe(422);
    const { error } = res.body as { error: { code: string; details: { errors: { index: number; field: string }[] } } };
    expect(error.code).toBe('INVALID_ITEMS');
    expect(error.details.errors).toEqual([expect.objectContaining({ index: 1, field: 'email' })]);
    expect(await tableCounts(url)).toEqual(before);
    expect(await queryRows(url, `select 1 from developers where primary_email = 'new@example.com'`)).toEqual([]);
  });

  it('refuses unknown fields and missing required ones by index before importing', async () => {
    const res = await api('POST', '/api/v1/activities', {
      key: keys.ingest,
      body: [ITEMS[0], { occurred_at: '2026-05-01T10:00:00Z', email: 'a@example.com', colour: 'red' }],
    });
    expect(res.status).toBe(422);
    const errors = (res.body as { error: { details: { errors: { index: number; field: string }[] } } }).error.details.errors;
    expect(errors.map((e) => [e.index, e.field]).sort()).toEqual([
      [1, 'action'],
      [1, 'colour'],
    ]);
  });

  it(`refuses 10,001 items, a non-array and a non-JSON body`, async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ occurred_at: '2026-05-01T10:00:00Z', action: 'click', anon_id: `a${i}` }));
    const before = await tableCounts(url);
    const res = await api('POST', '/api/v1/activities', { key: keys.ingest, body: many });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'TOO_LARGE', details: { limit: 10_000 } } });
    expect(await tableCounts(url)).toEqual(before);
    expect((await api('POST', '/api/v1/activities', { key: keys.ingest, body: { items: [] } })).status).toBe(400);
    expect((await api('POST', '/api/v1/activities', { key: keys.ingest, raw: '[{' })).status).toBe(400);
  });
});

describe('read endpoints', () => {
  const cli = async (args: string[]) => {
    const result = await drm([...args, '--json', '--database-url', url]);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as unknown;
  };

  it('answer the same JSON as the CLI: a developer (by email and id), the funnel, ROI', async () => {
    const byEmail = await api('GET', '/api/v1/developers/hanako%40example.com', {
      key: keys.read,
      documented: '/api/v1/developers/{developer}',
    });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toEqual(await cli(['developer', 'show', 'hanako@example.com']));
    const id = (byEmail.body as { developerId: string }).developerId;
    expect((await api('GET', `/api/v1/developers/${id}`, { key: keys.read, documented: '/api/v1/developers/{developer}' })).body).toEqual(
      byEmail.body,
    );

    const funnel = await api('GET', '/api/v1/reports/funnel?from=2026-04-01&to=2026-05-01', { key: keys.read });
    expect(funnel.status).toBe(200);
    expect(funnel.body).toEqual(await cli(['report', 'funnel', '--from', '2026-04-01', '--to', '2026-05-01']));

    const roi = await api('GET', '/api/v1/reports/roi?from=2026-04-01&to=2026-05-01', { key: keys.read });
    expect(roi.status).toBe(200);
    expect((roi.body as unknown[]).length).toBeGreaterThan(0);
    expect(roi.body).toEqual(await cli(['report', 'roi', '--from', '2026-04-01', '--to', '2026-05-01']));
    // Four CLI processes: slow on a loaded machine, not a measure of anything.
  }, 180_000);

  it('say 404 for an unknown developer and 400 for bad or unknown parameters', async () => {
    const documented = '/api/v1/developers/{developer}';
    expect((await api('GET', '/api/v1/developers/nobody%40example.com', { key: keys.read, documented })).status).toBe(404);
    expect((await api('GET', '/api/v1/reports/funnel?from=2026-04-01', { key: keys.read })).status).toBe(400);
    expect((await api('GET', '/api/v1/reports/funnel?from=2026-04-01&to=2026-05-01&form=x', { key: keys.read })).status).toBe(400);
    expect((await api('GET', '/api/v1/reports/roi?model=best', { key: keys.read })).status).toBe(400);
  });
});
