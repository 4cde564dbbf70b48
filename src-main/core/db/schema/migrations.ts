import { pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Human-readable log of applied migrations, kept beside drizzle's own journal table. */
export const schemaMigrations = pgTable('schema_migrations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
});
