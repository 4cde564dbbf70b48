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
