import { useTranslation } from 'react-i18next';
import { resourceCategories } from '../../../../src-shared/contract/values';

type Known = (typeof resourceCategories)[number];
const isKnown = (category: string): category is Known => (resourceCategories as readonly string[]).includes(category);

/** A category in the UI's language; one an import invented shows as written. */
export function useCategoryLabel(): (category: string) => string {
  const { t } = useTranslation();
  return (category) => (isKnown(category) ? t(`resources.categories.${category}`) : category);
}
