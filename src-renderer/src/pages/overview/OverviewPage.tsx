import { PlannedPage } from '../../components/PlannedPage';

export function OverviewPage() {
  return <PlannedPage route="overview" />;
}
