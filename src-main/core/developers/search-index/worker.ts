/**
 * worker_threads entry of the developer search index: holds the index and
 * its own database connection off the main thread (Electron's main process
 * stays responsive while 100k rows are read and arranged). Bundled as its own
 * entry (out/main/search-worker.js); from source, loaded through
 * imports/parse/worker-bootstrap.mjs as the parse worker is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { IndexKeeper } from './keeper';
import { reply, type ToWorker, type WorkerSetup } from './protocol';

const setup = workerData as WorkerSetup;
const client = new pg.Client({
  connectionString: setup.connectionString,
  application_name: 'drm-desktop search index',
  options: setup.options,
});
// A lost server fails the next question (the core then answers from SQL); it must not crash the thread.
client.on('error', () => undefined);
const connected = client.connect();
const keeper = new IndexKeeper(client, { maxRows: setup.maxRows });

parentPort!.on('message', (message: ToWorker) => {
  void connected
    .then(() => reply(keeper, message))
    .catch((error: unknown) => ({ type: 'failed' as const, seq: message.seq, message: String(error) }))
    .then((answer) => parentPort!.postMessage(answer));
});
