import { useTranslation } from 'react-i18next';
import { PlannedPage } from '../../components/PlannedPage';
import { hrefFor } from '../../routes';
import { SampleDataOffer } from '../import/SampleDataOffer';

export function OverviewPage() {
  const { t } = useTranslation();
  return (
    <PlannedPage route="overview">
      <SampleDataOffer
        // The Import page shows the sample's jobs as they run.
        onLoaded={() => {
          window.location.hash = hrefFor('import');
        }}
        startedText={() => t('imports.sample.startedElsewhere')}
      />
    </PlannedPage>
  );
}
