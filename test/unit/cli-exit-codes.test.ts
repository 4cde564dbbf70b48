/**
 * The CLI's rule: a refusal the user can act on exits 2, a crash of ours (or
 * a database that stopped) exits 1. `unwrap` sorts the core's answers and
 * `exitCode` sorts finished import jobs.
 */
import { describe, expect, it } from 'vitest';
import { Refusal, unwrap } from '../../src-main/cli/context';
import { exitCode } from '../../src-main/cli/import';

const failed = (code: string, details?: unknown) => ({ ok: false as const, error: { code, message: 'm', details } });

describe('unwrap', () => {
  it('passes a value through', () => {
    expect(unwrap({ ok: true, value: 7 })).toBe(7);
  });

  it.each(['BAD_INPUT', 'NOT_FOUND', 'CONFLICT'])('turns %s into a Refusal (exit 2)', (code) => {
    expect(() => unwrap(failed(code))).toThrow(Refusal);
  });

  it('turns a full disk into a Refusal, but a stopped database and a bug into plain errors (exit 1)', () => {
    expect(() => unwrap(failed('UNAVAILABLE', { reason: 'disk-full' }))).toThrow(Refusal);
    for (const error of [failed('UNAVAILABLE', { reason: 'database-stopped' }), failed('INTERNAL')]) {
      let thrown: unknown;
      try {
        unwrap(error);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown).not.toBeInstanceOf(Refusal);
    }
  });
});

describe('exitCode of an import job', () => {
  it.each([
    [{ status: 'succeeded', failure: null }, 0],
    [{ status: 'rejected', failure: null }, 2],
    [{ status: 'cancelled', failure: null }, 2],
    [{ status: 'failed', failure: 'file' }, 2],
    [{ status: 'failed', failure: 'disk' }, 2],
    [{ status: 'failed', failure: 'database' }, 1],
    [{ status: 'failed', failure: 'internal' }, 1],
    [{ status: 'failed', failure: 'interrupted' }, 1],
  ] as const)('%o → %i', (job, code) => {
    expect(exitCode(job)).toBe(code);
  });
});
