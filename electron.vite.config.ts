import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { relaxForDevServer } from './src-main/csp';

/**
 * The dev server injects an inline React refresh preamble and <style> tags and
 * talks over a websocket; the strict CSP of index.html would block all three.
 * Loosen it for `electron-vite dev` only — builds keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'drm-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(
        /(http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/,
        (_match, head: string, policy: string) => `${head}${relaxForDevServer(policy)}"`,
      ),
  };
}

// Three processes, three builds. The preload is CommonJS because a sandboxed
// preload cannot load ES modules; main stays ESM like the rest of the package.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          // CSV parsing runs in a worker thread, never on Electron's main thread.
          'parse-worker': resolve(__dirname, 'src-main/core/imports/parse/parse-worker.ts'),
          // So does the developer search index (developers/search-index/).
          'search-worker': resolve(__dirname, 'src-main/core/developers/search-index/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but 'electron': bundle zod and the contract in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react(), devCsp()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the first page parses and runs
      // ~1 MB less JavaScript before it can ask for its data (bench:startup's page time).
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
  },
});
