/**
 * The services a developer has accounts on, one list for every process.
 *
 * An account's provider is free text: an activities file names any service
 * (`provider` column, normalised to lower case, `twitter` read as `x`), and
 * the connpass, GitHub and Slack exports give their own. `providers` are the
 * ones the app knows by name: the renderer labels them in both languages and
 * offers them in the Developers filter; any other provider is shown as
 * written. The core's developers template has a handle column for a subset
 * (`handleProviders`): the services people keep a user name for in their own
 * lists; YouTube, Qiita and Zenn accounts come from activity files only.
 */

export const providers = ['github', 'x', 'slack', 'discord', 'connpass', 'youtube', 'qiita', 'zenn'] as const;
export type Provider = (typeof providers)[number];

/** Providers with a handle column in the developers template (and its header detection). */
export const handleProviders = ['github', 'x', 'slack', 'discord', 'connpass'] as const satisfies readonly Provider[];

export function isProvider(value: string): value is Provider {
  return (providers as readonly string[]).includes(value);
}
