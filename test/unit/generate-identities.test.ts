/**
 * bench:import's identities shape (bench/generate/identities.ts): the same
 * bytes for the same seed, the people the issue describes (2–4 emails, one
 * at a company domain; accounts on 2–3 services), and rows that reach them
 * by one email, one account, or both — every row naming someone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { identityPerson, writeIdentities } from '../../bench/generate/identities';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('gen-identities');
afterAll(() => dir.remove());

describe('the identities shape', () => {
  it('gives each person 2–4 emails, the first at a company domain, and accounts on 2–3 distinct services', () => {
    for (let i = 0; i < 500; i++) {
      const p = identityPerson(42, i);
      expect(p.emails.length).toBeGreaterThanOrEqual(2);
      expect(p.emails.length).toBeLessThanOrEqual(4);
      expect(p.emails[0]).toMatch(/@corp\d+\.co\.jp$/);
      expect(new Set(p.emails).size).toBe(p.emails.length);
      const services = p.accounts.map(([service]) => service);
      expect(services.length).toBeGreaterThanOrEqual(2);
      expect(services.length).toBeLessThanOrEqual(3);
      expect(new Set(services).size).toBe(services.length);
      expect(identityPerson(42, i)).toEqual(p);
    }
  });

  it('writes the same bytes for the same seed, every row naming a person by an email, an account or both', async () => {
    const a = await writeIdentities(join(dir.path, 'a.csv'), { rows: 3000, seed: 1 });
    const b = await writeIdentities(join(dir.path, 'b.csv'), { rows: 3000, seed: 1 });
    expect(a).toMatchObject({ rows: 3000, people: Math.round(3000 / 5.7) });
    expect(readFileSync(a.path)).toEqual(readFileSync(b.path));
    const rows = parse(readFileSync(a.path, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3000);
    let byEmail = 0;
    let byAccount = 0;
    let byBoth = 0;
    for (const r of rows) {
      const account = r.provider !== '' && r.handle !== '';
      const email = r.email !== '';
      expect(account || email).toBe(true);
      if (account && email) byBoth++;
      else if (account) byAccount++;
      else byEmail++;
    }
    // 40 / 35 / 25 % of the rows, within sampling noise.
    expect(byEmail / rows.length).toBeCloseTo(0.4, 1);
    expect(byAccount / rows.length).toBeCloseTo(0.35, 1);
    expect(byBoth / rows.length).toBeCloseTo(0.25, 1);
    // Two files written and one parsed: more than the default 5 s on a machine shared with other test runs.
  }, 30_000);
});
