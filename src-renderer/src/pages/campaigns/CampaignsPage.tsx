import { PlannedPage } from '../../components/PlannedPage';

export function CampaignsPage() {
  return <PlannedPage route="campaigns" />;
}
