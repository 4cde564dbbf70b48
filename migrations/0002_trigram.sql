-- pg_trgm backs substring search of developers (derived.developer_search); trusted, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
