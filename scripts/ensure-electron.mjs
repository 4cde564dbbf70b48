#!/usr/bin/env node
// Before `npm start` / `npm run dev`: make sure Electron's binary is there.
// Electron ships without it and downloads it on first use (~100 MB, once);
// doing it here, with a message, beats a silent pause or a bare stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const electronDir = process.env.DRM_ELECTRON_DIR ?? dirname(createRequire(import.meta.url).resolve('electron/package.json'));

function installed() {
  try {
    const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
    const executable = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    const distVersion = readFileSync(join(electronDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    return distVersion === version && existsSync(join(electronDir, 'dist', executable));
  } catch {
    return false;
  }
}

if (!installed()) {
  console.log('Downloading Electron for this machine (about 100 MB, first start only)…');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (result.status !== 0 || !installed()) {
    console.error(
      '\nElectron could not be downloaded (see the message above). Check the network or proxy and run `npm start` again.\n' +
        'Meanwhile the same app runs in a browser: `npm run serve`, then open the URL it prints.',
    );
    process.exit(1);
  }
}
