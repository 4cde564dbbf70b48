/**
 * Runs a benchmark from a Vite bundle, as the app runs its code
 * (bench:import:built, bench:parse). From source, the main thread and each
 * parse worker load tsx and compile TypeScript as they go (~100 MB of the peak
 * RSS per thread), which the shipped app does not. So the benchmark's file and
 * the parse worker are bundled (a Node build, dependencies left to
 * node_modules) into node_modules/.cache, where the bundle finds the project's
 * node_modules and migrations/, and run with plain Node.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/**
 * Bundles bench/<name>.ts and runs it with this process's arguments; resolves to its exit code. Vite is
 * imported here, on call: a benchmark that imports this module does not load it in its bundled run.
 */
export async function runBundled(name: string): Promise<number> {
  const { build } = await import('vite');
  const outDir = join(root, 'node_modules', '.cache', `drm-bench-${name}`);
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
          [name]: join(root, 'bench', `${name}.ts`),
          // Found beside the chunk that starts it (parse-worker-client.ts), as in electron-vite's build.
          'parse-worker': join(root, 'src-main', 'core', 'imports', 'parse', 'parse-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  const child = spawn(process.execPath, [join(outDir, `${name}.js`), ...process.argv.slice(2)], {
    stdio: 'inherit',
    // The generator still runs from source, in its own process (dataset.ts).
    env: { ...process.env, DRM_BENCH_SOURCE: join(root, 'bench') },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0))));
}
