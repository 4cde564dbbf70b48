-- app.analyze_tables now also runs mid-import in a database of several tenants (db/statistics.ts).
-- Before, a tenant's first import beside another tenant's data was planned on statistics that held
-- none of its rows: 1 developer estimated for 18,284, and 20,000 rows took 4.4 minutes of nested
-- loops instead of seconds.
--
-- An ANALYZE inside a transaction keeps its lock on the table until the commit, and that lock conflicts
-- with another transaction's ANALYZE of the same table. So that one tenant's import never waits for
-- another's commit, a table whose lock is held is skipped, and its statistics wait for autovacuum:
-- - at once when the holder is another session (another tenant's import, a VACUUM, an index build);
-- - when it is autovacuum, after up to 2 s (lock_timeout, longer than deadlock_timeout's 1 s, after
--   which the waiting ANALYZE has autovacuum cancelled and gets the lock);
-- - likewise when a holder came after the check, or in a deadlock.
-- It returns the tables it analysed.
DROP FUNCTION app.analyze_tables(regclass[]);
--> statement-breakpoint
CREATE FUNCTION app.analyze_tables(targets regclass[]) RETURNS regclass[]
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET lock_timeout = '2s'
  AS $$
DECLARE
  t regclass;
  analysed regclass[] := '{}';
BEGIN
  FOREACH t IN ARRAY coalesce(targets, '{}') LOOP
    IF NOT EXISTS (
      SELECT FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE p.polrelid = t AND p.polname = 'tenant_isolation' AND n.nspname IN ('public', 'app', 'derived')
    ) THEN
      RAISE EXCEPTION 'app.analyze_tables: % is not one of the app''s tables.', t USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
  FOREACH t IN ARRAY coalesce(targets, '{}') LOOP
    CONTINUE WHEN EXISTS (
      SELECT FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'relation' AND l.relation = t AND l.granted AND l.pid <> pg_backend_pid()
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND l.mode IN ('ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
         -- A session of some role: autovacuum's workers have none (and a role without pg_read_all_stats sees no
         -- other session's backend_type, but every session's role).
         AND a.usesysid IS NOT NULL
    );
    BEGIN
      EXECUTE 'ANALYZE ' || t;
      analysed := analysed || t;
    EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
      -- Another transaction's ANALYZE holds the table until its commit: this one goes without.
      NULL;
    END;
  END LOOP;
  RETURN analysed;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.analyze_tables(regclass[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.analyze_tables(regclass[]) TO drm_app;
