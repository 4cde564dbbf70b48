-- The funnel's bits and the campaign-day counts join the tables whose keys a bulk write may drop and
-- build again (app.defer_keys, 0009): a first import writes a tenant's rows of them all at once, and
-- their foreign keys to the tenant (and the campaign) were checked by one trigger call and one lock
-- of the referenced row per row written: 1.9 s of a 3.9 s insert of 278k funnel rows, 1.6 s of 2.7 s
-- for 101k campaign-day rows at 200k identity rows (derived/funnel-bits.ts, campaign-daily.ts).
CREATE OR REPLACE FUNCTION app.deferrable_tables() RETURNS regclass[]
  LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
  AS $$ SELECT ARRAY['public.activities', 'public.activity_campaigns', 'public.developers', 'public.accounts',
                      'public.developer_identifiers', 'derived.developer_search',
                      'derived.merge_keys', 'derived.merge_pairs',
                      'derived.funnel_bits', 'derived.campaign_daily']::regclass[] $$;
