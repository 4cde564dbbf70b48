-- The merge suggestions' tables join the tables whose secondary indexes a bulk write may drop and
-- build again (app.defer_keys, 0009): a whole-tenant rewrite of the suggestions (a first import, a
-- rebuild that changed most keys: derived/merge-suggestions.ts) inserts every key and pair anew, and
-- keeping idx_merge_keys_group row by row placed each key at random (its group id is an md5).
CREATE OR REPLACE FUNCTION app.deferrable_tables() RETURNS regclass[]
  LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
  AS $$ SELECT ARRAY['public.activities', 'public.activity_campaigns', 'public.developers', 'public.accounts',
                      'public.developer_identifiers', 'derived.developer_search',
                      'derived.merge_keys', 'derived.merge_pairs']::regclass[] $$;
