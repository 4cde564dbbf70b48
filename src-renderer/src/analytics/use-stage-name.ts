import { useTranslation } from 'react-i18next';
import { isStageKey } from '../../../src-shared/funnel-stages';
import type { StageLabel } from './chart-data';

/** A stage's name in the UI language: the app's four are translated, a tenant's own keeps its title. */
export function useStageName(): StageLabel {
  const { t } = useTranslation();
  return (stage) => (isStageKey(stage.key) ? t(`developers.stages.${stage.key}`) : stage.title || stage.key);
}
