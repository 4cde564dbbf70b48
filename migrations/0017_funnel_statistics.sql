-- ANALYZE leaves out the funnel's payload columns: the bitsets and member lists of derived.funnel_bits
-- and the dims and cells arrays of derived.funnel_cells. No statement filters or sorts by them (rows are
-- found by their keys and the developer: derived/funnel-bits.ts, analytics/funnel-bits-read.ts), yet
-- sampling them — detoasting each sampled row, most-common-element statistics of every array — was most
-- of the cost of the ANALYZE a large import runs before its commit (imports/load/index-aware.ts):
-- funnel_cells 0.52 s → 0.06 s and funnel_bits 0.20 s → 0.04 s at 1M activities (0.20 → 0.05 s and
-- 0.12 → 0.06 s at 200k identity rows), and autovacuum's ANALYZE samples them no more either.
ALTER TABLE "derived"."funnel_bits" ALTER COLUMN "bits" SET STATISTICS 0, ALTER COLUMN "members" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "derived"."funnel_cells" ALTER COLUMN "dims" SET STATISTICS 0, ALTER COLUMN "cells" SET STATISTICS 0;
