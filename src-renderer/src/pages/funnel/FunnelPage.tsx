import { PlannedPage } from '../../components/PlannedPage';

export function FunnelPage() {
  return <PlannedPage route="funnel" />;
}
