import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../../src-shared/contract/campaigns';

export interface CampaignPickerProps {
  id: string;
  value: string;
  onChange(value: string): void;
  campaigns: readonly Campaign[];
}

/**
 * A text field with the existing campaigns as its `<datalist>`: typing
 * filters them, arrow keys choose, and a name that is none of them creates a
 * campaign, as before (issue 11, section 3). The hint says which it will be.
 */
export function CampaignPicker({ id, value, onChange, campaigns }: CampaignPickerProps) {
  const { t } = useTranslation();
  const name = value.trim();
  const known = campaigns.some((campaign) => campaign.name === name);
  const hint =
    name === '' ? t('imports.options.campaignHint') : known ? t('imports.options.campaignKnown') : t('imports.options.campaignNew');
  return (
    <div className="field">
      <label htmlFor={id}>{t('imports.options.campaign')}</label>
      <input
        id={id}
        type="text"
        list={`${id}-list`}
        value={value}
        maxLength={500}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={`${id}-list`} data-testid="campaign-suggestions">
        {campaigns.map((campaign) => (
          <option key={campaign.campaignId} value={campaign.name}>
            {[campaign.channel, campaign.startDate].filter(Boolean).join(' · ')}
          </option>
        ))}
      </datalist>
      <p className="hint" id={`${id}-hint`} aria-live="polite" data-testid="campaign-hint">
        {hint}
      </p>
    </div>
  );
}
