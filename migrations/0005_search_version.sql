CREATE TABLE "derived"."developer_search_gone" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "derived"."search_version" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"floor" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "derived"."developer_search" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."search_version" ADD CONSTRAINT "search_version_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_dev_search_gone_version" ON "derived"."developer_search_gone" USING btree ("tenant_id","version");--> statement-breakpoint
CREATE INDEX "idx_dev_search_version" ON "derived"."developer_search" USING btree ("tenant_id","version");