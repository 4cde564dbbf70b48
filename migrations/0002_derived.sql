CREATE SCHEMA "app";
--> statement-breakpoint
CREATE SCHEMA "derived";
--> statement-breakpoint
CREATE TABLE "derived"."activity_daily" (
	"tenant_id" text NOT NULL,
	"day" date NOT NULL,
	"action" text NOT NULL,
	"source" text NOT NULL,
	"activities" bigint NOT NULL,
	"anonymous" bigint NOT NULL,
	CONSTRAINT "activity_daily_tenant_id_day_action_source_pk" PRIMARY KEY("tenant_id","day","action","source")
);
--> statement-breakpoint
CREATE TABLE "derived"."campaign_daily" (
	"tenant_id" text NOT NULL,
	"campaign_id" uuid NOT NULL,
	"day" date NOT NULL,
	"action" text NOT NULL,
	"source" text NOT NULL,
	"weight" numeric NOT NULL,
	"activities" bigint NOT NULL,
	"anonymous" numeric NOT NULL,
	"multi_touch" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "campaign_daily_tenant_id_campaign_id_day_action_source_pk" PRIMARY KEY("tenant_id","campaign_id","day","action","source")
);
--> statement-breakpoint
CREATE TABLE "derived"."conversion_touches" (
	"tenant_id" text NOT NULL,
	"conversion_id" uuid NOT NULL,
	"developer_id" uuid NOT NULL,
	"converted_at" timestamp with time zone NOT NULL,
	"campaign_id" uuid NOT NULL,
	"touched_at" timestamp with time zone NOT NULL,
	"age" smallint NOT NULL,
	"first_until" smallint NOT NULL,
	"is_last" boolean NOT NULL,
	"thresholds" smallint[],
	CONSTRAINT "conversion_touches_conversion_id_campaign_id_touched_at_pk" PRIMARY KEY("conversion_id","campaign_id","touched_at")
);
--> statement-breakpoint
CREATE TABLE "derived"."developer_funnel" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"stage_days" datemultirange[] NOT NULL,
	"active_days" datemultirange NOT NULL
);
--> statement-breakpoint
CREATE TABLE "derived"."developer_funnel_dim" (
	"tenant_id" text NOT NULL,
	"dim" text NOT NULL,
	"developer_id" uuid NOT NULL,
	"stage_days" datemultirange[] NOT NULL,
	CONSTRAINT "developer_funnel_dim_tenant_id_dim_developer_id_pk" PRIMARY KEY("tenant_id","dim","developer_id")
);
--> statement-breakpoint
CREATE TABLE "derived"."developer_search" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"search_text" text NOT NULL,
	"sort_name" text,
	"org_id" uuid,
	"tags" text[],
	"providers" text[] DEFAULT '{}' NOT NULL,
	"highest_stage" smallint,
	"highest_stage_at" timestamp with time zone,
	"total_actions" bigint DEFAULT 0 NOT NULL,
	"last_action_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app"."tenant_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"time_zone" text,
	"language" text,
	"conversion_stage" text DEFAULT 'adoption' NOT NULL,
	"value_per_conversion" numeric,
	"value_currency" text DEFAULT 'JPY' NOT NULL,
	"attribution_model" text DEFAULT 'linear' NOT NULL,
	"lookback_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_settings_model_check" CHECK ("app"."tenant_settings"."attribution_model" in ('linear', 'first', 'last')),
	CONSTRAINT "tenant_settings_lookback_check" CHECK ("app"."tenant_settings"."lookback_days" between 1 and 365)
);
--> statement-breakpoint
ALTER TABLE "derived"."activity_daily" ADD CONSTRAINT "activity_daily_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."campaign_daily" ADD CONSTRAINT "campaign_daily_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."campaign_daily" ADD CONSTRAINT "campaign_daily_campaign_id_campaigns_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("campaign_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."tenant_settings" ADD CONSTRAINT "tenant_settings_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."tenant_settings" ADD CONSTRAINT "tenant_settings_conversion_stage_funnel_stages_stage_key_fk" FOREIGN KEY ("conversion_stage") REFERENCES "public"."funnel_stages"("stage_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_conv_touches_tenant_time" ON "derived"."conversion_touches" USING btree ("tenant_id","converted_at");--> statement-breakpoint
CREATE INDEX "idx_conv_touches_developer" ON "derived"."conversion_touches" USING btree ("tenant_id","developer_id");--> statement-breakpoint
CREATE INDEX "idx_dev_search_last_action" ON "derived"."developer_search" USING btree ("tenant_id","last_action_at" DESC NULLS LAST,"developer_id");--> statement-breakpoint
CREATE INDEX "idx_dev_search_total" ON "derived"."developer_search" USING btree ("tenant_id","total_actions" DESC NULLS LAST,"last_action_at" DESC NULLS LAST,"developer_id");--> statement-breakpoint
CREATE INDEX "idx_dev_search_name" ON "derived"."developer_search" USING btree ("tenant_id","sort_name","developer_id");--> statement-breakpoint
CREATE INDEX "idx_dev_search_org" ON "derived"."developer_search" USING btree ("tenant_id","org_id") WHERE "derived"."developer_search"."org_id" is not null;