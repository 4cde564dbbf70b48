CREATE TABLE "derived"."developer_number" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "developer_number_tenant_n" UNIQUE("tenant_id","n")
);
--> statement-breakpoint
CREATE TABLE "derived"."developer_search_gone" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "derived"."funnel_bits" (
	"tenant_id" text NOT NULL,
	"dim" text NOT NULL,
	"stage" smallint NOT NULL,
	"node" integer NOT NULL,
	"chunk" integer NOT NULL,
	"bits" bit varying NOT NULL,
	CONSTRAINT "funnel_bits_tenant_id_dim_stage_node_chunk_pk" PRIMARY KEY("tenant_id","dim","stage","node","chunk")
);
--> statement-breakpoint
CREATE TABLE "derived"."funnel_cells" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"dims" text[] NOT NULL,
	"cells" bigint[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "derived"."merge_keys" (
	"tenant_id" text NOT NULL,
	"grp" uuid NOT NULL,
	"rule" smallint NOT NULL,
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"developer_id" uuid NOT NULL,
	"attr" text NOT NULL,
	"detail" text NOT NULL,
	"flag" boolean DEFAULT false NOT NULL,
	"tokens" text[]
);
--> statement-breakpoint
CREATE TABLE "derived"."merge_pairs" (
	"tenant_id" text NOT NULL,
	"a" uuid NOT NULL,
	"b" uuid NOT NULL,
	"rules" smallint NOT NULL,
	"score" double precision NOT NULL,
	CONSTRAINT "merge_pairs_tenant_id_a_b_pk" PRIMARY KEY("tenant_id","a","b")
);
--> statement-breakpoint
CREATE TABLE "derived"."search_version" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"floor" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "derived"."developer_funnel" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "derived"."developer_funnel_dim" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "derived"."developer_funnel" CASCADE;--> statement-breakpoint
DROP TABLE "derived"."developer_funnel_dim" CASCADE;--> statement-breakpoint
ALTER TABLE "derived"."developer_search" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."funnel_bits" ADD CONSTRAINT "funnel_bits_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."search_version" ADD CONSTRAINT "search_version_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_dev_search_gone_version" ON "derived"."developer_search_gone" USING btree ("tenant_id","version");--> statement-breakpoint
CREATE INDEX "idx_merge_keys_group" ON "derived"."merge_keys" USING btree ("tenant_id","grp");--> statement-breakpoint
CREATE INDEX "idx_merge_keys_developer" ON "derived"."merge_keys" USING btree ("developer_id");--> statement-breakpoint
CREATE INDEX "idx_merge_keys_org" ON "derived"."merge_keys" USING btree ("scope") WHERE "derived"."merge_keys"."rule" = 1;--> statement-breakpoint
CREATE INDEX "idx_merge_pairs_score" ON "derived"."merge_pairs" USING btree ("tenant_id","score" DESC NULLS LAST,"a","b");--> statement-breakpoint
CREATE INDEX "idx_dev_search_version" ON "derived"."developer_search" USING btree ("tenant_id","version");