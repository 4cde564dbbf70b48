/**
 * bench:import from a bundle, as the app runs (`npm run bench:import:built -- …`,
 * the same options). From source, the main thread and each parse worker load
 * tsx and compile TypeScript as they go (~100 MB of the peak RSS per thread),
 * which the shipped app does not; the 400 MB target is about the app. So
 * this bundles bench/import.ts and the parse worker with Vite (a Node build,
 * dependencies left to node_modules) into node_modules/.cache, where the
 * bundle finds the project's node_modules and migrations/, and runs it with
 * plain Node.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'node_modules', '.cache', 'drm-bench-import');

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: {
        import: join(root, 'bench', 'import.ts'),
        // Found beside the chunk that starts it (parse-worker-client.ts), as in electron-vite's build.
        'parse-worker': join(root, 'src-main', 'core', 'imports', 'parse', 'parse-worker.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});

const child = spawn(process.execPath, [join(outDir, 'import.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  // The generator still runs from source, in its own process (dataset.ts).
  env: { ...process.env, DRM_BENCH_SOURCE: join(root, 'bench') },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => (process.exitCode = code ?? (signal ? 1 : 0)));
