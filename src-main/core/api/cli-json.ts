/**
 * The JSON the CLI's `--json` prints for a developer, the funnel and ROI,
 * which the HTTP API's read endpoints answer too (issue 14 §3: "the same
 * JSON as the CLI"): one shaping for both shells, kept beside the API.
 */
import type { FunnelReport, FunnelStageRow } from '../../../src-shared/contract/analytics';
import type { RoiReport } from '../../../src-shared/contract/campaigns';
import type { DeveloperProfile } from '../../../src-shared/contract/developers';

/** A funnel stage as `drm report funnel --json` prints it (issue 5's keys, in its order); a breakdown's rows too. */
export const funnelStageJson = (s: FunnelStageRow) => ({
  key: s.key,
  title: s.title,
  order: s.order,
  reached: s.reached,
  atOrBeyond: s.atOrBeyond,
  conversionFromPrevious: s.conversionFromPrevious,
});

/** The report as `--json` prints it: exactly the keys, in its order. */
export function funnelJson(report: FunnelReport) {
  return {
    from: report.from,
    to: report.to,
    anonymous: report.anonymous,
    stages: report.stages.map(funnelStageJson),
  };
}

/** Per campaign as `--json` prints it: issue 11's keys, beside issue 5's. */
export function roiJson(report: RoiReport) {
  return report.campaigns.map((c) => ({
    campaign: c.campaign,
    currencyReporting: c.currencyReporting,
    costReporting: c.costReporting,
    costByCurrency: c.costByCurrency,
    actions: c.actions,
    conversions: c.conversions,
    costPerConversion: c.costPerConversion,
    roiPerCost: c.roiPerCost,
    roiPercent: c.roiPercent,
    missingRates: c.missingRates,
  }));
}

/** What `drm developer show --json` prints (issue 4). */
export function developerSummary(p: DeveloperProfile) {
  return {
    developerId: p.developerId,
    displayName: p.displayName,
    primaryEmail: p.primaryEmail,
    organization: p.organization,
    tags: p.tags,
    stage: p.stage,
    accounts: p.accounts.map((a) => ({ provider: a.provider, externalUserId: a.externalUserId, handle: a.handle, email: a.email })),
    identifiers: p.identifiers,
    stats: p.stats,
  };
}
