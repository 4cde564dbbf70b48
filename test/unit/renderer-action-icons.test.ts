/** Every action the default map knows has its own symbol; any other action a plain dot. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTION_MAP } from '../../src-main/core/db/seed';
import { actionIcon } from '../../src-renderer/src/lib/action-icons';

describe('actionIcon', () => {
  it('gives every default action a symbol, and unknown actions a dot', () => {
    for (const action of Object.keys(DEFAULT_ACTION_MAP)) expect(actionIcon(action), action).not.toBe('•');
    expect(actionIcon('waitlist')).not.toBe('•');
    expect(actionIcon('something_custom')).toBe('•');
  });
});
