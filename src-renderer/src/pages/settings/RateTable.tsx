import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeRate, RateList } from '../../../../src-shared/contract/rates';

/** The rates into the reporting currency, newest month first, each with its delete button. */
export function RateTable({ list, onDelete }: { list: RateList; onDelete(rate: ExchangeRate): void }) {
  const { t } = useTranslation();
  const id = useId();
  if (list.rates.length === 0) return <p className="muted">{t('money.rates.empty', { currency: list.reportingCurrency })}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table" aria-labelledby={`${id}-caption`}>
        <caption id={`${id}-caption`} className="visually-hidden">
          {t('money.rates.listLabel', { currency: list.reportingCurrency })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('money.rates.columns.currency')}</th>
            <th scope="col">{t('money.rates.columns.month')}</th>
            <th scope="col" className="num">
              {t('money.rates.columns.rate')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('money.rates.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.rates.map((r) => (
            <tr key={`${r.currency} ${r.month}`}>
              <th scope="row">{r.currency}</th>
              <td>{r.month}</td>
              <td className="num">{`${r.rate} ${list.reportingCurrency}`}</td>
              <td>
                <button
                  type="button"
                  className="button-secondary button-small"
                  aria-label={t('money.rates.deleteOf', { currency: r.currency, month: r.month })}
                  onClick={() => onDelete(r)}
                >
                  {t('campaigns.deleteButton')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
