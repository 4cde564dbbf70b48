CREATE TABLE "app"."exchange_rates" (
	"tenant_id" text NOT NULL,
	"currency" text NOT NULL,
	"quote_currency" text NOT NULL,
	"month" text NOT NULL,
	"rate" numeric NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_tenant_id_quote_currency_currency_month_pk" PRIMARY KEY("tenant_id","quote_currency","currency","month"),
	CONSTRAINT "exchange_rates_month_check" CHECK ("app"."exchange_rates"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "exchange_rates_rate_check" CHECK ("app"."exchange_rates"."rate" > 0),
	CONSTRAINT "exchange_rates_currencies_check" CHECK ("app"."exchange_rates"."currency" ~ '^[A-Z]{3}$' and "app"."exchange_rates"."quote_currency" ~ '^[A-Z]{3}$' and "app"."exchange_rates"."currency" <> "app"."exchange_rates"."quote_currency")
);
--> statement-breakpoint
ALTER TABLE "app"."exchange_rates" ADD CONSTRAINT "exchange_rates_tenant_id_tenants_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("tenant_id") ON DELETE cascade ON UPDATE no action;