/**
 * Organizations (issue 4) on a real database, with data imported the way a
 * user brings it in: organizations from the `organization` column and from
 * company email domains (never from free mail), the list's counts and latest
 * activity, rename (a taken name is refused) and merge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../src-shared/contract/index';
import type { OrganizationRow } from '../../src-shared/contract/organizations';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('organizations');

beforeAll(async () => {
  const { core } = t;
  const jobs = [
    await importFile(
      core,
      writeCsv(
        dir.path,
        'developers.csv',
        [
          'display_name,email,organization',
          'Aki,aki@acme.co.jp,Acme',
          'Ben,ben@acme.co.jp,Acme',
          'Cai,cai@acme.co.jp,', // no organization: joins Acme through its domain
          'Mia,mia@mixed.example,MixCo',
          'Max,max@other.example,MixCo', // a second company domain: MixCo's developers share none
          'Con,con@contoso.jp,',
          'Cora,CORA@Contoso.JP,',
          'Gabe,gabe@gmail.com,',
          'Yui,yui@yahoo.co.jp,',
          'Olly,olly@outlook.com,',
          'Ivy,ivy@icloud.com,',
        ].join('\n'),
      ),
      { type: 'developers' },
    ),
    await importFile(
      core,
      writeCsv(
        dir.path,
        'activities.csv',
        [
          'occurred_at,action,source,email,organization',
          '2024-03-01T10:00:00Z,view,web,aki@acme.co.jp,',
          '2024-05-01T10:00:00Z,click,web,ben@acme.co.jp,',
          '2024-04-01T10:00:00Z,view,web,dan@delta.io,',
          '2024-02-01T10:00:00Z,view,web,bea@beta.example,Beta',
          '2024-02-02T10:00:00Z,view,web,bo@beta.example,Beta',
          '2024-02-01T12:00:00Z,view,web,bee@gmail.com,Beta', // free mail says nothing against Beta's domain
          '2024-01-01T10:00:00Z,view,web,free@gmail.com,',
        ].join('\n'),
      ),
      { type: 'activities', options: { timezone: 'UTC' } },
    ),
  ];
  for (const job of jobs) expect(job.status, job.message ?? '').toBe('succeeded');
});
afterAll(() => dir.remove());

async function list(query: ChannelInput<'organizations:list'> = {}) {
  const result = await t.core.handlers['organizations:list'](query);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
async function org(name: string): Promise<OrganizationRow> {
  const row = (await list({ pageSize: 200 })).rows.find((r) => r.name === name);
  if (!row) throw new Error(`no organization ${name}`);
  return row;
}
async function orgOfDeveloper(email: string): Promise<string | null> {
  const rows = await queryRows<{ name: string | null }>(
    t.url,
    `select o.name from developers d left join organizations o on o.org_id = d.org_id where d.primary_email = $1`,
    [email],
  );
  if (rows.length !== 1) throw new Error(`no developer ${email}`);
  return rows[0]!.name;
}
async function developerId(email: string): Promise<string> {
  return (await queryRows<{ id: string }>(t.url, 'select developer_id as id from developers where primary_email = $1', [email]))[0]!.id;
}

describe('organizations from imports', () => {
  it('makes an organization of a company email domain, never of free mail', async () => {
    expect(await orgOfDeveloper('dan@delta.io')).toBe('delta.io');
    expect(await orgOfDeveloper('con@contoso.jp')).toBe('contoso.jp');
    expect(await orgOfDeveloper('cora@contoso.jp')).toBe('contoso.jp'); // one organization per domain, case folded
    for (const email of ['gabe@gmail.com', 'yui@yahoo.co.jp', 'olly@outlook.com', 'ivy@icloud.com', 'free@gmail.com']) {
      expect(await orgOfDeveloper(email), email).toBeNull();
    }
    const rows = await queryRows<{ name: string; domain: string | null }>(
      t.url,
      'select name, domain_primary::text as domain from organizations order by name',
    );
    expect(rows).toEqual([
      { name: 'Acme', domain: 'acme.co.jp' }, // its people's one company domain
      { name: 'Beta', domain: 'beta.example' }, // bee@gmail.com says nothing against it
      { name: 'MixCo', domain: null }, // two company domains: none is the organization's
      { name: 'contoso.jp', domain: 'contoso.jp' },
      { name: 'delta.io', domain: 'delta.io' },
    ]);
  });

  it('reuses the organization that has the domain', async () => {
    // Cai was listed without an organization beside Acme's people: Acme, not a new acme.co.jp.
    expect(await orgOfDeveloper('cai@acme.co.jp')).toBe('Acme');
    expect(await orgOfDeveloper('bee@gmail.com')).toBe('Beta'); // the column, whatever the email
  });

  it('creates one from the organization column, once', async () => {
    expect(await orgOfDeveloper('aki@acme.co.jp')).toBe('Acme');
    expect(await orgOfDeveloper('max@other.example')).toBe('MixCo');
    const before = await queryRows<{ n: string }>(t.url, 'select count(*) as n from organizations');
    const job = await importFile(t.core, writeCsv(dir.path, 'again.csv', 'display_name,email,organization\nAki,aki@acme.co.jp,Acme\n'), {
      type: 'developers',
    });
    expect(job.status).toBe('succeeded');
    expect(await queryRows<{ n: string }>(t.url, 'select count(*) as n from organizations')).toEqual(before);
  });
});

describe('organizations:list', () => {
  it('counts developers and shows the latest activity, most recent first', async () => {
    const { total, rows } = await list();
    expect(total).toBe(5);
    expect(rows.map((r) => [r.name, r.developers, r.lastActionAt])).toEqual([
      ['Acme', 3, '2024-05-01T10:00:00.000Z'],
      ['delta.io', 1, '2024-04-01T10:00:00.000Z'],
      ['Beta', 3, '2024-02-02T10:00:00.000Z'],
      ['contoso.jp', 2, null],
      ['MixCo', 2, null],
    ]);
  });

  it('searches name and domain, case- and width-insensitively, and pages', async () => {
    expect((await list({ q: 'ＡＣＭＥ' })).rows.map((r) => r.name)).toEqual(['Acme']);
    expect((await list({ q: 'example' })).rows.map((r) => r.name)).toEqual(['Beta']);
    expect((await list({ q: '%' })).total).toBe(0);
    const page = await list({ page: 1, pageSize: 2 });
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r.name)).toEqual(['Beta', 'contoso.jp']);
  });

  it('does not count merged-away developers', async () => {
    const merged = await t.core.handlers['developers:merge']({
      intoId: await developerId('aki@acme.co.jp'),
      fromId: await developerId('ben@acme.co.jp'),
    });
    expect(merged.ok).toBe(true);
    expect((await org('Acme')).developers).toBe(2);
    if (merged.ok) expect((await t.core.handlers['developers:unmerge']({ mergeId: merged.value.mergeId })).ok).toBe(true);
    expect((await org('Acme')).developers).toBe(3);
  });
});

describe('organizations:rename', () => {
  it('renames and announces the change', async () => {
    const changes: string[][] = [];
    const off = t.core.events.on('db:changed', ({ tables }) => changes.push(tables));
    const contoso = await org('contoso.jp');
    const result = await t.core.handlers['organizations:rename']({ orgId: contoso.orgId, name: '  Contoso  ' });
    off();
    expect(result).toEqual({ ok: true, value: { ...contoso, name: 'Contoso' } });
    expect(changes).toEqual([['organizations', 'developers']]);
    expect(await orgOfDeveloper('con@contoso.jp')).toBe('Contoso');
  });

  it('refuses a name another organization has, suggesting a merge', async () => {
    const contoso = await org('Contoso');
    const result = await t.core.handlers['organizations:rename']({ orgId: contoso.orgId, name: 'Acme' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('CONFLICT');
      expect(result.error.message).toMatch(/already named "Acme".*[Mm]erge/);
    }
    expect((await org('Contoso')).name).toBe('Contoso');
  });

  it('refuses an empty name and an unknown organization', async () => {
    const contoso = await org('Contoso');
    const empty = await t.core.handlers['organizations:rename']({ orgId: contoso.orgId, name: '   ' });
    expect(empty.ok ? null : empty.error.code).toBe('BAD_INPUT');
    const unknown = await t.core.handlers['organizations:rename']({ orgId: '00000000-0000-4000-8000-000000000000', name: 'X' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });
});

describe('organizations:merge', () => {
  it('refuses merging into itself or with an unknown organization', async () => {
    const acme = await org('Acme');
    const self = await t.core.handlers['organizations:merge']({ intoId: acme.orgId, fromId: acme.orgId });
    expect(self.ok ? null : self.error.code).toBe('BAD_INPUT');
    const unknown = await t.core.handlers['organizations:merge']({ intoId: acme.orgId, fromId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    expect((await org('Acme')).developers).toBe(3);
  });

  it('moves the developers, keeps the name, takes the domain when it has none, and deletes the other', async () => {
    const mix = await org('MixCo');
    const delta = await org('delta.io');
    const changes: string[][] = [];
    const off = t.core.events.on('db:changed', ({ tables }) => changes.push(tables));
    const result = await t.core.handlers['organizations:merge']({ intoId: mix.orgId, fromId: delta.orgId });
    off();
    expect(result).toEqual({ ok: true, value: { moved: 1 } });
    expect(changes).toEqual([['organizations', 'developers']]);
    expect(await org('MixCo')).toMatchObject({
      orgId: mix.orgId,
      domain: 'delta.io',
      developers: 3,
      lastActionAt: '2024-04-01T10:00:00.000Z',
    });
    expect(await orgOfDeveloper('dan@delta.io')).toBe('MixCo');
    expect(await queryRows(t.url, 'select 1 from organizations where org_id = $1', [delta.orgId])).toEqual([]);
  });

  it('keeps its own domain when it has one', async () => {
    const acme = await org('Acme');
    const contoso = await org('Contoso');
    const result = await t.core.handlers['organizations:merge']({ intoId: acme.orgId, fromId: contoso.orgId });
    expect(result).toEqual({ ok: true, value: { moved: 2 } });
    expect(await org('Acme')).toMatchObject({ domain: 'acme.co.jp', developers: 5 });
    expect((await list()).rows.map((r) => r.name)).toEqual(['Acme', 'MixCo', 'Beta']);
  });
});

describe('organizations from later imports', () => {
  it('joins the organization holding the domain, even renamed or merged, and lets the organization column win', async () => {
    const job = await importFile(
      t.core,
      writeCsv(
        dir.path,
        'domains.csv',
        [
          'occurred_at,action,source,email,organization',
          '2024-06-01T10:00:00Z,view,web,eve@acme.co.jp,', // a new person at Acme's domain
          '2024-06-01T10:00:00Z,view,web,zed@delta.io,', // delta.io was merged into MixCo, which took its domain
          '2024-06-01T10:00:00Z,view,web,finn@acme.co.jp,Finn Labs', // the column wins over the domain
          '2024-06-01T10:00:00Z,view,web,max@other.example,', // already in MixCo: stays
          '2024-06-01T10:00:00Z,view,web,gabe@gmail.com,', // free mail: still none
        ].join('\n'),
      ),
      { type: 'activities', options: { timezone: 'UTC' } },
    );
    expect(job.status, job.message ?? '').toBe('succeeded');
    expect(job.inserted.organizations).toBe(1); // Finn Labs only
    expect(await orgOfDeveloper('eve@acme.co.jp')).toBe('Acme');
    expect(await orgOfDeveloper('zed@delta.io')).toBe('MixCo');
    expect(await orgOfDeveloper('finn@acme.co.jp')).toBe('Finn Labs');
    expect(await orgOfDeveloper('max@other.example')).toBe('MixCo');
    expect(await orgOfDeveloper('gabe@gmail.com')).toBeNull();
    // Finn Labs does not take acme.co.jp: Acme has it.
    expect(await queryRows(t.url, "select domain_primary from organizations where name = 'Finn Labs'")).toEqual([{ domain_primary: null }]);
  });
});
