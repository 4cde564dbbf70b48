import { readdirSync, readFileSync } from 'node:fs';

/** Running postgres servers (postmasters) whose command line names `fragment`. Linux only. */
export function postgresServersUnder(fragment: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (/\/postgres\s+-D\s/.test(cmdline) && cmdline.includes(fragment)) found.push({ pid: Number(entry), cmdline });
  }
  return found;
}
