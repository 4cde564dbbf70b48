// PLACEHOLDER — replaced by the module's implementation before this lands.
import type { DerivedChange, Queryable } from './refresh';

export async function refreshCampaignDaily(_client: Queryable, _tenant: string, _change: DerivedChange): Promise<void> {
  return;
}
