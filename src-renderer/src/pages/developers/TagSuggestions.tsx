import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { developerQueries } from '../../queries/developers';
import { useDebounced } from '../../components/use-debounced';

/**
 * The tags in use that start with what is typed, most used first, as the
 * `<datalist>` a tag field names in its `list`: the browser shows them under
 * the field, and arrow keys and screen readers know them as suggestions.
 */
export function TagSuggestions({ id, prefix }: { id: string; prefix: string }) {
  const { t } = useTranslation();
  const settled = useDebounced(prefix.trim(), 150);
  const tags = useQuery(developerQueries.tags(settled));
  return (
    <datalist id={id} data-testid="tag-suggestions">
      {tags.data?.map((tag) => (
        <option key={tag.tag} value={tag.tag}>
          {t('developers.tagUsage', { count: tag.developers })}
        </option>
      ))}
    </datalist>
  );
}
