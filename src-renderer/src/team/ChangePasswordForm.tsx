import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../src-shared/bounds';
import {
  afterAnswer,
  checkBeforeSending,
  EMPTY_FORM,
  firstInvalid,
  type FormField,
  type Message,
  type PasswordFormState,
} from './change-password-state';
import { changePassword } from './team-auth';

const AUTOCOMPLETE: Record<FormField, string> = {
  currentPassword: 'current-password',
  newPassword: 'new-password',
  confirmPassword: 'new-password',
};

/**
 * The team server's "Change password" form (TeamBar's account panel): the
 * current password, the new one twice. An error is shown beside its field,
 * which is marked invalid and described by it, and the focus goes to the first
 * such field, so a screen reader reads the error with the field; success and
 * refusals about no field are said in a live region.
 */
export function ChangePasswordForm({
  initial = EMPTY_FORM,
  send = changePassword,
}: {
  initial?: PasswordFormState;
  send?: typeof changePassword;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<PasswordFormState>(initial);
  const refs: Record<FormField, RefObject<HTMLInputElement | null>> = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    confirmPassword: useRef<HTMLInputElement>(null),
  };
  const doneRef = useRef<HTMLParagraphElement>(null);
  // Bumped after each answer: the focus moves then, not on every keystroke.
  const [answered, setAnswered] = useState(0);
  const say = (m: Message) => t(`team.changePassword.errors.${m.key}`, m.values ?? {});

  useEffect(() => {
    if (answered === 0) return;
    if (state.status === 'done') doneRef.current?.focus();
    else {
      const field = firstInvalid(state.errors);
      if (field) refs[field].current?.focus();
    }
    // Only an answer moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answered]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = checkBeforeSending(state.values);
    if (firstInvalid(errors)) {
      setState({ ...state, errors, general: null, status: 'editing' });
      setAnswered((n) => n + 1);
      return;
    }
    setState({ ...state, errors: {}, general: null, status: 'saving' });
    const answer = await send(state.values.currentPassword, state.values.newPassword);
    setState((now) => afterAnswer(now, answer));
    setAnswered((n) => n + 1);
  }

  const edit = (field: FormField, value: string) =>
    setState((now) => ({ ...now, status: now.status === 'done' ? 'editing' : now.status, values: { ...now.values, [field]: value } }));

  const field = (name: FormField) => {
    const error = state.errors[name];
    const hintId = name === 'newPassword' ? `${id}-${name}-hint` : undefined;
    const errorId = error ? `${id}-${name}-error` : undefined;
    const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
    return (
      <div className="field" key={name}>
        <label htmlFor={`${id}-${name}`}>{t(`team.changePassword.${name}`)}</label>
        <input
          id={`${id}-${name}`}
          ref={refs[name]}
          type="password"
          autoComplete={AUTOCOMPLETE[name]}
          autoFocus={name === 'currentPassword'}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={state.values[name]}
          onChange={(e) => edit(name, e.target.value)}
        />
        {error && (
          <p className="field-error" id={errorId}>
            {say(error)}
          </p>
        )}
        {hintId && (
          <p className="hint" id={hintId}>
            {t('team.changePassword.newHint', { min: MIN_PASSWORD_LENGTH })}
          </p>
        )}
      </div>
    );
  };

  return (
    <form className="change-password" onSubmit={(e) => void submit(e)} noValidate aria-busy={state.status === 'saving'}>
      {field('currentPassword')}
      {field('newPassword')}
      {field('confirmPassword')}
      <div aria-live="polite" role="status">
        {state.status === 'done' && (
          <p ref={doneRef} tabIndex={-1} className="notice" data-testid="password-changed">
            {t(state.endedSessions > 0 ? 'team.changePassword.doneEnded' : 'team.changePassword.done', { sessions: state.endedSessions })}
          </p>
        )}
        {state.general && <p className="field-error">{say(state.general)}</p>}
      </div>
      <div className="button-row">
        <button type="submit" disabled={state.status === 'saving'}>
          {state.status === 'saving' ? t('team.changePassword.saving') : t('team.changePassword.save')}
        </button>
      </div>
    </form>
  );
}
