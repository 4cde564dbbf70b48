import type { RegisteredFile } from '../../../src-shared/contract/files';
import { FILE_HANDLE_PATTERN } from '../../../src-shared/contract/values';
import { ApiCallError, type ApiCallErrorCode } from '../api-error';

/** The handle `POST /api/upload` gave the uploaded copy, its name and size. */
export type UploadedFile = RegisteredFile;

/** Bytes sent so far, of the whole body. */
export type UploadProgress = (loaded: number, total: number) => void;

export type Uploader = (file: File, onProgress?: UploadProgress) => Promise<UploadedFile>;

export const UPLOAD_PATH = '/api/upload';

const UNAUTHORIZED_MESSAGE = 'Missing or wrong token: open the URL that `drm serve` printed in the terminal (it includes ?token=…).';

const KNOWN_CODES = new Set<string>(['BAD_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAVAILABLE', 'INTERNAL', 'UNAUTHORIZED']);

function isUploaded(value: unknown): value is UploadedFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.fileHandle === 'string' && FILE_HANDLE_PATTERN.test(v.fileHandle);
}

/**
 * Reads the shell's answer to an upload: the same `ApiResult` envelope as the
 * channels, so refusals keep their code and message.
 */
export function parseUploadAnswer(status: number, text: string, file: { name: string; size: number }): UploadedFile {
  if (status === 401) throw new ApiCallError('UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiCallError('INTERNAL', `Unexpected answer to the upload (HTTP ${status}, not JSON)`);
  }
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    if (body.ok === false && 'error' in body && typeof body.error === 'object' && body.error !== null) {
      const error = body.error as { code?: unknown; message?: unknown; details?: unknown };
      const code = typeof error.code === 'string' && KNOWN_CODES.has(error.code) ? (error.code as ApiCallErrorCode) : 'INTERNAL';
      throw new ApiCallError(code, typeof error.message === 'string' ? error.message : 'Upload refused', error.details);
    }
    if (body.ok === true && 'value' in body && isUploaded(body.value)) {
      const { fileHandle, fileName, size } = body.value;
      return {
        fileHandle,
        fileName: typeof fileName === 'string' && fileName !== '' ? fileName : file.name,
        size: typeof size === 'number' ? size : file.size,
      };
    }
  }
  throw new ApiCallError('INTERNAL', `Unexpected answer to the upload (HTTP ${status})`);
}

/**
 * Browser mode: the core cannot read a file from the user's disk, so the raw
 * bytes go to the shell first. XHR rather than fetch, because only XHR reports
 * upload progress.
 */
export function createHttpUploader(token: string | null): Uploader {
  return (file, onProgress) =>
    new Promise<UploadedFile>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', UPLOAD_PATH);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      if (token !== null) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      if (onProgress) {
        xhr.upload.addEventListener('progress', (event) => {
          onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
        });
      }
      xhr.addEventListener('load', () => {
        try {
          resolve(parseUploadAnswer(xhr.status, xhr.responseText, file));
        } catch (error) {
          reject(error);
        }
      });
      xhr.addEventListener('error', () => reject(new ApiCallError('UNAVAILABLE', 'Cannot reach the DRM server to upload the file')));
      xhr.addEventListener('abort', () => reject(new ApiCallError('UNAVAILABLE', 'The upload was interrupted')));
      xhr.send(file);
    });
}
