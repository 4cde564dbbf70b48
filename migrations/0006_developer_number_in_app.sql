-- A developer's number is an identity (the funnel bitsets' bit positions), not
-- a derived value: in app, backups carry it and a restore keeps the numbering.
-- Moved, not recreated, so that a database at 0005 keeps its numbers.
ALTER TABLE "derived"."developer_number" SET SCHEMA "app";
