/** What Settings → Team database accepts as an address (contract/team.ts), before anything is contacted. */
import { describe, expect, it } from 'vitest';
import { isPostgresUrl, isTeamServerUrl, teamTarget } from '../../src-shared/contract/team';

describe('a team database URL', () => {
  it.each([
    'postgres://drm:secret@db.example.com:5432/drm',
    'postgresql://drm@10.0.0.5/drm_team?sslmode=require',
    'postgres:///drm?host=/var/run/postgresql',
    'postgres://u:p%40ss@db.example.com/%E3%83%81%E3%83%BC%E3%83%A0',
  ])('accepts %s', (url) => expect(isPostgresUrl(url)).toBe(true));

  it.each([
    ['no database', 'postgres://drm:secret@db.example.com:5432/'],
    ['another engine', 'mysql://drm@db.example.com/drm'],
    ['no host and no socket', 'postgres:///drm'],
    ['not a URL', 'host=db.example.com dbname=drm'],
    ['a path, not a database', 'postgres://db.example.com/drm/extra'],
  ])('refuses %s', (_, url) => expect(isPostgresUrl(url)).toBe(false));

  it('defaults the workspace to `default` and checks its id', () => {
    expect(teamTarget.parse({ kind: 'database', url: ' postgres://db.example.com/drm ' })).toEqual({
      kind: 'database',
      url: 'postgres://db.example.com/drm',
      tenantId: 'default',
    });
    expect(teamTarget.safeParse({ kind: 'database', url: 'postgres://db.example.com/drm', tenantId: 'Not OK' }).success).toBe(false);
  });
});

describe('a team server address', () => {
  it('takes https anywhere, http only on this computer, and keeps the origin', () => {
    expect(teamTarget.parse({ kind: 'server', url: 'https://drm.example.com/' })).toEqual({
      kind: 'server',
      url: 'https://drm.example.com',
    });
    expect(teamTarget.parse({ kind: 'server', url: 'http://127.0.0.1:8787' })).toEqual({ kind: 'server', url: 'http://127.0.0.1:8787' });
    expect(isTeamServerUrl('http://localhost:8787')).toBe(true);
    expect(isTeamServerUrl('http://[::1]:8787')).toBe(true);
  });

  it.each([
    ['plain http to another machine', 'http://drm.example.com'],
    ['a path after the host', 'https://drm.example.com/app'],
    ['credentials in the address', 'https://me:pw@drm.example.com'],
    ['a query', 'https://drm.example.com/?next=/'],
    ['another scheme', 'ftp://drm.example.com'],
    ['not a URL', 'drm.example.com'],
  ])('refuses %s', (_, url) => expect(isTeamServerUrl(url)).toBe(false));
});
