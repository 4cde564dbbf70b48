import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeRate } from '../../../../src-shared/contract/rates';
import { ErrorAlert } from '../../components/ErrorAlert';
import { hasErrors } from '../../lib/form-values';
import { rateMutations } from '../../queries/rates';
import { rateErrors, rateInput, type RateDraft, type RateErrors } from './rates-view';

interface RateFormProps {
  reporting: string;
  /**
   * The form's first values; with a currency (a "rate missing" link), the
   * form scrolls into view. Focus stays where the shell puts it on a page
   * change (the heading), so that a screen reader hears the page first.
   */
  initial: RateDraft;
  onSaved(rate: ExchangeRate): void;
}

/** Enter or change one rate: currency, month, rate in the reporting currency. */
export function RateForm({ reporting, initial, onSaved }: RateFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<RateDraft>(initial);
  const [errors, setErrors] = useState<RateErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const save = useMutation({
    ...rateMutations.set(),
    onSuccess: (r) => {
      setDraft({ currency: r.currency, month: '', rate: '' });
      onSaved(r);
    },
  });

  const linked = initial.currency !== '';
  useEffect(() => {
    if (!linked) return;
    // After the frame: the shell focuses the page's heading on a page change (scrolling to the top) after this effect.
    const frame = requestAnimationFrame(() => formRef.current?.scrollIntoView({ block: 'center' }));
    return () => cancelAnimationFrame(frame);
  }, [linked]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = rateErrors(draft, reporting);
    setErrors(found);
    if (!hasErrors(found)) save.mutate(rateInput(draft));
  };
  const field = (key: keyof RateDraft) => ({
    id: `${id}-${key}`,
    value: draft[key],
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  const message = (key: keyof RateDraft) =>
    errors[key] ? (
      <p className="field-error" id={`${id}-${key}-error`}>
        {t(`money.rates.errors.${errors[key]}`, { currency: draft.currency.toUpperCase() })}
      </p>
    ) : null;

  return (
    <>
      <form ref={formRef} className="rates-form" onSubmit={submit} aria-label={t('money.rates.formLabel')} noValidate>
        <div className="field field-narrow">
          <label htmlFor={`${id}-currency`}>{t('money.rates.currency')}</label>
          <input
            {...field('currency')}
            type="text"
            autoComplete="off"
            maxLength={3}
            onChange={(e) => setDraft({ ...draft, currency: e.target.value.toUpperCase() })}
          />
          {message('currency')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-month`}>{t('money.rates.month')}</label>
          <input {...field('month')} type="month" placeholder="2026-04" onChange={(e) => setDraft({ ...draft, month: e.target.value })} />
          {message('month')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-rate`}>{t('money.rates.rate')}</label>
          <input
            {...field('rate')}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            onChange={(e) => setDraft({ ...draft, rate: e.target.value })}
          />
          <p className="hint">
            {/^[A-Z]{3}$/.test(draft.currency)
              ? t('money.rates.rateHint', { currency: draft.currency, reporting })
              : t('money.rates.rateHintNoCurrency', { reporting })}
          </p>
          {message('rate')}
        </div>
        <button type="submit" disabled={save.isPending || reporting === ''}>
          {t('money.rates.add')}
        </button>
      </form>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </>
  );
}
