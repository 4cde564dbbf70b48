import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { settingsMutations, settingsQueries } from '../queries/settings';
import { applyLanguage } from './index';
import type { Language } from './language';

/**
 * The UI language has one home: the tenant's settings
 * (`app.tenant_settings.language`, null = follow the OS). This hook applies
 * it whenever it is read (start-up, another window's change, a restore) and
 * is the only way the switches change it.
 */
export function useLanguageSetting() {
  const client = useQueryClient();
  const settings = useQuery(settingsQueries.get());
  const saved = settings.data?.language;

  useEffect(() => {
    if (saved !== undefined) void applyLanguage(saved);
  }, [saved]);

  const save = useMutation({
    ...settingsMutations.saveLanguage(),
    // Switch at once; the saved value comes back through the settings query.
    onMutate: (language) => applyLanguage(language),
    onSettled: () => client.invalidateQueries({ queryKey: settingsQueries.all() }),
  });

  return {
    /** The saved choice; null while the OS decides, undefined until the settings are read. */
    choice: saved,
    change: (language: Language | null) => save.mutate(language),
    error: save.error,
  };
}
