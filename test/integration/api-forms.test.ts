/**
 * Sign-up forms (issue 14 §3): managed by channels (delete with undo keeps
 * the key), and `POST /api/v1/forms/<key>` of drm serve's server: CORS for
 * the allowed origins only, the honeypot, the size limit, a rate limit per
 * client, and an accepted post landing as a `form` activity with the form's
 * action and campaign.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestForm } from '../../src-shared/contract/forms';
import { startHttpShell, type HttpShell } from '../../src-main/server/index';
import { useCoreOnTestDatabase } from '../helpers/database';
import { queryRows, tableCounts } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { openApiValidator } from '../helpers/openapi';
import { makeTempDir } from '../helpers/temp';

const db = useCoreOnTestDatabase();
const renderer = makeTempDir('forms-renderer');
const uploads = makeTempDir('forms-uploads');
let shell: HttpShell;
let form: IngestForm;
let validate: Awaited<ReturnType<typeof openApiValidator>>;
const SITE = 'https://www.example.com';

beforeAll(async () => {
  shell = await startHttpShell({ core: db.core, rendererDir: renderer.path, uploadsRoot: `${uploads.path}/root` });
  validate = await openApiValidator(`http://127.0.0.1:${shell.port}`);
  const campaign = await call(db.core, 'campaigns:create', { name: 'Launch 2026' });
  form = await call(db.core, 'forms:create', {
    name: 'Newsletter',
    allowedOrigins: [`${SITE}/`],
    campaignId: campaign.campaignId,
    action: 'Signup',
  });
});

afterAll(async () => {
  await shell?.close();
  renderer.remove();
  uploads.remove();
});

const DOCUMENTED = '/api/v1/forms/{formKey}';

/** A form post; its answer (always JSON) is checked against the OpenAPI document. */
async function post(path: string, body: string, headers: Record<string, string>, port = shell.port) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers, body });
  const json = (await response.json()) as unknown;
  validate(DOCUMENTED, 'post', response.status, json);
  return { status: response.status, headers: response.headers, json: () => Promise.resolve(json) };
}
const urlencoded = (origin?: string) => ({
  'Content-Type': 'application/x-www-form-urlencoded',
  ...(origin ? { Origin: origin } : {}),
});
const formActivities = () =>
  queryRows<{ email: string; action: string; source: string; campaign: string | null; display_name: string | null }>(
    db.url,
    `select d.primary_email as email, a.action, a.source, d.display_name,
            (select c.name from activity_campaigns ac join campaigns c using (campaign_id) where ac.activity_id = a.activity_id limit 1) as campaign
       from activities a join developers d using (developer_id) where a.source = 'form' order by a.occurred_at`,
  );

describe('forms channels', () => {
  it('create with a random key, defaults (honeypot website) and origins as origins', () => {
    expect(form.formKey).toMatch(/^[2-9a-z]{20}$/);
    expect(form).toMatchObject({
      allowedOrigins: [SITE],
      honeypotField: 'website',
      action: 'signup',
      campaignName: 'Launch 2026',
      enabled: true,
      path: `/api/v1/forms/${form.formKey}`,
    });
  });

  it('refuse an origin with a path, and an unknown campaign', async () => {
    expect((await callError(db.core, 'forms:create', { name: 'x', allowedOrigins: ['https://a.example/signup'] })).code).toBe('BAD_INPUT');
    const missing = await callError(db.core, 'forms:create', { name: 'x', campaignId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('delete with undo: the restored form keeps its key', async () => {
    const other = await call(db.core, 'forms:create', { name: 'Booth' });
    const { undoToken } = await call(db.core, 'forms:delete', { formKey: other.formKey });
    expect((await call(db.core, 'forms:list', {})).map((f) => f.formKey)).not.toContain(other.formKey);
    expect((await post(other.path, 'email=a%40example.com', urlencoded())).status).toBe(404);
    const back = await call(db.core, 'forms:restore', { undoToken });
    expect(back.formKey).toBe(other.formKey);
    const renamed = await call(db.core, 'forms:update', { formKey: other.formKey, name: 'Booth 2', enabled: false });
    expect(renamed).toMatchObject({ name: 'Booth 2', enabled: false });
    expect((await post(other.path, 'email=a%40example.com', urlencoded())).status).toBe(404);
  });
});

describe('POST /api/v1/forms/<key>', () => {
  it('answers the preflight of an allowed origin, and refuses any other', async () => {
    const allowed = await fetch(`http://127.0.0.1:${shell.port}${form.path}`, {
      method: 'OPTIONS',
      headers: { Origin: SITE, 'Access-Control-Request-Method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SITE);
    const refused = await fetch(`http://127.0.0.1:${shell.port}${form.path}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('turns a post from the allowed origin into a form activity with the form’s action and campaign', async () => {
    const res = await post(form.path, 'email=Taro%40Example.com&name=Taro+Yamada&website=', urlencoded(SITE));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(await res.json()).toEqual({ received: true });
    expect(await formActivities()).toEqual([
      { email: 'taro@example.com', action: 'signup', source: 'form', campaign: 'Launch 2026', display_name: 'Taro Yamada' },
    ]);
    const jobs = await call(db.core, 'import:list-jobs', {});
    expect(jobs[0]).toMatchObject({ status: 'succeeded', fileName: 'form Newsletter' });
  });

  it('takes JSON from a client without an Origin (a server-side post)', async () => {
    const res = await post(form.path, JSON.stringify({ email: 'hanako@example.com' }), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(200);
    expect((await formActivities()).map((a) => a.email)).toContain('hanako@example.com');
  });

  it('refuses another origin, drops a filled honeypot with 200, refuses a big post, and writes nothing for any', async () => {
    const before = await tableCounts(db.url);
    expect((await post(form.path, 'email=x%40example.com', urlencoded('https://evil.example'))).status).toBe(403);
    const trapped = await post(form.path, 'email=bot%40example.com&website=http%3A%2F%2Fspam', urlencoded(SITE));
    expect(trapped.status).toBe(200);
    expect(await trapped.json()).toEqual({ received: true });
    const big = await post(form.path, `email=a%40example.com&note=${'x'.repeat(17 * 1024)}`, urlencoded(SITE));
    expect(big.status).toBe(413);
    const nobody = await post(form.path, 'name=Nobody', urlencoded(SITE));
    expect(nobody.status).toBe(422);
    expect(await tableCounts(db.url)).toEqual(before);
  });

  it('limits posts per client (429 with Retry-After)', async () => {
    const tight = await startHttpShell({
      core: db.core,
      rendererDir: renderer.path,
      uploadsRoot: `${uploads.path}/root`,
      formRateLimit: { burst: 2, perSecond: 0.01 },
    });
    try {
      const send = () => post(form.path, 'website=trap', urlencoded(SITE), tight.port);
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(200);
      const limited = await send();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await tight.close();
    }
  });
});
