/**
 * Browser mode has no file paths: the page uploads the dropped file here and
 * gets back a handle for it, as Electron's preload gets one for a dropped
 * file. Each shell keeps its copies in a folder of its own, made fresh and
 * private (mkdtemp, 0700) inside a per-user folder that is checked first, and
 * deleted when the shell stops (or, after a crash, when the next shell starts);
 * a copy also goes when its handle expires.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RegisteredFile } from '../../src-shared/contract/files';
import { makeOwnTempFolder } from '../core/files/abandoned';
import type { FileRegistry } from '../core/files/handles';
import { ensurePrivateFolder } from '../core/files/private-folder';

/** Large exports are the point of the importer; 2 GiB still bounds a mistake. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** Where every shell of this OS user makes its own uploads folder. */
export const defaultUploadsRoot = () => join(tmpdir(), `drm-desktop-uploads-${process.getuid?.() ?? 'user'}`);

/** Keeps a readable, harmless file name: no path separators, no control characters. */
export function safeFileName(raw: string): string {
  const cleaned = raw
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[/\\\u0000-\u001f\u007f]/g, '_')
    .replace(/^\.+/, '')
    .slice(-200);
  return cleaned || 'upload.csv';
}

export interface UploadFolder {
  /** This shell's private folder. */
  path: string;
  /** Saves one upload and registers it for `session`; the copy is deleted when the handle goes. */
  receive(req: IncomingMessage, files: Pick<FileRegistry, 'register'>, session: string): Promise<RegisteredFile>;
  /** Deletes the folder and whatever is left in it. */
  remove(): Promise<void>;
}

/** Refuses (throws) when `root` exists but is not private to us: see ensurePrivateFolder. */
export async function openUploadFolder(root: string = defaultUploadsRoot()): Promise<UploadFolder> {
  await ensurePrivateFolder(root);
  // A shell that crashed left its folder: it goes now, as this one's will when this shell stops.
  const dir = makeOwnTempFolder(root, 'shell-');
  return {
    path: dir,
    async receive(req, files, session) {
      let fileName: string;
      try {
        fileName = safeFileName(decodeURIComponent(String(req.headers['x-file-name'] ?? 'upload.csv')));
      } catch {
        fileName = 'upload.csv';
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_UPLOAD_BYTES) throw new Error(`The file is larger than ${MAX_UPLOAD_BYTES} bytes`);
      // The name on disk is ours alone; the user's name travels with the handle.
      const path = join(dir, randomUUID());
      const discard = () => rm(path, { force: true });
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_UPLOAD_BYTES) req.destroy(new Error(`The file is larger than ${MAX_UPLOAD_BYTES} bytes`));
      });
      try {
        await pipeline(req, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
        return await files.register(path, { name: fileName, session, onForget: discard });
      } catch (error) {
        await discard();
        throw error;
      }
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
