import type enMoney from './en-money';

/** 通貨をまたぐ金額（為替レート、集計通貨、予算と実績）の日本語テキスト（issue 11）。 */
const jaMoney: typeof enMoney = {
  money: {
    missingRate: '{{currency}} {{month}} のレートがありません',
    addRate: '追加する',
    missingRatesHint: '他の通貨の費用は、その月のレートがあるまで合計できません。',
    overBudget: '予算超過',
    overBudgetBy: '予算を {{amount}} 超過',
    planVsSpent: '{{plan}} のうち {{spent}}',
    spentNoPlan: '{{spent}}（予算未設定）',
    spendTotalHint: '期間内の予算明細の合計（{{currency}}）',
    spendByCurrency: '通貨ごと',
    utm: {
      label: 'utm_campaign',
      hint: '任意。これ以降に取り込むアクティビティのうち、utm_campaign がこの値（大文字・小文字を問わない）のものがこのキャンペーンに紐づきます。',
    },
    list: {
      columns: {
        channel: 'チャネル',
        dates: '期間',
        startDate: '開始日',
        endDate: '終了日',
        planVsSpent: '予算と実績（全期間）',
        plan: '予算',
        spent: '実績（全期間）',
        cost: '期間内の費用（{{currency}}）',
        missingRates: '不足しているレート',
      },
      sortBy: '{{column}}で並べ替え',
      totals: '合計',
      roiChart: 'キャンペーンごとの ROI',
      roiChartSummary: '{{count}} 件のキャンペーンの ROI %（{{min}} から {{max}}）。',
      roiChartEmpty: 'この期間に ROI % があるキャンペーンはありません。コンバージョン 1 件あたりの価値と、わかっている費用が必要です。',
    },
    rates: {
      title: '為替レート',
      help: '他の通貨の費用は、支出した月のレートで {{currency}} に換算します。レートは通貨と月ごとに 1 つです。インターネットからは取得しません。',
      reportingCurrency: '集計通貨',
      reportingCurrencyHint: '費用、ROI、コンバージョン単価の値はすべてこの通貨です。レートは集計通貨ごとに保存されます。',
      formLabel: 'レートの追加・変更',
      currency: '通貨',
      month: '月',
      rate: 'レート',
      rateHint: '1 {{currency}} あたりの {{reporting}}',
      rateHintNoCurrency: '1 単位あたりの {{reporting}}',
      add: 'レートを保存',
      saved: '{{currency}} {{month}}: {{rate}} を保存しました。',
      import: 'CSV を取り込む',
      importHint: 'currency,month,rate の列を持つファイル（例: USD,2026-04,151.2）。',
      imported: '{{count}} 件のレートを取り込みました。',
      empty: 'レートはまだありません。{{currency}} の費用にはレートは不要です。',
      listLabel: '{{currency}} への為替レート',
      columns: { currency: '通貨', month: '月', rate: 'レート', actions: '操作' },
      deleteOf: '{{currency}} {{month}} のレートを削除',
      deleted: '{{currency}} {{month}} のレートを削除しました。',
      undo: '元に戻す',
      errors: {
        currency: 'USD のような 3 文字のコードを入力してください。',
        month: '2026-04 のように月を入力してください。',
        rate: '151.2 のように 0 より大きいレートを入力してください。',
        sameCurrency: '{{currency}} は集計通貨のため、レートは不要です。',
      },
    },
  },
};

export default jaMoney;
