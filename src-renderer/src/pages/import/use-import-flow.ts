import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../../src-shared/contract/index';
import { api, type FileRef } from '../../api';
import { importQueries } from '../../queries/imports';
import { onDroppedFile } from '../../lib/dropped-file';
import type { StartInput } from './start-input';
import { unsupportedFile, type UnsupportedKind } from './unsupported-file';

export type ImportPreview = ChannelOutput<'import:preview'>;

/** Where the file the user dropped or chose is, from the drop to the form. */
export type FileStage =
  | { kind: 'none' }
  | { kind: 'reading'; name: string; size: number; uploaded: number | null }
  | { kind: 'previewing'; name: string }
  /** `id` differs for every file chosen, even the same one again (after the user fixed it). */
  | { kind: 'ready'; id: number; file: FileRef; preview: ImportPreview }
  | { kind: 'failed'; name: string; error: unknown }
  /** A spreadsheet or archive: refused in the page, never uploaded or previewed. */
  | { kind: 'refused'; name: string; reason: UnsupportedKind };

export interface ImportFlow {
  stage: FileStage;
  /** The job shown in the job panel: the one just started, or one opened from the history. */
  jobId: string | null;
  starting: boolean;
  startError: unknown;
  chooseFile(file: File): void;
  start(input: StartInput): Promise<void>;
  openJob(jobId: string): void;
  reset(): void;
}

/**
 * The Import page's state: a file goes through a check of what it is (a
 * spreadsheet or zip stops here), reading (Electron: registered by the
 * preload; browser: an upload) and preview, then a start makes a job. A newer file wins
 * over one still on its way: answers for an older one are dropped.
 */
export function useImportFlow(): ImportFlow {
  const [stage, setStage] = useState<FileStage>({ kind: 'none' });
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const generation = useRef(0);
  const queryClient = useQueryClient();

  const chooseFile = useCallback((file: File) => {
    const mine = ++generation.current;
    const current = () => generation.current === mine;
    setStartError(null);
    setStage({ kind: 'reading', name: file.name, size: file.size, uploaded: null });
    void (async () => {
      try {
        const reason = await unsupportedFile(file);
        if (!current()) return;
        if (reason) {
          setStage({ kind: 'refused', name: file.name, reason });
          return;
        }
        const ref = await api.fileRef(file, (loaded) => {
          if (current()) setStage({ kind: 'reading', name: file.name, size: file.size, uploaded: loaded });
        });
        if (!current()) return;
        setStage({ kind: 'previewing', name: ref.fileName });
        const preview = await api.call('import:preview', { fileHandle: ref.fileHandle });
        if (current()) setStage({ kind: 'ready', id: mine, file: ref, preview });
      } catch (error) {
        if (current()) setStage({ kind: 'failed', name: file.name, error });
      }
    })();
  }, []);

  useEffect(() => onDroppedFile(chooseFile), [chooseFile]);

  const start = useCallback(
    async (input: StartInput) => {
      setStarting(true);
      setStartError(null);
      try {
        const { jobId: id } = await api.call('import:start', input);
        setJobId(id);
        // The history shows the new job at once; `db:changed` only comes when it ends.
        void queryClient.invalidateQueries({ queryKey: importQueries.jobs().queryKey });
        // A real import is done with the file; a dry run usually comes back for the real one.
        if (!input.dryRun) {
          generation.current += 1;
          setStage({ kind: 'none' });
        }
      } catch (error) {
        setStartError(error);
      } finally {
        setStarting(false);
      }
    },
    [queryClient],
  );

  const openJob = useCallback((id: string) => setJobId(id), []);

  const reset = useCallback(() => {
    generation.current += 1;
    setStartError(null);
    setStage({ kind: 'none' });
  }, []);

  return { stage, jobId, starting, startError, chooseFile, start, openJob, reset };
}
