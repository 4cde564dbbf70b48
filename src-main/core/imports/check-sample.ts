/**
 * The first rows of a file checked before the import starts (issue 11,
 * defect 1): the same record reader and row parser as the import, on the
 * mapping and options the form holds now, so a problem every row will have
 * shows in the preview rather than after the whole file. Problems of the
 * import as a whole (a required column, an unknown zone) come back as such.
 */
import { describeImportProblem, type ImportProblem } from '../../../src-shared/import-errors';
import { ImportSetupError } from './parse/row-context';
import { readRecords } from './parse/record-stream';
import type { RowError, WorkerInput } from './types';

/** Rows checked: as many as the preview shows. */
export const SAMPLE_ROWS = 20;

export interface SampleCheck {
  rowsChecked: number;
  errors: RowError[];
  problems: (ImportProblem & { reason: string })[];
}

export async function checkSample(input: Omit<WorkerInput, 'batchSize'>, rows = SAMPLE_ROWS): Promise<SampleCheck> {
  const errors: RowError[] = [];
  let rowsChecked = 0;
  try {
    for await (const outcome of readRecords({ ...input, batchSize: rows })) {
      rowsChecked += 1;
      if (outcome.status === 'error') errors.push(...outcome.errors);
      // Leaving the loop closes the file.
      if (rowsChecked >= rows) break;
    }
  } catch (error) {
    if (!(error instanceof ImportSetupError)) throw error;
    return { rowsChecked: 0, errors: [], problems: error.problems.map((p) => ({ ...p, reason: describeImportProblem(p) })) };
  }
  return { rowsChecked, errors, problems: [] };
}
