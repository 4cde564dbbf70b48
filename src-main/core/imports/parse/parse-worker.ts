/**
 * worker_threads entry of the CSV import: parses `workerData` (a WorkerInput)
 * off the main thread and posts RowOutcome batches, following the handshake
 * documented in worker-protocol.ts. Bundled as its own entry
 * (out/main/parse-worker.js); from source it is loaded by worker-bootstrap.mjs.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { stageActivityLine } from '../load/activity-stage';
import { actorRow } from '../load/actors';
import { stageRecordLine } from '../load/entity-resolve';
import { BatchBytes } from './batch-bytes';
import { readRecords, type ReadProgress } from './record-stream';
import { ImportSetupError } from './row-context';
import type { ActorRow, RowOutcome, WorkerInput, WorkerMessage } from '../types';
import { MAX_BATCH_BYTES, MAX_IN_FLIGHT, MSG_ACK, type AckMessage } from './worker-protocol';

async function run(port: MessagePort, input: WorkerInput): Promise<void> {
  let posted = 0;
  let acked = 0;
  let wake: (() => void) | undefined;
  const onMessage = (message: AckMessage) => {
    if (message?.type !== MSG_ACK) return;
    acked++;
    wake?.();
  };
  port.on('message', onMessage);
  const send = (message: WorkerMessage) => port.postMessage(message);

  let progress: ReadProgress = { rowsRead: 0, bytesRead: 0 };
  let outcomes: RowOutcome[] = [];
  const copyBytes = new BatchBytes();
  let actors: ActorRow[] = [];
  let rows = 0;
  const tenant = input.stageTenant;
  const batchSize = Math.max(1, Math.floor(input.batchSize) || 1);
  const flush = async () => {
    // Waiting here suspends readRecords, which stops reading the file.
    while (posted - acked >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    // The bytes' buffer moves to the importer (batch-bytes.ts); this thread starts a new one.
    const bytes = tenant === undefined ? undefined : copyBytes.take();
    port.postMessage(
      {
        type: 'batch',
        outcomes,
        ...(bytes === undefined ? {} : { copyBytes: bytes, ...(actors.length > 0 ? { actors } : {}) }),
        rowsRead: progress.rowsRead,
        bytesRead: progress.bytesRead,
      } satisfies WorkerMessage,
      bytes === undefined ? [] : [bytes.buffer],
    );
    posted++;
    outcomes = [];
    actors = [];
    rows = 0;
  };

  try {
    // A format registered at run time (tests) is known to this thread only once its module ran here.
    if (input.formatModule !== undefined) await import(input.formatModule);
    for await (const outcome of readRecords(input, (p) => (progress = p))) {
      rows++;
      if (tenant !== undefined && outcome.status === 'ok') {
        const { record } = outcome;
        if (record.kind === 'activity') {
          copyBytes.add(stageActivityLine(tenant, record));
          const actor = actorRow(record);
          if (actor) actors.push(actor);
        } else copyBytes.add(stageRecordLine(record));
      } else {
        outcomes.push(outcome);
      }
      if (rows >= batchSize || copyBytes.length >= MAX_BATCH_BYTES) await flush();
    }
    if (rows > 0) await flush();
    send({ type: 'done', rowsRead: progress.rowsRead, bytesRead: progress.bytesRead });
  } catch (err) {
    send({ type: 'fatal', message: err instanceof Error ? err.message : String(err), kind: fatalKind(err) });
  } finally {
    // Without a listener the port no longer keeps the thread alive: it exits.
    port.off('message', onMessage);
  }
}

function fatalKind(err: unknown): 'content' | 'file' | 'internal' {
  if (err instanceof ImportSetupError) return 'content';
  // Node's file system errors carry an errno code: ENOENT, EACCES, EIO, EISDIR …
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? 'file' : 'internal';
}

if (!isMainThread && parentPort) void run(parentPort, workerData as WorkerInput);
