import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from the schema; it needs no database.
export default defineConfig({
  dialect: 'postgresql',
  // The spec's 25 tables, then the app's own schemas (settings and derived query structures).
  schema: ['./src-main/core/db/schema/index.ts', './src-main/core/db/schema-app/index.ts'],
  out: './migrations',
  strict: true,
  verbose: true,
});
