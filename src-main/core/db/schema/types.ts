import { customType } from 'drizzle-orm/pg-core';

/**
 * Case-insensitive text from the `citext` extension (created by migration
 * 0000). drizzle has no built-in for it; declaring it here keeps the generated
 * SQL correct without hand edits.
 */
export const citext = customType<{ data: string }>({
  dataType() {
    return 'citext';
  },
});
