import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../format';
import type { StatusView } from './status-view';

function DatabaseSection({ view }: { view: StatusView }) {
  const { t } = useTranslation();
  const { location } = view;
  return (
    <section className="card" aria-labelledby="status-database">
      <h2 id="status-database">{t('status.database')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('status.version')}</dt>
          <dd data-testid="pg-version">{view.version}</dd>
        </div>
        <div>
          <dt>{t('status.location')}</dt>
          <dd data-testid="pg-location">{location.kind === 'embedded' ? t('status.embedded') : t('status.external')}</dd>
        </div>
        {location.kind === 'embedded' ? (
          <>
            <div>
              <dt>{t('status.dataDir')}</dt>
              <dd>
                <code dir="ltr">{location.dataDir}</code>
              </dd>
            </div>
            <div>
              <dt>{t('status.port')}</dt>
              {/* A port is an identifier, not a quantity: no digit grouping. */}
              <dd>{String(location.port)}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>{t('status.url')}</dt>
            <dd>
              <code dir="ltr">{location.url}</code>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function ExtensionsSection({ view }: { view: StatusView }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="status-extensions">
      <h2 id="status-extensions">{t('status.extensions')}</h2>
      {view.extensions.length === 0 ? (
        <p>{t('status.noExtensions')}</p>
      ) : (
        <table className="data-table" aria-label={t('status.extensions')}>
          <thead>
            <tr>
              <th scope="col">{t('status.extensionName')}</th>
              <th scope="col">{t('status.extensionVersion')}</th>
            </tr>
          </thead>
          <tbody>
            {view.extensions.map((extension) => (
              <tr key={extension.name}>
                <th scope="row">
                  <code>{extension.name}</code>
                </th>
                <td>{extension.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MigrationsSection({ view }: { view: StatusView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section className="card wide" aria-labelledby="status-migrations">
      <h2 id="status-migrations">{t('status.migrations')}</h2>
      {view.migrations.length === 0 ? (
        <p>{t('status.noMigrations')}</p>
      ) : (
        <table className="data-table" aria-label={t('status.migrations')}>
          <thead>
            <tr>
              <th scope="col">{t('status.migrationName')}</th>
              <th scope="col">{t('status.migrationRunAt')}</th>
            </tr>
          </thead>
          <tbody>
            {view.migrations.map((migration) => (
              <tr key={migration.name}>
                <th scope="row">
                  <code>{migration.name}</code>
                </th>
                <td>
                  <time dateTime={migration.runAtRaw}>{migration.runAt ? format.dateTime(migration.runAt) : migration.runAtRaw}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TablesSection({ view }: { view: StatusView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const total = format.number(view.totalRows);
  return (
    <section className="card wide" aria-labelledby="status-tables">
      <h2 id="status-tables">{t('status.tables')}</h2>
      {view.tables.length === 0 ? (
        <p>{t('status.noTables')}</p>
      ) : (
        <>
          <p className="section-summary">{t('status.tablesSummary', { tables: format.number(view.tables.length), rows: total })}</p>
          <table className="data-table" aria-label={t('status.tables')}>
            <thead>
              <tr>
                <th scope="col">{t('status.tableName')}</th>
                <th scope="col" className="num">
                  {t('status.rowCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.tables.map((table) => (
                <tr key={table.name}>
                  <th scope="row">
                    <code>{table.name}</code>
                  </th>
                  <td className="num">{table.rows === null ? t('common.none') : format.number(table.rows)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('status.total')}</th>
                <td className="num" data-testid="total-rows">
                  {total}
                </td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </section>
  );
}

export function StatusDetails({ view }: { view: StatusView }) {
  return (
    <div className="card-grid">
      <DatabaseSection view={view} />
      <ExtensionsSection view={view} />
      <MigrationsSection view={view} />
      <TablesSection view={view} />
    </div>
  );
}
