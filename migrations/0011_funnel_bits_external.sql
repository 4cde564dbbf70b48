-- A funnel_bits row's bitset (8 kB) is stored without compression. Every merge, unmerge and
-- consent edit rewrites the bitset rows its developers' cells reach (160 for a pair of 4 + 4
-- activities at 1M), and pglz compressing each one on store was most of that statement: rewriting
-- those 160 rows took 348-620 ms compressed and 45 ms uncompressed (loaded machine). Reads are spared
-- the decompression too; a stored bitset takes ~8 kB instead of ~3.3 kB on average. Rows already
-- stored keep their compression until they are next written: nothing is rewritten here.
ALTER TABLE "derived"."funnel_bits" ALTER COLUMN "bits" SET STORAGE EXTERNAL;
