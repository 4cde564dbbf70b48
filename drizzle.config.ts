import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from the schema; it needs no database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src-main/core/db/schema/index.ts',
  out: './migrations',
  strict: true,
  verbose: true,
});
