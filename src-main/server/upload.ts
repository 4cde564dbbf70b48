/**
 * Browser mode has no file paths: the page uploads the dropped file here and
 * gets back a path on this machine to preview and import, as Electron's
 * webUtils.getPathForFile would give. Files go to a private temp folder.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Large exports are the point of the importer; 2 GiB still bounds a mistake. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export const uploadDir = () => join(tmpdir(), `drm-desktop-uploads-${process.getuid?.() ?? 'user'}`);

/** Keeps a readable, harmless file name: no path separators, no control characters. */
export function safeFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const cleaned = raw.replace(/[/\\\u0000-\u001f\u007f]/g, '_').replace(/^\.+/, '').slice(-200);
  return cleaned || 'upload.csv';
}

export async function receiveUpload(req: IncomingMessage): Promise<{ filePath: string; fileName: string; size: number }> {
  let fileName: string;
  try {
    fileName = safeFileName(decodeURIComponent(String(req.headers['x-file-name'] ?? 'upload.csv')));
  } catch {
    fileName = 'upload.csv';
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES) throw new Error(`The file is larger than ${MAX_UPLOAD_BYTES} bytes`);
  const dir = uploadDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const filePath = join(dir, `${randomUUID()}-${fileName}`);
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_UPLOAD_BYTES) req.destroy(new Error(`The file is larger than ${MAX_UPLOAD_BYTES} bytes`));
  });
  try {
    await pipeline(req, createWriteStream(filePath, { mode: 0o600 }));
  } catch (error) {
    await rm(filePath, { force: true });
    throw error;
  }
  return { filePath, fileName, size };
}
