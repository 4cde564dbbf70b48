import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src-shared/contract/common';
import type { Bridge } from '../../src-shared/contract/index';
import type { SystemStatus } from '../../src-shared/contract/system';
import { createApi } from '../../src-renderer/src/api-client';
import { ApiCallError } from '../../src-renderer/src/api-error';

const value: SystemStatus = {
  postgres: { version: '18.4', versionNum: 180004, location: { kind: 'external', url: 'postgres://x' } },
  tables: [],
  rows: {},
  migrations: [],
  extensions: [],
};

function bridgeAnswering(answer: () => Promise<ApiResult<unknown>>): Bridge {
  return { invoke: answer as Bridge['invoke'], on: () => () => {} };
}

describe('createApi', () => {
  it('returns the value of an ok envelope', async () => {
    const api = createApi(
      bridgeAnswering(async () => ({ ok: true, value })),
      'electron',
    );
    await expect(api.call('system:get-status', {})).resolves.toEqual(value);
  });

  it('throws the envelope error as an ApiCallError with code, message and details', async () => {
    const api = createApi(
      bridgeAnswering(async () => ({ ok: false, error: { code: 'BAD_INPUT', message: 'q: too long', details: [1] } })),
      'http',
    );
    const error = await api.call('system:get-status', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: 'q: too long', details: [1] });
  });

  it('turns a rejected transport into UNAVAILABLE', async () => {
    const api = createApi(
      bridgeAnswering(async () => {
        throw new Error('IPC channel closed');
      }),
      'electron',
    );
    await expect(api.call('system:get-status', {})).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'IPC channel closed' });
  });

  it('passes an ApiCallError from the transport through unchanged', async () => {
    const refused = new ApiCallError('UNAUTHORIZED', 'open the printed URL');
    const api = createApi(
      bridgeAnswering(async () => {
        throw refused;
      }),
      'http',
    );
    await expect(api.call('system:get-status', {})).rejects.toBe(refused);
  });
});
