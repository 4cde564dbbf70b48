import { describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../src-shared/contract';
import { createApi } from '../../src-renderer/src/api-client';
import { ApiCallError } from '../../src-renderer/src/api-error';
import { parseUploadAnswer } from '../../src-renderer/src/transport/http-upload';

const file = { name: '参加者.csv', size: 120 } as File;
const bridge = (getPathForFile?: Bridge['getPathForFile']): Bridge => ({
  invoke: (() => Promise.resolve({ ok: true, value: null })) as never,
  on: () => () => {},
  ...(getPathForFile ? { getPathForFile } : {}),
});

describe('fileRef', () => {
  it('uses the file’s own path under Electron, uploading nothing', async () => {
    const upload = vi.fn();
    const api = createApi(bridge(() => '/home/me/参加者.csv'), 'electron', upload);
    await expect(api.fileRef(file)).resolves.toEqual({ filePath: '/home/me/参加者.csv', fileName: '参加者.csv' });
    expect(upload).not.toHaveBeenCalled();
  });

  it('uploads in browser mode and reports progress', async () => {
    const upload = vi.fn(async (_file: File, onProgress?: (loaded: number, total: number) => void) => {
      onProgress?.(60, 120);
      return { filePath: '/tmp/drm-uploads/1', fileName: '参加者.csv', size: 120 };
    });
    const progress = vi.fn();
    const api = createApi(bridge(), 'http', upload);
    await expect(api.fileRef(file, progress)).resolves.toEqual({ filePath: '/tmp/drm-uploads/1', fileName: '参加者.csv' });
    expect(progress).toHaveBeenCalledWith(60, 120);
  });

  it('falls back to the upload when Electron has no path (a file built in memory)', async () => {
    const upload = vi.fn(async () => ({ filePath: '/tmp/u', fileName: '', size: 1 }));
    const api = createApi(
      bridge(() => {
        throw new Error('not a disk file');
      }),
      'electron',
      upload,
    );
    await expect(api.fileRef(file)).resolves.toEqual({ filePath: '/tmp/u', fileName: '参加者.csv' });
  });

  it('refuses a file with no path when it cannot upload', async () => {
    const api = createApi(bridge(() => ''), 'electron');
    await expect(api.fileRef(file)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('parseUploadAnswer', () => {
  it('reads the upload’s place from the envelope', () => {
    const text = JSON.stringify({ ok: true, value: { filePath: '/tmp/x', fileName: 'a.csv', size: 5 } });
    expect(parseUploadAnswer(200, text, file)).toEqual({ filePath: '/tmp/x', fileName: 'a.csv', size: 5 });
  });

  it('keeps the error envelope’s code and message', () => {
    const text = JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: 'File over 2 GB' } });
    const error = (() => {
      try {
        parseUploadAnswer(413, text, file);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', message: 'File over 2 GB' });
  });

  it('turns a refused token into UNAUTHORIZED and nonsense into INTERNAL', () => {
    expect(() => parseUploadAnswer(401, '', file)).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
    expect(() => parseUploadAnswer(502, '<html>', file)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => parseUploadAnswer(200, '{"ok":true,"value":{}}', file)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => parseUploadAnswer(500, '{"ok":false,"error":{"code":"WHAT","message":"m"}}', file)).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: 'm' }),
    );
  });
});
