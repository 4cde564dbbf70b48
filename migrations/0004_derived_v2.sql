CREATE TABLE "derived"."roi_inputs" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"conversions" timestamp with time zone[] NOT NULL,
	"touch_campaigns" uuid[] NOT NULL,
	"touch_times" timestamp with time zone[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "derived"."roi_steps" (
	"tenant_id" text NOT NULL,
	"model" text NOT NULL,
	"campaign_id" uuid NOT NULL,
	"day" date NOT NULL,
	"ages" smallint[] NOT NULL,
	"cum" numeric[] NOT NULL,
	CONSTRAINT "roi_steps_tenant_id_model_campaign_id_day_pk" PRIMARY KEY("tenant_id","model","campaign_id","day")
);
--> statement-breakpoint
DROP TABLE "derived"."conversion_touches" CASCADE;--> statement-breakpoint
ALTER TABLE "derived"."roi_steps" ADD CONSTRAINT "roi_steps_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."roi_steps" ADD CONSTRAINT "roi_steps_campaign_id_campaigns_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("campaign_id") ON DELETE cascade ON UPDATE no action;