/**
 * A row error's reason in the UI's language (issue 11, defect 2): its code
 * translated with its params. Jobs stored before errors had codes, or a code
 * this build does not know, show the English reason they were stored with.
 */
import type { TFunction } from 'i18next';
import type { ImportRowError } from '../../../../src-shared/contract/imports';
import { innerProblem, isImportErrorCode } from '../../../../src-shared/import-errors';

export type ReasonLike = Pick<ImportRowError, 'code' | 'params' | 'reason'>;

export function errorReason(t: TFunction, error: ReasonLike): string {
  if (!isImportErrorCode(error.code)) return error.reason;
  const inner = error.code === 'option-invalid' ? innerProblem(error.params) : undefined;
  if (inner) {
    // The option's own label and the inner problem translated too, not only the sentence around them.
    const name = String(error.params?.optionName ?? '');
    return t('imports.rowErrors.option-invalid', {
      ...error.params,
      option: t(`imports.options.${name}`, { defaultValue: String(error.params?.option ?? name) }),
      problem: t(`imports.rowErrors.${inner.code}`, { ...inner.params }),
    });
  }
  return t(`imports.rowErrors.${error.code}`, { ...error.params });
}
