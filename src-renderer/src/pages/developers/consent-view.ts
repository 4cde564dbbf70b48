/**
 * The analytics consent toggle's steps. Withdrawing consent takes the
 * developer out of every number (funnel, trend, campaigns), so it is asked
 * first; giving it back is harmless and saves at once. Either way the page
 * says what was saved.
 */

export type ConsentStep = { kind: 'confirmWithdraw' } | { kind: 'save'; consent: boolean };

export function consentStep(current: boolean, checked: boolean): ConsentStep | null {
  if (checked === current) return null;
  return checked ? { kind: 'save', consent: true } : { kind: 'confirmWithdraw' };
}

/** The "saved" line after a change, as a translation key. */
export function consentSavedKey(consent: boolean): 'profile.consentSavedOn' | 'profile.consentSavedOff' {
  return consent ? 'profile.consentSavedOn' : 'profile.consentSavedOff';
}
