/**
 * Files the user chose, named by a handle the shell issued. The one channel
 * of this room, `files:register`, is deliberately not in `channels`: the
 * page's `invoke` refuses every name outside the contract, so only the
 * preload reaches it, with a path it took from a real `File`.
 */
import { z } from 'zod';
import { FILE_HANDLE_PATTERN } from './values';

/**
 * A file the user chose, as the shell registered it (FILE_HANDLE_PATTERN).
 * Over IPC and HTTP the core opens only files named by such a handle, never a
 * path the page gives (the CLI registers its own).
 */
export { FILE_HANDLE_PATTERN };

const CHOOSE_AGAIN = 'drop or choose the file again';

export const fileHandle = z
  .string({ error: `Name the file by the handle the app gave when it was dropped or chosen: ${CHOOSE_AGAIN}` })
  .regex(FILE_HANDLE_PATTERN, { error: `Not a file handle the app issued (files are never named by path here): ${CHOOSE_AGAIN}` });

/** What registering a file (Electron: a dropped file; browser: an upload) answers. */
export const registeredFile = z.object({ fileHandle, fileName: z.string(), size: z.number().int() });
export type RegisteredFile = z.infer<typeof registeredFile>;

/** The main-process channel behind `Bridge.registerFile`. */
export const FILES_REGISTER_CHANNEL = 'files:register';
