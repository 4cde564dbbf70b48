/**
 * インポートのエラー理由の日本語（issue 11, defect 2）。英語は core と同じ
 * `src-shared/import-errors.ts` の文で、コードの一覧もそこにあります。
 */
import type { ImportErrorCode } from '../../../src-shared/import-errors';

const jaImportErrors: Record<ImportErrorCode, string> = {
  required: '{{field}} は必須です',
  'required-with': '{{with}} を指定するときは {{field}} が必須です',
  'companion-required': '{{when}} があるときは {{field}} が必須です',
  'source-required': 'source が必要です（行ごと、またはインポート全体に指定）',
  'no-actor': '誰の行動かがわかりません: provider + external_user_id、provider + handle、email、anon_id のどれかを指定してください',
  'developer-identity': '開発者にはメールアドレスかハンドル（{{providers}}）が必要です',
  datetime:
    '日時として読めません。2024-05-01T10:00:00+09:00、2024-05-01 10:00、2024/05/01 10:00、2024年5月1日 10時00分 のように書いてください',
  date: '日付として読めません。2024-05-01、2024/5/1、2024年5月1日 のように書いてください',
  'month-range': '{{month}} 月は存在しません',
  'day-range': '{{month}} に {{day}} 日は存在しません',
  'year-range': '日付 {{day}} はアプリが扱える範囲（1970-01-01〜2099-12-31）の外です',
  'time-range': '時刻が範囲外です',
  'utc-offset': 'UTC オフセットが正しくありません',
  'unknown-zone': '「{{zone}}」というタイムゾーンはありません（Asia/Tokyo のような IANA 名を使ってください）',
  'amount-empty': '金額が空です',
  'amount-currencies': '金額に 2 つの異なる通貨が書かれています',
  amount: '金額として読めません（1234、1,234.5、¥1,234、1,234円 など）',
  'amount-decimals': '金額の小数点以下が {{places}} 桁を超えています',
  'amount-too-large': '金額が 1,000,000,000,000 を超えています（正負とも）',
  boolean: 'はい/いいえ で書いてください（true/false、1/0、はい/いいえ、同意/拒否）',
  email: 'メールアドレスではありません（@ が 1 つで、その前後に文字が必要です）',
  'email-spaces': 'メールアドレスに空白は使えません',
  'handle-spaces': '{{provider}} のユーザー名に空白は使えません',
  'handle-empty': 'ユーザー名が空です',
  url: 'URL ではありません（https:// から書いてください）',
  'github-id': 'GitHub のユーザー ID は数字です',
  'end-before-start': 'end_date が start_date より前です',
  negative: '{{field}} に負の値は使えません',
  'one-of': '{{field}} は次のどれかにしてください: {{allowed}}',
  currency: 'currency は JPY や USD のような 3 文字の ISO 4217 コードにしてください',
  'currency-contradicts': 'currency {{currency}} が金額の通貨 {{amountCurrency}} と食い違っています',
  'connpass-time-required': 'イベント日時が指定されていないときは 更新日時 が必須です',
  'nul-byte': 'NUL バイト（0x00）が含まれています。バイナリファイルか、壊れたファイルではありませんか',
  'bad-bytes': '選んだ文字コードでは読めないバイトがあります（CP932 / Shift_JIS と UTF-8 のどちらで保存されていますか）',
  'column-count': '列の数が {{expected}} のはずが {{found}} あります',
  'opening-quote': '引用符で始まっていないフィールドの中に引用符（"）があります。ここから先は読めません',
  'closing-quote': '閉じ引用符（"）の直後に文字があります。ここから先は読めません',
  'quote-not-closed': '引用符で始まったフィールドが閉じていません。ここから先は読めません',
  'record-too-long': '{{max}} 文字を超える行があります（引用符の閉じ忘れと思われます）。ここから先は読めません',
  'csv-structure': 'CSV として読めません（{{detail}}）。ここから先は読めません',
  'row-unreadable': 'この行を読めませんでした',
  'not-a-type': '{{type}} というインポート形式はありません',
  'not-a-field': '「{{field}}」は {{type}} インポートの項目ではありません',
  'no-such-column': 'ファイルに「{{header}}」という列がありません（{{field}} に割り当て）',
  'required-column': '必須項目 {{field}} に列が割り当てられていません',
  'source-missing': 'source の列がなく、インポート全体の source も指定されていません',
  'connpass-event':
    'connpass: イベント ID かタイトルを指定してください（または event_<id>_participants.csv というファイル名のままにしてください）',
  'connpass-no-time': '更新日時 の列がなく、イベント日時も指定されていません',
  'option-invalid': '{{option}}「{{value}}」を読めません: {{problem}}',
  'header-bad-bytes': 'ヘッダー行（{{line}} 行目）に NUL バイトか、選んだ文字コードで読めないバイトがあります',
  'no-header': 'ファイルが空です（ヘッダー行がありません）',
};

export default jaImportErrors;
