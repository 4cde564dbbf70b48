/** English text of the breakdowns on the Funnel page and the campaigns' ROI view (issue 13 §4). */
const enBreakdown = {
  breakdown: {
    label: 'Break down by',
    dimensions: {
      none: 'None',
      channel: 'Channel',
      utm_source: 'UTM source',
      utm_medium: 'UTM medium',
      category: 'Resource category',
    },
    /** The dimension inside a title ("Funnel by channel"). */
    inTitle: {
      channel: 'channel',
      utm_source: 'UTM source',
      utm_medium: 'UTM medium',
      category: 'resource category',
    },
    none: '(none)',
    loading: 'Loading the breakdown…',
    funnelTitle: 'Funnel by {{dimension}}',
    funnelHint:
      'A developer is in a row when one of their activities with that value reached the stage in the period; one with activities of two values is in both rows. "(none)": developers who reached the stage only through activities without a value (one who also reached it through an activity with a value is in that row only).',
    funnelFiltersIgnored: 'The breakdown covers the whole funnel of the period: the campaign and source filters do not apply to it.',
    funnelChartSummary: 'Developers at the first stage per {{dimension}}, {{count}} values, most first.',
    funnelEmpty: 'No developer reached a stage in this period, so there is nothing to break down. Choose a longer period.',
    value: 'Value',
    conversion: 'First → last stage',
    roiTitle: 'ROI by {{dimension}}',
    roiHintChannel: 'Each channel adds up its campaigns: cost in the reporting currency, attributed actions and conversions.',
    roiHintCredit:
      'Attributed credit on the activities with each value; "(none)": credit on activities without a value. No cost: a budget belongs to a campaign, not to a UTM value or a resource category.',
    roiMissingRates: 'No cost where a campaign of the channel needs a missing exchange rate ({{rates}}): add it in Settings.',
    roiChartSummary: 'Attributed conversions per {{dimension}}, {{count}} values, most first.',
    roiEmpty: 'No attributed activity in this period. Choose a longer period, or link activities to campaigns.',
    campaigns: 'Campaigns',
    tableTitle: 'Breakdown table',
  },
};

export default enBreakdown;
