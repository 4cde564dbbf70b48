export type NameView = { kind: 'name' | 'email'; text: string } | { kind: 'none' };

/** What to call a developer: the name, else the email, else nothing (the UI says "(no name)"). */
export function developerName(dev: { displayName: string | null; primaryEmail: string | null }): NameView {
  const name = dev.displayName?.trim();
  if (name) return { kind: 'name', text: name };
  const email = dev.primaryEmail?.trim();
  if (email) return { kind: 'email', text: email };
  return { kind: 'none' };
}
