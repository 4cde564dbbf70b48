/**
 * Redirect-rule exports with nasty final URLs: spaces, `%`, `$`, quotes,
 * backslashes, braces, `;` and non-ASCII must stay data in every format,
 * never become syntax (a second field in `_redirects`, a variable or the end
 * of a string in nginx, a back-reference in Apache, a formula or a broken
 * row in the CSV).
 */
import { describe, expect, it } from 'vitest';
import { redirectRules, type RedirectRule } from '../../src-main/core/shortlinks/redirects';
import { finalUrl } from '../../src-shared/shortlinks';

const nasty = finalUrl(`https://example.com/a b/100%25/$HOME?q="x" y&p=%41&s=a;b&b=\\n&c={1}&d='z'#frag ment`, {
  utm_campaign: 'spring $ale 50% "off"',
  utm_content: '=cmd|東京',
});
const rules: RedirectRule[] = [
  {
    key: 'plain',
    shortUrl: 'https://go.example.com/plain',
    finalUrl: 'https://example.com/',
    campaign: 'A, "quoted"',
    resource: '=HYPERLINK()',
  },
  { key: 'Nasty_1', shortUrl: null, finalUrl: nasty, campaign: null, resource: 'Line\nbreak' },
];

/** Undoes the percent-encoding of a URL, to compare what each format says with what the URL means. */
const decoded = (url: string) => decodeURIComponent(url);

describe('redirect exports', () => {
  it('starts from a final URL that really is nasty', () => {
    for (const c of ['$', '%', '\\', ';', '{']) expect(nasty).toContain(c);
  });

  it('netlify/_redirects: three whitespace-separated fields per rule, the URL unchanged in meaning', () => {
    const lines = redirectRules('netlify', rules).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#/);
    const fields = lines.slice(1).map((l) => l.split(/\s+/));
    expect(fields.map((f) => f.length)).toEqual([3, 3]);
    expect(fields[0]).toEqual(['/plain', 'https://example.com/', '302']);
    expect(fields[1]![0]).toBe('/Nasty_1');
    expect(decoded(fields[1]![1]!)).toBe(decoded(nasty));
    expect(fields[1]![1]).not.toMatch(/["'\\\s]/);
  });

  it('nginx: one quoted map entry per rule, with no $, ", \\ or ; left inside the string', () => {
    const text = redirectRules('nginx', rules);
    expect(text).toContain('map $uri $drm_shortlink {');
    const entries = [...text.matchAll(/^ {4}"(\/[^"]*)" "([^"]*)";$/gm)];
    expect(entries.map((m) => m[1])).toEqual(['/plain', '/Nasty_1']);
    const value = entries[1]![2]!;
    expect(value).not.toMatch(/[$"\\;\s]/);
    expect(decoded(value)).toBe(decoded(nasty));
    // Exactly the two entries, the default and the closing brace: nothing in a URL opened a block.
    expect(text.split('\n').filter((l) => /^\s{4}"/.test(l))).toHaveLength(2);
  });

  it('apache: every $ and % escaped with a backslash, NE set, the substitution quoted', () => {
    const text = redirectRules('apache', rules);
    const lines = text.split('\n').filter((l) => l.startsWith('RewriteRule'));
    expect(lines[0]).toBe('RewriteRule ^/?plain$ "https://example.com/" [R=302,NE,L]');
    const m = /^RewriteRule \^\/\?Nasty_1\$ "([^"]*)" \[R=302,NE,L\]$/.exec(lines[1]!);
    expect(m).not.toBeNull();
    const target = m![1]!;
    expect(target).not.toMatch(/(^|[^\\])[$%]/);
    expect(decoded(target.replace(/\\([$%])/g, '$1'))).toBe(decoded(nasty));
  });

  it('csv: key, short URL, final URL, campaign, resource; quoted, formula-safe, one row per rule', () => {
    const text = redirectRules('csv', rules);
    expect(text.startsWith('\uFEFFkey,short_url,final_url,campaign,resource\r\n')).toBe(true);
    expect(text).toContain(`plain,https://go.example.com/plain,https://example.com/,"A, ""quoted""",'=HYPERLINK()\r\n`);
    expect(text).toContain('Nasty_1,,');
    expect(text).toContain('"Line\nbreak"');
  });
});
