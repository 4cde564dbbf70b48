CREATE TABLE "app"."api_key_uses" (
	"api_key_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL,
	"last_used_from" text
);
--> statement-breakpoint
CREATE TABLE "app"."ingest_forms" (
	"form_key" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"honeypot_field" text,
	"action" text DEFAULT 'signup' NOT NULL,
	"campaign_id" uuid,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app"."notification_channels" (
	"channel_id" uuid PRIMARY KEY DEFAULT uuid_generate_v4() NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"secret" text,
	"events" text[] NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_channels_kind_check" CHECK ("app"."notification_channels"."kind" in ('slack', 'webhook', 'email'))
);
--> statement-breakpoint
CREATE TABLE "app"."notification_deliveries" (
	"notification_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"channel_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "app"."api_key_uses" ADD CONSTRAINT "api_key_uses_api_key_id_api_keys_api_key_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("api_key_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."api_key_uses" ADD CONSTRAINT "api_key_uses_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."ingest_forms" ADD CONSTRAINT "ingest_forms_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."ingest_forms" ADD CONSTRAINT "ingest_forms_campaign_id_campaigns_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("campaign_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."notification_channels" ADD CONSTRAINT "notification_channels_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."notification_deliveries" ADD CONSTRAINT "notification_deliveries_notification_id_notifications_notification_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("notification_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."notification_deliveries" ADD CONSTRAINT "notification_deliveries_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app"."notification_deliveries" ADD CONSTRAINT "notification_deliveries_channel_id_notification_channels_channel_id_fk" FOREIGN KEY ("channel_id") REFERENCES "app"."notification_channels"("channel_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_ingest_forms_tenant" ON "app"."ingest_forms" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "idx_notification_channels_tenant" ON "app"."notification_channels" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "idx_notification_deliveries_due" ON "app"."notification_deliveries" USING btree ("tenant_id","next_attempt_at");