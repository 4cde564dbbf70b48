/**
 * The actions the app names, one list for every process: the default action
 * map's and connpass's waitlist and cancellation. The renderer labels them in both
 * languages; the activities template lists them as the values it knows. Any
 * other action is accepted, stored as written and mapped in Settings.
 */
export const knownActions = [
  'view',
  'click',
  'star',
  'register',
  'waitlist',
  'cancel',
  'attend',
  'comment',
  'join',
  'download',
  'signup',
  'api_call',
  'install',
  'post',
  'talk',
  'contribute',
  'pr',
] as const;
export type KnownAction = (typeof knownActions)[number];
