import { useTranslation } from 'react-i18next';
import type { DeveloperProfile } from '../../../../src-shared/contract/developers';
import { useFormatters } from '../../format';
import { useProviderLabel } from '../../components/developer-bits';
import { useProfileDate } from './ProfileFacts';
import { ProfileIdentifiers } from './ProfileIdentifiers';

/** The developer's accounts: service, handle (linked to its page when there is one), email, first and last seen. */
export function ProfileAccounts({ accounts }: { accounts: DeveloperProfile['accounts'] }) {
  const { t } = useTranslation();
  const providerLabel = useProviderLabel();
  const when = useProfileDate();
  const dash = t('common.none');
  return (
    <section aria-labelledby="accounts-title" className="profile-section">
      <h2 id="accounts-title">{t('profile.accounts')}</h2>
      {accounts.length === 0 ? (
        <p className="muted">{t('profile.noAccounts')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="accounts-title">
            <thead>
              <tr>
                <th scope="col">{t('profile.provider')}</th>
                <th scope="col">{t('profile.handle')}</th>
                <th scope="col">{t('profile.accountEmail')}</th>
                <th scope="col">{t('profile.firstSeen')}</th>
                <th scope="col">{t('profile.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => {
                const handle = a.handle ?? a.externalUserId;
                return (
                  <tr key={a.accountId}>
                    <th scope="row">{providerLabel(a.provider)}</th>
                    <td>
                      {a.profileUrl && /^https?:\/\//.test(a.profileUrl) ? (
                        <a href={a.profileUrl} target="_blank" rel="noreferrer">
                          {handle}
                          <span className="visually-hidden"> {t('profile.opensInBrowser')}</span>
                        </a>
                      ) : (
                        handle
                      )}
                    </td>
                    <td>{a.email ?? dash}</td>
                    <td>{when(a.firstSeen)}</td>
                    <td>{when(a.lastSeen)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Identifiers (emails and handles the developer is known by) beside the campaigns their activities touched. */
export function ProfileIdentifiersAndCampaigns({ dev }: { dev: DeveloperProfile }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="profile-columns">
      <ProfileIdentifiers developerId={dev.developerId} identifiers={dev.identifiers} />
      <section aria-labelledby="campaigns-title" className="profile-section">
        <h2 id="campaigns-title">{t('profile.campaigns')}</h2>
        {dev.campaigns.length === 0 ? (
          <p className="muted">{t('profile.noCampaigns')}</p>
        ) : (
          <table className="data-table" aria-labelledby="campaigns-title">
            <thead>
              <tr>
                <th scope="col">{t('profile.campaign')}</th>
                <th scope="col" className="num">
                  {t('profile.campaignActivities')}
                </th>
              </tr>
            </thead>
            <tbody>
              {dev.campaigns.map((c) => (
                <tr key={c.campaignId}>
                  <td>{c.name}</td>
                  <td className="num">{format.number(c.activities)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
