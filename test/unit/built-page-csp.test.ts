/**
 * The Content-Security-Policy the BUILT page carries. Chromium runs no header
 * hooks for the file:// page of the packaged app, so this <meta> is the policy
 * that protects it. It is read from `out/renderer/index.html`, which
 * `npm test` (and `npm run test:unit`) build before vitest runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, relaxForDevServer } from '../../src-main/csp';

const builtPage = fileURLToPath(new URL('../../out/renderer/index.html', import.meta.url));

function readBuiltPage(): string {
  if (!existsSync(builtPage)) {
    throw new Error(`${builtPage} is missing: build the renderer first (npx electron-vite build; npm test and npm run test:unit do)`);
  }
  return readFileSync(builtPage, 'utf8');
}

type Policy = Map<string, string[]>;

function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(policy.has(name), `directive ${name} given twice`).toBe(false);
    policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

function metaPolicies(html: string): string[] {
  const metas = [...html.matchAll(/<meta\b[^>]*>/gis)].map((m) => m[0]);
  return metas
    .filter((tag) => /http-equiv\s*=\s*"Content-Security-Policy"/i.test(tag))
    .map((tag) => /\bcontent\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '');
}

const html = readBuiltPage();
const metas = metaPolicies(html);
const policy = parsePolicy(metas[0] ?? '');

/** Sources that name nothing outside the app: its own origin, none, or data the page made itself. */
const LOCAL_SOURCES = new Set(["'self'", "'none'", 'data:', 'blob:']);

describe('the built page’s CSP <meta>', () => {
  it('is there exactly once, in the head, before any script', () => {
    expect(metas).toHaveLength(1);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('http-equiv="Content-Security-Policy"');
    const firstScript = html.indexOf('<script');
    expect(firstScript).toBeGreaterThan(html.indexOf('http-equiv="Content-Security-Policy"'));
  });

  it('allows no eval, no inline code and no remote origin anywhere', () => {
    for (const [directive, sources] of policy) {
      for (const source of sources) {
        expect(LOCAL_SOURCES.has(source), `${directive} ${source}`).toBe(true);
      }
      expect(sources, directive).not.toContain("'unsafe-eval'");
      expect(sources, directive).not.toContain("'unsafe-inline'");
      expect(
        sources.some((s) => /^(https?|wss?):|\*/.test(s)),
        directive,
      ).toBe(false);
    }
    expect(metas[0]).not.toMatch(/unsafe-eval|unsafe-inline|https?:|wss?:|\*/);
  });

  it('lets the page connect only to its own origin, load no plugins, and change neither its base nor form targets', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    // IPC needs no connect-src; browser mode calls its own shell (/api/*, the event stream).
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    // A meta tag cannot carry frame-ancestors (browsers ignore it there); the header does.
    expect(policy.has('frame-ancestors')).toBe(false);
  });

  it('says the same as the header the Electron shell and drm serve send, but frame-ancestors', () => {
    const header = parsePolicy(CONTENT_SECURITY_POLICY);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    header.delete('frame-ancestors');
    expect(Object.fromEntries(policy)).toEqual(Object.fromEntries(header));
    // Only the dev server's copy is relaxed, and never with eval.
    expect(relaxForDevServer(CONTENT_SECURITY_POLICY)).not.toContain('unsafe-eval');
  });

  it('loads every script and style from the app’s own files, none inline', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\.\/assets\/[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    const assets = readdirSync(fileURLToPath(new URL('../../out/renderer/assets', import.meta.url)));
    for (const [, , file] of html.matchAll(/\b(src|href)="\.\/assets\/([^"]+)"/g)) expect(assets).toContain(file);
  });
});
