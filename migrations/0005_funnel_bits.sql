CREATE TABLE "derived"."developer_number" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "developer_number_tenant_n" UNIQUE("tenant_id","n")
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
DROP TABLE "derived"."developer_funnel" CASCADE;--> statement-breakpoint
DROP TABLE "derived"."developer_funnel_dim" CASCADE;--> statement-breakpoint
ALTER TABLE "derived"."funnel_bits" ADD CONSTRAINT "funnel_bits_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;