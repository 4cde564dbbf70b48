-- citext backs the case-insensitive email/domain columns; uuid-ossp provides uuid_generate_v4() for the id defaults.
CREATE EXTENSION IF NOT EXISTS "citext";--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
