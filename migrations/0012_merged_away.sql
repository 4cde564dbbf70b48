CREATE TABLE "derived"."merged_away" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"into_developer_id" uuid NOT NULL,
	"merge_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "derived"."merged_away" ADD CONSTRAINT "merged_away_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."merged_away" ADD CONSTRAINT "merged_away_merge_id_developer_merge_logs_merge_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."developer_merge_logs"("merge_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_merged_away_merge" ON "derived"."merged_away" USING btree ("merge_id");--> statement-breakpoint
-- Like every table with tenant_id (0009): a connection sees and writes only its tenant's rows.
ALTER TABLE "derived"."merged_away" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "derived"."merged_away" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "derived"."merged_away"
  USING (tenant_id = current_setting('app.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "derived"."merged_away" TO drm_app;
--> statement-breakpoint
-- Who is merged away today, from the log (identity/merged-away.ts ACTIVE_MERGE; derived/merged-away.ts
-- rebuilds it the same way): every tenant's, as the owner running migrations sees them all.
INSERT INTO "derived"."merged_away" (developer_id, tenant_id, into_developer_id, merge_id)
SELECT DISTINCT ON (m.from_developer_id) m.from_developer_id, m.tenant_id, m.into_developer_id, m.merge_id
  FROM developer_merge_logs m
 WHERE coalesce(m.evidence->>'action', 'merge') = 'merge'
   AND NOT EXISTS (SELECT 1 FROM developer_merge_logs u
                    WHERE u.evidence->>'action' = 'unmerge' AND u.evidence->>'mergeId' = m.merge_id::text)
 ORDER BY m.from_developer_id, m.merged_at DESC, m.merge_id;
