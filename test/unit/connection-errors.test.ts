import { describe, expect, it } from 'vitest';
import { databaseStoppedMessage, isConnectionLost } from '../../src-main/core/db/connection-errors';
import { toApiError } from '../../src-main/core/errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a database that went away', () => {
  it.each([
    withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    withCode('read ECONNRESET', 'ECONNRESET'),
    withCode('terminating connection due to administrator command', '57P01'),
    new Error('Connection terminated unexpectedly'),
    new Error('Client has encountered a connection error and is not queryable'),
    new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    new Error('Failed query: select 1', { cause: new Error('Connection terminated unexpectedly') }),
  ])('is recognised: %s', (error) => {
    expect(isConnectionLost(error)).toBe(true);
  });

  it.each([new Error('syntax error at or near "x"'), withCode('duplicate key', '23505'), withCode('no such file', 'ENOENT'), 'text'])(
    'is not: %s',
    (error) => {
      expect(isConnectionLost(error)).toBe(false);
    },
  );

  it('becomes UNAVAILABLE with a message that says what to do, naming the driver’s reason', () => {
    const wrapped = new Error('Failed query: select 1', { cause: withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED') });
    expect(toApiError(wrapped)).toEqual({
      code: 'UNAVAILABLE',
      message:
        'The database stopped (connect ECONNREFUSED 127.0.0.1:5432). Restart the app (or run the `drm` command again) to start it; nothing half-done was kept.',
      details: { reason: 'database-stopped' },
    });
    expect(databaseStoppedMessage(new Error('Connection terminated'), 'the import')).toMatch(
      /^The database stopped during the import \(Connection terminated\)\./,
    );
  });
});
