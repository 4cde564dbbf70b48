import { PlannedPage } from '../../components/PlannedPage';

export function DevelopersPage() {
  return <PlannedPage route="developers" />;
}
