-- developer_stats joins the tables whose keys a bulk write may drop and build again (app.defer_keys,
-- 0009, 0015): a first import adds a row per new developer, and the tenant's foreign key was checked
-- by one trigger call and one lock of the tenant's row per row written (imports/load/resolve.ts). The
-- primary key stays: the upsert needs it.
CREATE OR REPLACE FUNCTION app.deferrable_tables() RETURNS regclass[]
  LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
  AS $$ SELECT ARRAY['public.activities', 'public.activity_campaigns', 'public.developers', 'public.accounts',
                      'public.developer_identifiers', 'derived.developer_search',
                      'derived.merge_keys', 'derived.merge_pairs',
                      'derived.funnel_bits', 'derived.campaign_daily', 'public.developer_stats']::regclass[] $$;
