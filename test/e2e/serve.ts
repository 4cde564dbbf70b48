/**
 * Starts `drm serve` as a user would (a subprocess on a fresh data directory)
 * and stops it afterwards, checking that its PostgreSQL went with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Served {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function serve(): Promise<Served> {
  const parent = mkdtempSync(join(tmpdir(), 'drm-e2e-'));
  chmodSync(parent, 0o711); // as root, PostgreSQL runs as `postgres` and must pass through
  const dataDir = join(parent, 'data');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'cli.ts'), 'serve', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`drm serve did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`drm serve exited (${code}):\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await exited;
      }
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
