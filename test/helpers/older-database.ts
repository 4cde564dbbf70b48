/**
 * The fixture the upgrade tests share: a database filled by today's code and
 * observed through it, then taken back to an older schema with its data kept
 * (an `undo…Migration` of older-schema.ts). The test starts the core on it,
 * which applies the newer migrations, and compares what it sees with what was
 * observed before.
 */
import { afterAll, beforeAll } from 'vitest';
import { startCore, type Core } from '../../src-main/core';
import { createTestDatabase } from './database';
import { makeTempDir } from './temp';

export interface OlderDatabase<T> {
  url: string;
  /** A temp folder for the files the test writes. */
  dir: string;
  /** What `observe` saw before the schema was taken back. */
  before: T;
  /** Starts the core on the older database, applying the newer migrations; stopped after the file's tests. */
  start(): Promise<Core>;
}

export interface OlderDatabaseSetup<T> {
  load(core: Core, dir: string): Promise<void>;
  observe?(core: Core, url: string): Promise<T>;
  undo(url: string): Promise<void>;
}

/** Registers the file's beforeAll/afterAll; the returned function gives the fixture inside tests. */
export function useOlderDatabase<T = undefined>(label: string, setup: OlderDatabaseSetup<T>): () => OlderDatabase<T> {
  const dir = makeTempDir(label);
  let fixture: OlderDatabase<T> | undefined;
  let drop: (() => Promise<void>) | undefined;
  const started: Core[] = [];

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const first = await startCore({ databaseUrl: db.url });
    let before: T;
    try {
      await setup.load(first, dir.path);
      before = (await setup.observe?.(first, db.url)) as T;
    } finally {
      await first.stop();
    }
    await setup.undo(db.url);
    fixture = {
      url: db.url,
      dir: dir.path,
      before,
      start: async () => {
        const core = await startCore({ databaseUrl: db.url });
        started.push(core);
        return core;
      },
    };
  });
  afterAll(async () => {
    for (const core of started) await core.stop();
    await drop?.();
    dir.remove();
  });

  return () => {
    if (!fixture) throw new Error(`${label}: the older database is not ready (its beforeAll failed)`);
    return fixture;
  };
}
