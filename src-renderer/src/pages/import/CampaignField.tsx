import { useQuery } from '@tanstack/react-query';
import { campaignQueries } from '../../queries/campaigns';
import { CampaignPicker, type CampaignPickerProps } from './CampaignPicker';

/** The import's campaign: the campaigns there are, to pick from, and any new name. */
export function CampaignField(props: Omit<CampaignPickerProps, 'campaigns'>) {
  const campaigns = useQuery(campaignQueries.list());
  return <CampaignPicker {...props} campaigns={campaigns.data ?? []} />;
}
