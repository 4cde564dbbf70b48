import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from './global-setup';

/**
 * A fresh, fully migrated and seeded database on the suite's real
 * PostgreSQL, owned by the app's role. Drop it in afterAll.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { superuserUrl, appUrl, template } = inject('postgres');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(superuserUrl);
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template} owner drm`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(appUrl, name),
    drop: async () => {
      const client = new pg.Client(superuserUrl);
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
