-- derived.funnel_bits keeps only the day-tree levels 0, 3, 6 and 9 (derived/funnel-nodes.ts STORED_LEVELS):
-- a merge rewrote one 8 kB row per level of each cell its pair reaches, and ten levels of them were most of
-- its time at 10M activities. A stored node's bits do not depend on which other levels are stored, so the
-- rows of the kept levels are already what a rebuild writes: the others are deleted, and nothing is rebuilt.
-- Node -1 (every counted developer) is not a tree node and stays.
DELETE FROM "derived"."funnel_bits" WHERE "node" >= 0 AND ("node" / 100000) NOT IN (0, 3, 6, 9);
