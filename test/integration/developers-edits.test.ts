/**
 * Edits of developers on a real database: a profile's email and organization
 * (an existing organization matched ignoring case, else a new one; another
 * developer's email refused), and tags across developers: the tags in use for
 * autocomplete, a bulk add and remove over a filtered list (the whole list,
 * not a page; the most tags respected), the
 * undo through the ids an edit changed, and the search table kept current in
 * the same transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('developers-tags');

beforeAll(async () => {
  const job = await importFile(
    t.core,
    writeCsv(
      dir.path,
      'developers.csv',
      [
        'display_name,email,organization,tags',
        'Ann,ann@acme.example,Acme,vip;Beta',
        'Ben,ben@acme.example,Acme,beta',
        'Cy,cy@other.example,Other,vip',
        'Dee,dee@other.example,Other,',
        'Eve,eve@acme.example,Acme,',
      ].join('\n'),
    ),
    { type: 'developers' },
  );
  expect(job.status, job.message ?? '').toBe('succeeded');
});
afterAll(() => dir.remove());

async function tagsOf(): Promise<Record<string, string[]>> {
  const rows = await queryRows<{ name: string; tags: string[] | null }>(
    t.url,
    'select display_name as name, tags from developers order by display_name',
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.tags ?? []]));
}
const listed = async (tag: string) => (await call(t.core, 'developers:list', { tag, sort: 'name' })).rows.map((r) => r.displayName);
async function orgId(name: string) {
  const [row] = await queryRows<{ id: string }>(t.url, 'select org_id as id from organizations where name = $1', [name]);
  return row!.id;
}

describe('developers:list-tags', () => {
  it('lists tags in use, most used first, narrowed by a case-insensitive prefix', async () => {
    expect(await call(t.core, 'developers:list-tags', {})).toEqual([
      { tag: 'vip', developers: 2 },
      { tag: 'Beta', developers: 1 },
      { tag: 'beta', developers: 1 },
    ]);
    expect((await call(t.core, 'developers:list-tags', { prefix: 'BE' })).map((r) => r.tag)).toEqual(['Beta', 'beta']);
    expect(await call(t.core, 'developers:list-tags', { prefix: 'v', limit: 1 })).toEqual([{ tag: 'vip', developers: 2 }]);
    expect(await call(t.core, 'developers:list-tags', { prefix: '%' })).toEqual([]);
  });
});

describe('developers:tag-filtered and developers:tag-listed', () => {
  it('adds a tag to every developer of the filtered list, skipping who has it, and undoes exactly', async () => {
    const before = await tagsOf();
    const changes: string[][] = [];
    const off = t.core.events.on('db:changed', ({ tables }) => changes.push(tables));
    try {
      const acme = await orgId('Acme');
      const added = await call(t.core, 'developers:tag-filtered', { filters: { orgId: acme }, action: 'add', tag: ' ＶＩＰ ' });
      // Folded like the profile's editor (full-width → ASCII); Ann had it already.
      expect(added.tag).toBe('VIP');
      expect(added.full).toBe(0);
      expect(added.developerIds).toHaveLength(3);
      expect((await tagsOf()).Ben).toEqual(['beta', 'VIP']);
      expect(await listed('VIP')).toEqual(['Ann', 'Ben', 'Eve']);
      expect(changes).toEqual([['developers']]);

      const again = await call(t.core, 'developers:tag-filtered', { filters: { orgId: acme }, action: 'add', tag: 'VIP' });
      expect(again.developerIds).toEqual([]);
      expect(changes).toHaveLength(1); // nothing changed, nothing announced

      const undone = await call(t.core, 'developers:tag-listed', { developerIds: added.developerIds, action: 'remove', tag: added.tag });
      expect(undone.developerIds.sort()).toEqual([...added.developerIds].sort());
      expect(await tagsOf()).toEqual(before);
      expect(await listed('VIP')).toEqual([]);
    } finally {
      off();
    }
  });

  it('removes a tag from a search’s matches only, and an undo puts it back', async () => {
    const removed = await call(t.core, 'developers:tag-filtered', { filters: { q: 'other.example' }, action: 'remove', tag: 'vip' });
    expect(removed.developerIds).toHaveLength(1); // Cy; Dee has no tags
    expect(await listed('vip')).toEqual(['Ann']);
    expect((await tagsOf()).Cy).toEqual([]);
    const [cy] = await queryRows<{ tags: string[] | null }>(t.url, "select tags from developers where display_name = 'Cy'");
    expect(cy!.tags).toBeNull(); // no tags is stored as null, like an import does
    await call(t.core, 'developers:tag-listed', { developerIds: removed.developerIds, action: 'add', tag: 'vip' });
    expect(await listed('vip')).toEqual(['Ann', 'Cy']);
  });

  it('tags the whole list, not a page, and leaves a developer at the most tags alone', async () => {
    const [dee] = await queryRows<{ id: string }>(t.url, "select developer_id as id from developers where display_name = 'Dee'");
    const fifty = Array.from({ length: 50 }, (_, i) => `t${i}`);
    await call(t.core, 'developers:update', { developerId: dee!.id, tags: fifty });
    const added = await call(t.core, 'developers:tag-filtered', { filters: {}, action: 'add', tag: 'everyone' });
    expect(added.full).toBe(1);
    expect(await listed('everyone')).toEqual(['Ann', 'Ben', 'Cy', 'Eve']);
    await call(t.core, 'developers:tag-listed', { developerIds: added.developerIds, action: 'remove', tag: 'everyone' });
    await call(t.core, 'developers:update', { developerId: dee!.id, tags: [] });
    expect(await listed('everyone')).toEqual([]);
  });

  it('refuses a blank tag and an unknown stage filter', async () => {
    expect((await callError(t.core, 'developers:tag-filtered', { filters: {}, action: 'add', tag: '  ' })).code).toBe('BAD_INPUT');
    const stage = await callError(t.core, 'developers:tag-filtered', { filters: { stage: 'nirvana' }, action: 'add', tag: 'x' });
    expect(stage.code).toBe('BAD_INPUT');
  });
});

describe('developers:update: email and organization', () => {
  const devId = async (name: string) =>
    (await queryRows<{ id: string }>(t.url, 'select developer_id as id from developers where display_name = $1', [name]))[0]!.id;

  it('moves a developer to an existing organization (any case) or a new one, and clears it', async () => {
    const dee = await devId('Dee');
    const moved = await call(t.core, 'developers:update', { developerId: dee, organization: '  ACME ' });
    expect(moved.organization?.name).toBe('Acme');
    expect(
      (await call(t.core, 'developers:list', { orgId: moved.organization!.orgId, sort: 'name' })).rows.map((r) => r.displayName),
    ).toEqual(['Ann', 'Ben', 'Dee', 'Eve']);
    const created = await call(t.core, 'developers:update', { developerId: dee, organization: 'Brand New KK' });
    expect(created.organization?.name).toBe('Brand New KK');
    expect(await queryRows(t.url, "select 1 from organizations where name = 'Brand New KK'")).toHaveLength(1);
    // Searchable by the new organization at once (the search table follows in the same transaction).
    expect((await call(t.core, 'developers:list', { q: 'brand new' })).rows.map((r) => r.displayName)).toEqual(['Dee']);
    const cleared = await call(t.core, 'developers:update', { developerId: dee, organization: '' });
    expect(cleared.organization).toBeNull();
    await call(t.core, 'developers:update', { developerId: dee, organization: 'Other' });
  });

  it('changes the primary email, refuses another developer’s or a malformed one, and clears it', async () => {
    const eve = await devId('Eve');
    const changed = await call(t.core, 'developers:update', { developerId: eve, primaryEmail: 'eve.new@acme.example' });
    expect(changed.primaryEmail).toBe('eve.new@acme.example');
    expect((await call(t.core, 'developers:list', { q: 'eve.new' })).rows.map((r) => r.displayName)).toEqual(['Eve']);
    const taken = await callError(t.core, 'developers:update', { developerId: eve, primaryEmail: 'ANN@acme.example' });
    expect(taken.code).toBe('CONFLICT');
    expect(taken.message).toContain('merge');
    expect((await callError(t.core, 'developers:update', { developerId: eve, primaryEmail: 'not an email' })).code).toBe('BAD_INPUT');
    expect((await call(t.core, 'developers:update', { developerId: eve, primaryEmail: '' })).primaryEmail).toBeNull();
    await call(t.core, 'developers:update', { developerId: eve, primaryEmail: 'eve@acme.example' });
  });
});
