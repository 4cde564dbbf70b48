import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../src-shared/contract/common';
import type { RegisteredFile } from '../../src-shared/contract/files';
import type { Bridge } from '../../src-shared/contract/index';
import { createApi } from '../../src-renderer/src/api-client';
import { ApiCallError } from '../../src-renderer/src/api-error';
import { parseUploadAnswer } from '../../src-renderer/src/transport/http-upload';

const file = { name: '参加者.csv', size: 120 } as File;
const HANDLE = 'fh_0123456789abcdefghijklmnopqrstuv';
const UPLOADED = 'fh_uploaded-uploaded-uploaded-uploa';

const bridge = (registerFile?: Bridge['registerFile']): Bridge => ({
  invoke: (() => Promise.resolve({ ok: true, value: null })) as never,
  on: () => () => {},
  ...(registerFile ? { registerFile } : {}),
});
const answer = (result: ApiResult<RegisteredFile>) => vi.fn(async (_file: File) => result);

describe('fileRef', () => {
  it('registers the File itself under Electron and gets a handle, uploading nothing', async () => {
    const upload = vi.fn();
    const register = answer({ ok: true, value: { fileHandle: HANDLE, fileName: '参加者.csv', size: 120 } });
    const api = createApi(bridge(register), 'electron', upload);
    const ref = await api.fileRef(file);
    expect(ref).toEqual({ fileHandle: HANDLE, fileName: '参加者.csv' });
    // The page hands over the File object; no string that could be a path crosses.
    expect(register).toHaveBeenCalledWith(file);
    expect(JSON.stringify(ref)).not.toContain('/');
    expect(upload).not.toHaveBeenCalled();
  });

  it('uploads in browser mode, reports progress, and gets a handle', async () => {
    const upload = vi.fn(async (_file: File, onProgress?: (loaded: number, total: number) => void) => {
      onProgress?.(60, 120);
      return { fileHandle: UPLOADED, fileName: '参加者.csv', size: 120 };
    });
    const progress = vi.fn();
    const api = createApi(bridge(), 'http', upload);
    await expect(api.fileRef(file, progress)).resolves.toEqual({ fileHandle: UPLOADED, fileName: '参加者.csv' });
    expect(progress).toHaveBeenCalledWith(60, 120);
  });

  it('falls back to the upload when Electron refuses the file (one built in memory has no path)', async () => {
    const upload = vi.fn(async () => ({ fileHandle: UPLOADED, fileName: '', size: 1 }));
    const register = answer({ ok: false, error: { code: 'BAD_INPUT', message: 'This file has no place on this computer' } });
    const api = createApi(bridge(register), 'electron', upload);
    await expect(api.fileRef(file)).resolves.toEqual({ fileHandle: UPLOADED, fileName: '参加者.csv' });
  });

  it('passes Electron’s refusal on when it cannot upload', async () => {
    const register = answer({ ok: false, error: { code: 'BAD_INPUT', message: '“x” is not a regular file' } });
    const api = createApi(bridge(register), 'electron');
    await expect(api.fileRef(file)).rejects.toMatchObject({ code: 'BAD_INPUT', message: '“x” is not a regular file' });
  });

  it('refuses when there is neither a way to register nor to upload', async () => {
    await expect(createApi(bridge(), 'electron').fileRef(file)).rejects.toBeInstanceOf(ApiCallError);
  });
});

describe('parseUploadAnswer', () => {
  it('reads the upload’s handle from the envelope', () => {
    const text = JSON.stringify({ ok: true, value: { fileHandle: UPLOADED, fileName: 'a.csv', size: 5 } });
    expect(parseUploadAnswer(200, text, file)).toEqual({ fileHandle: UPLOADED, fileName: 'a.csv', size: 5 });
  });

  it('takes no path for a handle', () => {
    const text = JSON.stringify({ ok: true, value: { fileHandle: '/tmp/x', filePath: '/tmp/x', fileName: 'a.csv', size: 5 } });
    expect(() => parseUploadAnswer(200, text, file)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
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
