/**
 * A parse batch's COPY text as UTF-8 bytes: each staged row's line is encoded
 * as the worker makes it, and the batch goes to the importer by transfer, not
 * by copy (parse-worker.ts, load-file.ts).
 *
 * Why not one string per batch: a batch's text is ~0.5–1 MB, and V8 keeps a
 * string that big in its large-object space — in the worker that built it
 * and again in the main thread that received it — where only a full GC frees
 * it. Between two full GCs the importer's heap filled with dead batch text:
 * at 1M rows its heap reached 286 MB and the process's RSS 585 MB while the
 * file streamed. Bytes in a transferred ArrayBuffer live outside the heap and
 * are freed as soon as the small object holding them dies, and the main
 * thread no longer encodes each batch for the socket either (pg-copy-streams
 * turned every string into a Buffer there).
 */

/** First capacity; a buffer grows by doubling and the next batch starts at the size the last one needed. */
const FIRST_BYTES = 64 * 1024;

export class BatchBytes {
  private readonly encoder = new TextEncoder();
  private bytes: Uint8Array<ArrayBuffer> = new Uint8Array(FIRST_BYTES);
  private used = 0;

  get length(): number {
    return this.used;
  }

  /** Appends `text` as UTF-8. */
  add(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit: room for that, and one encodeInto always fits.
    const need = this.used + text.length * 3;
    if (need > this.bytes.length) {
      const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.used += this.encoder.encodeInto(text, this.bytes.subarray(this.used)).written;
  }

  /**
   * The bytes so far, on a buffer of their own (to transfer: no other view
   * shares it), and a fresh buffer of the same capacity for what follows.
   */
  take(): Uint8Array<ArrayBuffer> {
    const out = this.bytes.subarray(0, this.used);
    this.bytes = new Uint8Array(this.bytes.length);
    this.used = 0;
    return out;
  }
}
