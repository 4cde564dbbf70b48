-- Sign-in sessions of the team server (issue 14 §2; README "Team mode"). Only the token's SHA-256 is kept.
CREATE TABLE "app"."user_sessions" (
	"session_id" uuid PRIMARY KEY DEFAULT uuid_generate_v4() NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "user_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "app"."user_sessions" ADD CONSTRAINT "user_sessions_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_user_sessions_user" ON "app"."user_sessions" USING btree ("user_id");--> statement-breakpoint
-- Like every table with tenant_id (0009): a connection sees and writes only its tenant's sessions.
ALTER TABLE "app"."user_sessions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "app"."user_sessions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "app"."user_sessions"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "app"."user_sessions" TO drm_app;
--> statement-breakpoint
-- A request's cookie, before its tenant is known: the one session of this token hash, with its tenant,
-- which the server then opens a tenant-bound connection on (as 0009's lookups do for API keys).
CREATE FUNCTION app.user_session_by_hash(token text)
  RETURNS TABLE (session_id uuid, tenant_id text, user_id uuid, last_seen_at timestamptz, expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT s.session_id, s.tenant_id, s.user_id, s.last_seen_at, s.expires_at FROM app.user_sessions s WHERE s.token_hash = token $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.user_session_by_hash(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.user_session_by_hash(text) TO drm_app;
