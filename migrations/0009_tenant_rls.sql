-- Tenants isolated by row-level security (issue 14 §1; README "Tenants and row-level security").
-- Runs as the owner of the schema (the role that ran 0000–0008). Every table with tenant_id
-- (spec, app and derived: all of them have it) answers only rows of current_setting('app.tenant_id'),
-- FORCEd so the owner is bound too unless it bypasses RLS; a connection without the setting sees
-- and writes nothing. The app runs as drm_app: not the owner, no BYPASSRLS.
DO $$
BEGIN
  -- Migrations rewrite data of every tenant and the lookups below cross tenants: a tenant-bound owner would see nothing and say nothing.
  IF NOT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) THEN
    RAISE EXCEPTION 'The role running DRM Desktop''s migrations (%) must be a superuser or have BYPASSRLS, since tenants are isolated by row-level security.', current_user
      USING HINT = format('As a superuser: ALTER ROLE %I BYPASSRLS; then start again. See README "Tenants and row-level security".', current_user);
  END IF;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'drm_app') THEN
    CREATE ROLE drm_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    -- The owner's connections SET ROLE drm_app (an external database's URL is the owner's).
    EXECUTE format('GRANT drm_app TO %I', current_user);
  ELSIF (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = 'drm_app') THEN
    RAISE EXCEPTION 'The role drm_app exists and is a superuser or has BYPASSRLS: row-level security would not bind the app.'
      USING HINT = 'As a superuser: ALTER ROLE drm_app NOSUPERUSER NOBYPASSRLS; then start again.';
  ELSIF NOT pg_has_role(current_user, 'drm_app', 'MEMBER') THEN
    EXECUTE format('GRANT drm_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public, app, derived TO drm_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public, app, derived TO drm_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public, app, derived TO drm_app;
--> statement-breakpoint
-- drizzle's journal, read-only: the app's login given as a URL (e.g. `drm shortlinks serve --database-url`) finds nothing to migrate.
GRANT USAGE ON SCHEMA drizzle TO drm_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO drm_app;
--> statement-breakpoint
-- Tables of later migrations (created by this same owner) are the app's to use as well.
ALTER DEFAULT PRIVILEGES IN SCHEMA public, app, derived GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO drm_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public, app, derived GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO drm_app;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT n.nspname AS schema_name, c.relname AS table_name
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'app', 'derived')
     ORDER BY 1, 2
  LOOP
    EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', t.schema_name, t.table_name);
    EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', t.schema_name, t.table_name);
    -- current_setting(…, true) is null when unset, and null = anything is not true: no setting, no rows.
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I.%I USING (tenant_id = current_setting(''app.tenant_id'', true)) '
      'WITH CHECK (tenant_id = current_setting(''app.tenant_id'', true))',
      t.schema_name, t.table_name);
  END LOOP;
END $$;
--> statement-breakpoint
-- Lookups that must cross tenants before one is known (a request's API key, a public form, a
-- sign-in's email). SECURITY DEFINER: they run as the owner, which bypasses RLS (checked above);
-- each answers one key's row(s) and nothing else.
CREATE FUNCTION app.api_key_by_hash(key_hash text)
  RETURNS TABLE (api_key_id uuid, tenant_id text, scope text, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT k.api_key_id, k.tenant_id, k.scope, k.revoked_at FROM public.api_keys k WHERE k.hashed_key = key_hash $$;
--> statement-breakpoint
CREATE FUNCTION app.ingest_form_by_key(key text)
  RETURNS TABLE (form_key text, tenant_id text, allowed_origins text[], honeypot_field text, action text, campaign_id uuid, enabled boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT f.form_key, f.tenant_id, f.allowed_origins, f.honeypot_field, f.action, f.campaign_id, f.enabled
          FROM app.ingest_forms f WHERE f.form_key = key $$;
--> statement-breakpoint
-- Sign-in (issue 14 §2): one email may have an account in several tenants.
CREATE FUNCTION app.users_by_email(address text)
  RETURNS TABLE (user_id uuid, tenant_id text, password_hash text, disabled boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$ SELECT u.user_id, u.tenant_id, u.password_hash, u.disabled FROM public.users u WHERE u.email = address::citext ORDER BY u.tenant_id $$;
--> statement-breakpoint
-- The workspace switcher and `drm tenants list`: names of every tenant.
CREATE FUNCTION app.tenant_list()
  RETURNS TABLE (tenant_id text, name text, created_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT t.tenant_id, t.name, t.created_at FROM public.tenants t ORDER BY t.created_at, t.tenant_id $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.api_key_by_hash(text), app.ingest_form_by_key(text), app.users_by_email(text), app.tenant_list() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.api_key_by_hash(text), app.ingest_form_by_key(text), app.users_by_email(text), app.tenant_list() TO drm_app;
--> statement-breakpoint
-- Bulk loads (README "Tenants and row-level security"). Only a table's owner may ANALYZE it or drop and
-- re-create its indexes, and the app is not the owner. These functions do that much for it on the app's
-- own tables and nothing more: no DDL text ever comes from the caller. Definitions of the dropped keys
-- wait in app.deferred_keys, which only the owner reads and writes, keyed by the transaction that
-- dropped them: a crash or a rollback takes the drop and the saved definitions back together, and a
-- transaction that dropped keys cannot commit before re-creating them (the constraint trigger below).
CREATE TABLE app.deferred_keys (
  xact xid8 NOT NULL DEFAULT pg_current_xact_id(),
  rel regclass NOT NULL,
  -- Re-created in this order (indexes, keys, foreign keys), dropped in the reverse one.
  step integer NOT NULL,
  -- 'i': an index; 'p', 'u', 'f': a constraint of that pg_constraint.contype.
  kind "char" NOT NULL,
  name text NOT NULL,
  definition text NOT NULL,
  PRIMARY KEY (xact, rel, step)
);
--> statement-breakpoint
-- The default privileges above would give it to the app.
REVOKE ALL ON app.deferred_keys FROM PUBLIC, drm_app;
--> statement-breakpoint
CREATE FUNCTION app.deferred_keys_restored() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
BEGIN
  IF EXISTS (SELECT FROM app.deferred_keys k WHERE k.xact = NEW.xact AND k.rel = NEW.rel AND k.step = NEW.step) THEN
    RAISE EXCEPTION 'The indexes and keys of % were dropped for a bulk load and never re-created; the transaction is rolled back and nothing is lost.', NEW.rel
      USING HINT = 'Call app.restore_keys() for the table before the commit.';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER restored_before_commit AFTER INSERT ON app.deferred_keys
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app.deferred_keys_restored();
--> statement-breakpoint
-- The tables whose keys a bulk load may drop (core/imports/load/index-aware.ts, core/derived/developer-search.ts).
CREATE FUNCTION app.deferrable_tables() RETURNS regclass[]
  LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
  AS $$ SELECT ARRAY['public.activities', 'public.activity_campaigns', 'public.developers', 'public.accounts',
                      'public.developer_identifiers', 'derived.developer_search']::regclass[] $$;
--> statement-breakpoint
-- Drops `target`'s indexes that back no constraint and its constraints of `kinds` ('p', 'u', 'f'), saving
-- their definitions for app.restore_keys. Returns deferred = false, dropping nothing, when the database
-- holds more than one tenant: DDL locks the table for every tenant's users until the commit.
CREATE FUNCTION app.defer_keys(target regclass, kinds "char"[], OUT deferred boolean, OUT indexes integer, OUT constraints integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  k record;
BEGIN
  deferred := false; indexes := 0; constraints := 0;
  IF target IS NULL OR NOT target = ANY (app.deferrable_tables()) THEN
    RAISE EXCEPTION 'app.defer_keys: % is not a table whose keys a bulk load may drop.', target USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF kinds IS NULL OR NOT kinds <@ ARRAY['p', 'u', 'f']::"char"[] THEN
    RAISE EXCEPTION 'app.defer_keys: constraint kinds must be among p, u and f, not %.', kinds USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF (SELECT count(*) FROM public.tenants) > 1 THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT FROM app.deferred_keys d WHERE d.xact = pg_current_xact_id() AND d.rel = target) THEN
    RAISE EXCEPTION 'app.defer_keys: the keys of % are dropped already in this transaction.', target USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  INSERT INTO app.deferred_keys (rel, step, kind, name, definition)
  SELECT target, row_number() OVER (ORDER BY s.grp, s.name), s.kind, s.name, s.definition
    FROM (
      -- An index some constraint uses (its own key, another table's foreign key) stays.
      SELECT 1 AS grp, 'i'::"char" AS kind, format('%I.%I', n.nspname, c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE i.indrelid = target AND NOT EXISTS (SELECT FROM pg_constraint x WHERE x.conindid = i.indexrelid)
      UNION ALL
      -- Keys before foreign keys when re-created: a foreign key check then finds the rows it needs by index.
      SELECT CASE WHEN x.contype = 'f' THEN 3 ELSE 2 END, x.contype, x.conname::text, pg_get_constraintdef(x.oid)
        FROM pg_constraint x
       WHERE x.conrelid = target AND x.contype = ANY (kinds)
    ) s;
  FOR k IN SELECT d.kind, d.name FROM app.deferred_keys d WHERE d.xact = pg_current_xact_id() AND d.rel = target ORDER BY d.step DESC LOOP
    IF k.kind = 'i' THEN
      EXECUTE 'DROP INDEX ' || k.name;
      indexes := indexes + 1;
    ELSE
      EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', target, k.name);
      constraints := constraints + 1;
    END IF;
  END LOOP;
  deferred := true;
END $$;
--> statement-breakpoint
-- Re-creates exactly what app.defer_keys dropped from `target` in this transaction, from the definitions it saved.
CREATE FUNCTION app.restore_keys(target regclass) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  k record;
BEGIN
  -- Index builds sort in memory; local to this transaction.
  PERFORM set_config('maintenance_work_mem', '256MB', true);
  FOR k IN SELECT d.kind, d.name, d.definition FROM app.deferred_keys d WHERE d.xact = pg_current_xact_id() AND d.rel = target ORDER BY d.step LOOP
    IF k.kind = 'i' THEN
      EXECUTE k.definition;
    ELSE
      EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', target, k.name, k.definition);
    END IF;
  END LOOP;
  DELETE FROM app.deferred_keys d WHERE d.xact = pg_current_xact_id() AND d.rel = target;
END $$;
--> statement-breakpoint
-- The planner's statistics after a bulk load, before its commit (ANALYZE counts the transaction's own rows).
-- Only tables under the tenant policy: the app's own, nothing else in the database.
CREATE FUNCTION app.analyze_tables(targets regclass[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
  AS $$
DECLARE
  t regclass;
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
    EXECUTE 'ANALYZE ' || t;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.deferred_keys_restored(), app.deferrable_tables(), app.defer_keys(regclass, "char"[]),
  app.restore_keys(regclass), app.analyze_tables(regclass[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.defer_keys(regclass, "char"[]), app.restore_keys(regclass), app.analyze_tables(regclass[]) TO drm_app;
