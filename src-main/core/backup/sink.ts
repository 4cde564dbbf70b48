/**
 * Where a backup's bytes go: a temp file beside the final name, written in
 * large batches (a frame is a few kilobytes; a write per frame would cost more
 * than the compression), hashed as written, and renamed into place only once
 * it is complete and on disk. A crash or an error leaves no file that looks
 * like a backup: the temp name starts with a dot and is not listed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncFolder } from '../files/atomic-write';
import { FRAME_HEADER_BYTES, frameHeader } from './format';

const FLUSH_BYTES = 1 << 20;

export class BackupSink {
  /** Bytes written so far (the offset of the next byte). */
  offset = 0;
  private readonly hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly temp: string,
    readonly file: string,
  ) {}

  static async open(file: string): Promise<BackupSink> {
    const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
    return new BackupSink(await open(temp, 'wx', 0o600), temp, file);
  }

  /** Appends bytes that the whole-file checksum covers. */
  async write(bytes: Buffer): Promise<void> {
    this.hash.update(bytes);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.offset += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async frame(kind: number, payload: Buffer): Promise<void> {
    this.hash.update(frameHeader(kind, payload.length));
    this.pending.push(frameHeader(kind, payload.length));
    this.pendingBytes += FRAME_HEADER_BYTES;
    this.offset += FRAME_HEADER_BYTES;
    await this.write(payload);
  }

  /** The SHA-256 of everything written so far; call once, before the trailer. */
  digest(): Buffer {
    return this.hash.digest();
  }

  /** Appends the trailer (not hashed), syncs, and renames the file into place. */
  async commit(trailer: Buffer): Promise<void> {
    this.pending.push(trailer);
    this.pendingBytes += trailer.length;
    this.offset += trailer.length;
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    await rename(this.temp, this.file);
    fsyncFolder(dirname(this.file));
  }

  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.temp, { force: true });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (batch.length === 0) return;
    const total = batch.reduce((sum, b) => sum + b.length, 0);
    const written = (await this.handle.writev(batch)).bytesWritten;
    // A short write (a signal, a nearly full disk) must not leave a hole: write the rest.
    if (written < total) {
      const rest = Buffer.concat(batch).subarray(written);
      for (let at = 0; at < rest.length;) at += (await this.handle.write(rest, at)).bytesWritten;
    }
  }
}
