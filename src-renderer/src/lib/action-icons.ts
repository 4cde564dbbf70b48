/**
 * A symbol per known action, shown before its name in timelines so the eye
 * finds kinds of activity at a glance. Text symbols from fonts every platform
 * ships (no emoji font, no icon library); decorative only — the action's name
 * beside it is what screen readers read. Unknown actions get a plain dot.
 */
const ICONS: Record<string, string> = {
  view: '◉',
  click: '➚',
  star: '★',
  register: '✎',
  waitlist: '⧗',
  cancel: '✕',
  attend: '✔',
  comment: '❝',
  join: '⊕',
  download: '⤓',
  signup: '⚑',
  api_call: '⌁',
  install: '⤓',
  post: '✍',
  talk: '♪',
  contribute: '⇪',
  pr: '⇪',
};

export function actionIcon(action: string): string {
  return ICONS[action] ?? '•';
}
