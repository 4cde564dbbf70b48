// Starts the parse worker from TypeScript source (tsx, vitest): a Worker cannot
// load .ts by itself, so this plain module registers tsx's loader in the
// worker thread and then imports the entry named by the parent. Bundled builds
// start out/main/parse-worker.js directly and never use this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
