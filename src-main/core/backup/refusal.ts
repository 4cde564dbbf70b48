import type { ApiErrorCode } from '../../../src-shared/contract/common';
import { CoreError } from '../errors';

/**
 * Why a backup or restore was refused before it changed anything. The CLI
 * exits 2 for these (a refusal the user can act on), the app shows the message.
 */
export type BackupRefusalReason =
  | 'foreign'
  | 'truncated'
  | 'damaged'
  | 'newer-format'
  | 'newer-migrations'
  | 'mismatch'
  | 'has-data'
  | 'busy'
  | 'not-found'
  | 'bad-id'
  | 'no-folder-picker'
  | 'missing-folder';

const CODES: Record<BackupRefusalReason, ApiErrorCode> = {
  foreign: 'BAD_INPUT',
  truncated: 'BAD_INPUT',
  damaged: 'BAD_INPUT',
  'newer-format': 'BAD_INPUT',
  'newer-migrations': 'BAD_INPUT',
  mismatch: 'BAD_INPUT',
  'has-data': 'CONFLICT',
  busy: 'CONFLICT',
  'not-found': 'NOT_FOUND',
  'bad-id': 'BAD_INPUT',
  'no-folder-picker': 'UNAVAILABLE',
  'missing-folder': 'UNAVAILABLE',
};

export class BackupRefusal extends CoreError {
  constructor(
    readonly reason: BackupRefusalReason,
    message: string,
  ) {
    super(CODES[reason], message, { reason });
    this.name = 'BackupRefusal';
  }
}
