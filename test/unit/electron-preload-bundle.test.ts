import { fileURLToPath } from 'node:url';
import { resolveConfig } from 'electron-vite';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

// A sandboxed preload can `require` only 'electron' (and a few Node shims): a
// bundle that requires anything else fails in the window while every unit test
// passes. So this builds the preload with the project's own electron-vite config.
const root = fileURLToPath(new URL('../..', import.meta.url));

async function buildPreload(): Promise<Rolldown.OutputChunk> {
  const resolved = await resolveConfig({ root, logLevel: 'silent', build: { write: false } }, 'build', 'production');
  const preload = resolved.config?.preload;
  if (!preload) throw new Error('electron.vite.config.ts has no preload build');
  const output = (await build(preload)) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
  expect(chunks.map((c) => c.fileName)).toEqual(['index.cjs']);
  return chunks[0]!;
}

describe('preload bundle', () => {
  it('is one CommonJS file that requires nothing but electron', async () => {
    const { code } = await buildPreload();
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    // If zod (or any dependency) shows up here, the preload build externalized it:
    // set `build.externalizeDeps: false` for `preload` in electron.vite.config.ts.
    expect([...new Set(required)]).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld("api"');
    // The team server's pages get the way back, under its own name (page-role.ts decides which).
    expect(code).toContain('exposeInMainWorld("drmDesktop"');
    expect(code).toContain('"desktop:back-to-this-computer"');
  }, 60_000);
});
