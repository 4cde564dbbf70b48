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
	CONSTRAINT "conversion_touches_conversion_id_campaign_id_touched_at_pk" PRIMARY KEY("conversion_id","campaign_id","touched_at")
);
--> statement-breakpoint
CREATE TABLE "derived"."developer_funnel" (
	"tenant_id" text NOT NULL,
	"dim" text NOT NULL,
	"developer_id" uuid NOT NULL,
	"stage_days" datemultirange[] NOT NULL,
	CONSTRAINT "developer_funnel_tenant_id_dim_developer_id_pk" PRIMARY KEY("tenant_id","dim","developer_id")
);
--> statement-breakpoint
CREATE TABLE "derived"."developer_search" (
	"developer_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"search_text" text NOT NULL,
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
ALTER TABLE "derived"."conversion_touches" ADD CONSTRAINT "conversion_touches_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."conversion_touches" ADD CONSTRAINT "conversion_touches_conversion_id_activities_activity_id_fk" FOREIGN KEY ("conversion_id") REFERENCES "public"."activities"("activity_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."conversion_touches" ADD CONSTRAINT "conversion_touches_campaign_id_campaigns_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("campaign_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."developer_funnel" ADD CONSTRAINT "developer_funnel_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."developer_funnel" ADD CONSTRAINT "developer_funnel_developer_id_developers_developer_id_fk" FOREIGN KEY ("developer_id") REFERENCES "public"."developers"("developer_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."developer_search" ADD CONSTRAINT "developer_search_developer_id_developers_developer_id_fk" FOREIGN KEY ("developer_id") REFERENCES "public"."developers"("developer_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "derived"."developer_search" ADD CONSTRAINT "developer_search_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."tenant_settings" ADD CONSTRAINT "tenant_settings_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."tenant_settings" ADD CONSTRAINT "tenant_settings_conversion_stage_funnel_stages_stage_key_fk" FOREIGN KEY ("conversion_stage") REFERENCES "public"."funnel_stages"("stage_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_conv_touches_tenant_time" ON "derived"."conversion_touches" USING btree ("tenant_id","converted_at");--> statement-breakpoint
CREATE INDEX "idx_conv_touches_developer" ON "derived"."conversion_touches" USING btree ("tenant_id","developer_id");--> statement-breakpoint
CREATE INDEX "idx_dev_search_trgm" ON "derived"."developer_search" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "idx_dev_search_last_action" ON "derived"."developer_search" USING btree ("tenant_id","last_action_at","developer_id");--> statement-breakpoint
CREATE INDEX "idx_dev_search_total" ON "derived"."developer_search" USING btree ("tenant_id","total_actions","developer_id");--> statement-breakpoint
CREATE INDEX "idx_dev_search_stage" ON "derived"."developer_search" USING btree ("tenant_id","highest_stage");