/**
 * Which campaign a utm_campaign value names, for attribution (`$1` the
 * tenant): the campaign whose `utm_campaign` attribute it is, else the one
 * whose name it is, compared in lower case. Rows (utm, campaign_id), one per
 * value. An imported row and a served short-link click are attributed by it
 * when neither they nor their resource name a campaign. Two campaigns the
 * same way (names differing only in case, one attribute on two): the older,
 * then the first name in code point order, never whichever a sort met first.
 */
export const UTM_CAMPAIGN_SQL = `select distinct on (utm) utm, campaign_id from (
       select lower(attributes ->> 'utm_campaign') as utm, campaign_id, 0 as rank, created_at, name from campaigns
        where tenant_id = $1 and attributes ? 'utm_campaign'
       union all
       select lower(name), campaign_id, 1, created_at, name from campaigns where tenant_id = $1) u
      order by utm, rank, created_at, name collate "C"`;
