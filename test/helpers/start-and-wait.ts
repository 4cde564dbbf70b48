/**
 * Test helper run as its own process: starts the embedded server on the data
 * directory in argv[2], prints "ready <postgres pid> <port>", then waits: until
 * SIGTERM (stops the server, exits 0) or SIGKILL (leaves an orphaned server
 * behind on purpose).
 */
import { startEmbeddedPostgres } from '../../src-main/core/db/postgres';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: start-and-wait.ts DATA_DIR');
const server = await startEmbeddedPostgres({ dataDir });
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
process.stdout.write(`ready ${server.pid} ${server.port}\n`);
setInterval(() => undefined, 60_000);
