import { useEffect, useRef, useState } from 'react';
import { useRouteParam } from '../../use-hash-route';
import { CampaignDetailPage } from './CampaignDetailPage';
import { CampaignListPage } from './CampaignListPage';
import { UndoDeleteNotice, type DeletedCampaign } from './DeleteCampaign';

/**
 * `#/campaigns` is the ROI table and the campaigns; `#/campaigns/<id>` is one
 * campaign. The undo of a delete lives here, so that deleting from a
 * campaign's page and landing on the list keeps the Undo button.
 */
export function CampaignsPage() {
  const campaignId = useRouteParam();
  const firstRender = useRef(true);
  const [deleted, setDeleted] = useState<DeletedCampaign | null>(null);

  // The shell moves focus on page changes; list ⇄ campaign stays on this page, so do it here.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [campaignId]);

  const notice = deleted ? <UndoDeleteNotice key={deleted.undoToken} deleted={deleted} onDismiss={() => setDeleted(null)} /> : null;
  return campaignId ? (
    <CampaignDetailPage key={campaignId} campaignId={campaignId} notice={notice} onDeleted={setDeleted} />
  ) : (
    <CampaignListPage notice={notice} />
  );
}
