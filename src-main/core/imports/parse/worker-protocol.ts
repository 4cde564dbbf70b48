/**
 * The parse worker's message protocol (both directions).
 *
 *   parent                                   worker (parse-worker.ts)
 *   new Worker(…, { workerData: input })  →  reads `workerData` as WorkerInput
 *                                         ←  { type: 'batch', outcomes, rowsRead, bytesRead }
 *   { type: 'ack' } once a batch is used  →
 *                                         ←  … more batches …
 *                                         ←  { type: 'done', rowsRead, bytesRead }
 *                                            or { type: 'fatal', message } at any point
 *
 * Flow control: the worker never has more than MAX_IN_FLIGHT batches posted
 * and not yet acknowledged; it stops reading the file until an ack arrives.
 * postMessage itself has no back-pressure, so without the ack a fast parser
 * and a slow database would queue the whole file in memory.
 *
 * Cancelling is `worker.terminate()`: the worker holds nothing that needs
 * cleaning up (a read stream, closed with the thread).
 */
import type { WorkerInput, WorkerMessage } from '../types';

// The worker's messages are typed by WorkerMessage (types.ts); the ack is the parent's only one.
export const MSG_ACK = 'ack';

/** Parent → worker. */
export interface AckMessage {
  type: typeof MSG_ACK;
}

export const MAX_IN_FLIGHT = 2;

/** Rows per batch the importer asks of a worker (load-file.ts; bench:parse measures with the same). */
export const BATCH_ROWS = 2_000;

/**
 * A batch is sent once its COPY text reaches this many bytes, even short of
 * its rows: rows of tens of kB each would otherwise make a batch of
 * hundreds of MB, beyond the worker's heap limit (parse-worker-client.ts).
 */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

export type BatchMessage = Extract<WorkerMessage, { type: 'batch' }>;
export type DoneMessage = Extract<WorkerMessage, { type: 'done' }>;

/** workerData when started from TypeScript source through worker-bootstrap.mjs. */
export type BootstrapData = WorkerInput & { entry: string };
