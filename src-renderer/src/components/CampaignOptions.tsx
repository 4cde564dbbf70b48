import { useQuery } from '@tanstack/react-query';
import { campaignQueries } from '../queries/campaigns';

/**
 * A campaign select's options: first `empty` (no campaign, or every one) as
 * the value "", then each campaign by id, named. The forms of short links,
 * resources and sign-up forms and the short-links filter share it; the list
 * query is one cache entry for all of them.
 */
export function CampaignOptions({ empty }: { empty: string }) {
  const campaigns = useQuery(campaignQueries.list());
  return (
    <>
      <option value="">{empty}</option>
      {(campaigns.data ?? []).map((c) => (
        <option key={c.campaignId} value={c.campaignId}>
          {c.name}
        </option>
      ))}
    </>
  );
}
