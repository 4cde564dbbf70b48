/** The profile details form's logic (no React), unit-tested. */
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { DeveloperProfile } from '../../../../src-shared/contract/developers';

export interface DetailsDraft {
  displayName: string;
  primaryEmail: string;
  organization: string;
}

type DetailsChange = Pick<ChannelInput<'developers:update'>, 'displayName' | 'primaryEmail' | 'organization'>;

/** Only the fields that differ from the profile, trimmed (an empty one clears it). */
export function detailsChange(
  profile: Pick<DeveloperProfile, 'displayName' | 'primaryEmail' | 'organization'>,
  draft: DetailsDraft,
): DetailsChange {
  const change: DetailsChange = {};
  const name = draft.displayName.trim();
  const email = draft.primaryEmail.trim();
  const org = draft.organization.trim();
  if (name !== (profile.displayName ?? '')) change.displayName = name;
  if (email.toLowerCase() !== (profile.primaryEmail ?? '').toLowerCase()) change.primaryEmail = email;
  if (org !== (profile.organization?.name ?? '')) change.organization = org;
  return change;
}

/** Empty, or one @ with something on both sides and a dot after it: what the core will take. */
export function isEmailLike(text: string): boolean {
  const email = text.trim();
  return email === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/** Whom "merge with…" offers: the search's developers other than this one, at most eight. */
export function mergeCandidates<T extends { developerId: string }>(rows: readonly T[], self: string): T[] {
  return rows.filter((r) => r.developerId !== self).slice(0, 8);
}
