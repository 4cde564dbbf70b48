import type enBreakdown from './en-breakdown';

/** ファネルとキャンペーン ROI の内訳（issue 13 §4）の日本語。 */
const jaBreakdown: typeof enBreakdown = {
  breakdown: {
    label: '内訳',
    dimensions: {
      none: 'なし',
      channel: 'チャネル',
      utm_source: 'UTM ソース',
      utm_medium: 'UTM メディア',
      category: 'リソースのカテゴリ',
    },
    inTitle: {
      channel: 'チャネル',
      utm_source: 'UTM ソース',
      utm_medium: 'UTM メディア',
      category: 'リソースのカテゴリ',
    },
    none: '（なし）',
    loading: '内訳を読み込み中…',
    funnelTitle: '{{dimension}}別のファネル',
    funnelHint:
      'その値を持つアクティビティで期間内にステージに到達した開発者が、その行に数えられます。2 つの値のアクティビティがある開発者は両方の行に入ります。「（なし）」は、値のないアクティビティだけでそのステージに到達した開発者です（値のあるアクティビティでも到達した開発者は、その値の行にだけ入ります）。',
    funnelFiltersIgnored: '内訳は期間のファネル全体が対象です。キャンペーンとソースの絞り込みは適用されません。',
    funnelChartSummary: '{{dimension}}ごとの最初のステージの開発者数。{{count}} 件、多い順。',
    funnelEmpty: 'この期間にステージに到達した開発者がいないため、内訳はありません。期間を長くしてください。',
    value: '値',
    conversion: '最初 → 最後のステージ',
    roiTitle: '{{dimension}}別の ROI',
    roiHintChannel:
      'チャネルごとに、そのキャンペーンのコスト（レポート通貨）、アトリビューションされたアクションとコンバージョンを合計します。',
    roiHintCredit:
      'その値を持つアクティビティに割り当てられたクレジットです。「（なし）」は値のないアクティビティのクレジットです。コストはありません。予算はキャンペーンに属し、UTM の値やリソースのカテゴリには属さないためです。',
    roiMissingRates: 'チャネルのキャンペーンに必要な為替レートがないため、コストを表示できません（{{rates}}）。設定で追加してください。',
    roiChartSummary: '{{dimension}}ごとのアトリビューションされたコンバージョン。{{count}} 件、多い順。',
    roiEmpty:
      'この期間にアトリビューションされたアクティビティはありません。期間を長くするか、アクティビティをキャンペーンに紐付けてください。',
    campaigns: 'キャンペーン数',
    tableTitle: '内訳の表',
  },
};

export default jaBreakdown;
