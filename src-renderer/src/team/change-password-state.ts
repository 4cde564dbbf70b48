/**
 * The states of the "Change password" form (ChangePasswordForm.tsx), without
 * React: what the page checks before sending, and what a server's answer does
 * to the fields. A refusal keeps what was typed except the passwords the
 * server refused (typing them again is the fix); the error goes beside its
 * field, and the focus to the first field with one.
 */
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordLengthProblem } from '../../../src-shared/bounds';
import type enTeam from '../i18n/en-team';
import type { ChangePasswordAnswer } from './team-auth';

export type FormField = 'currentPassword' | 'newPassword' | 'confirmPassword';
export const FORM_FIELDS: readonly FormField[] = ['currentPassword', 'newPassword', 'confirmPassword'];

export type ErrorKey = keyof (typeof enTeam)['team']['changePassword']['errors'];

/** A message to show: its key under `team.changePassword.errors`, and its values. */
export interface Message {
  key: ErrorKey;
  values?: Record<string, string | number>;
}

export interface PasswordFormState {
  values: Record<FormField, string>;
  errors: Partial<Record<FormField, Message>>;
  /** A refusal about no field (the session ended, the server did not answer). */
  general: Message | null;
  status: 'editing' | 'saving' | 'done';
  /** After a change: how many other sessions the server ended. */
  endedSessions: number;
}

export const EMPTY_FORM: PasswordFormState = {
  values: { currentPassword: '', newPassword: '', confirmPassword: '' },
  errors: {},
  general: null,
  status: 'editing',
  endedSessions: 0,
};

const LIMITS = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH };

const error = (key: ErrorKey, values?: Message['values']): Message => ({ key, ...(values ? { values } : {}) });

/** What the page can tell before asking the server (which checks the same again, and the current password). */
export function checkBeforeSending(values: PasswordFormState['values']): PasswordFormState['errors'] {
  const errors: PasswordFormState['errors'] = {};
  if (values.currentPassword === '') errors.currentPassword = error('currentMissing');
  const length = passwordLengthProblem(values.newPassword);
  if (values.newPassword === '') errors.newPassword = error('newMissing');
  else if (length) errors.newPassword = error(length, LIMITS);
  else if (values.newPassword === values.currentPassword) errors.newPassword = error('same');
  if (!errors.newPassword && values.confirmPassword !== values.newPassword) errors.confirmPassword = error('mismatch');
  return errors;
}

/** The form once the server answered. */
export function afterAnswer(state: PasswordFormState, answer: ChangePasswordAnswer): PasswordFormState {
  if (answer.ok) return { ...EMPTY_FORM, status: 'done', endedSessions: answer.endedSessions };
  const editing = { ...state, status: 'editing' as const, general: null, errors: {} };
  if (answer.field === 'currentPassword') {
    const message =
      answer.reason === 'locked'
        ? error('locked', { seconds: answer.retryAfter ?? 60 })
        : answer.reason === 'changed'
          ? error('changed')
          : error(answer.reason === 'missing' ? 'currentMissing' : 'currentWrong');
    return { ...editing, values: { ...state.values, currentPassword: '' }, errors: { currentPassword: message } };
  }
  if (answer.field === 'newPassword') {
    const keys: Partial<Record<string, ErrorKey>> = { missing: 'newMissing', tooShort: 'tooShort', tooLong: 'tooLong', same: 'same' };
    const key = keys[answer.reason];
    const message = key ? error(key, LIMITS) : error('other', { message: answer.message });
    return { ...editing, values: { ...state.values, newPassword: '', confirmPassword: '' }, errors: { newPassword: message } };
  }
  const general = answer.reason === 'signedOut' ? error('signedOut') : error('other', { message: answer.message });
  return { ...editing, general };
}

/** Where the focus goes after a refusal: the first field with an error. */
export const firstInvalid = (errors: PasswordFormState['errors']): FormField | undefined =>
  FORM_FIELDS.find((f) => errors[f] !== undefined);
