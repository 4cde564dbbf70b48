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
CREATE INDEX "idx_merge_keys_group" ON "derived"."merge_keys" USING btree ("tenant_id","grp");--> statement-breakpoint
CREATE INDEX "idx_merge_keys_developer" ON "derived"."merge_keys" USING btree ("developer_id");--> statement-breakpoint
CREATE INDEX "idx_merge_keys_org" ON "derived"."merge_keys" USING btree ("scope") WHERE "derived"."merge_keys"."rule" = 1;--> statement-breakpoint
CREATE INDEX "idx_merge_pairs_score" ON "derived"."merge_pairs" USING btree ("tenant_id","score" DESC NULLS LAST,"a","b");