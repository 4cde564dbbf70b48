import type { Messages } from './en';
import jaDevelopers from './ja-developers';
import jaOrganizations from './ja-organizations';
import jaAnalytics from './ja-analytics';
import jaBackup from './ja-backup';
import jaImport from './ja-import';
import jaMoney from './ja-money';
import jaShortlinks from './ja-shortlinks';
import jaResources from './ja-resources';
import jaBreakdown from './ja-breakdown';
import jaApi from './ja-api';
import jaTeam from './ja-team';
import jaTeamClient from './ja-team-client';
import jaNotifications from './ja-notifications';

/** 日本語の UI テキスト。キーは en.ts と完全に一致させる（型とユニットテストで確認）。 */
const ja: Messages = {
  app: {
    name: 'DRM Desktop',
    tagline: 'デベロッパーリレーション管理',
    skipToContent: 'メインコンテンツへスキップ',
    navLabel: 'メインメニュー',
    language: '言語',
    workspace: 'ワークスペース',
    documentTitle: '{{page}} – DRM Desktop',
  },
  nav: {
    overview: '概要',
    developers: '開発者',
    organizations: '組織',
    merges: '統合候補',
    campaigns: 'キャンペーン',
    shortlinks: '短縮リンク',
    resources: 'リソース',
    funnel: 'ファネル',
    import: 'インポート',
    settings: '設定',
    status: 'ステータス',
  },
  common: {
    loading: '読み込み中…',
    retry: '再試行',
    refresh: '再読み込み',
    refreshing: '更新中…',
    none: '—',
  },
  audit: {
    by: '実行者:',
    column: '実行者',
    unknownTitle: '記録なし: DRM Desktop が実行者を記録するようになる前の操作です。',
  },
  errors: {
    title: 'エラーが発生しました',
    technical: '技術的な詳細',
    BAD_INPUT: 'リクエストを受け付けられませんでした。',
    NOT_FOUND: '指定されたデータが見つかりません。',
    CONFLICT: '処理中にデータが更新されました。もう一度お試しください。',
    UNAVAILABLE: '現在データベースに接続できません。',
    INTERNAL: '予期しないエラーが発生しました。',
    UNAUTHORIZED: 'このページへのアクセスが許可されていません。「drm serve」がターミナルに表示した URL（トークン付き）を開いてください。',
  },
  empty: {
    goToImport: 'インポートへ移動',
  },
  pages: {
    overview: {
      description:
        '開発者コミュニティの全体像をまとめて表示します。把握している開発者の数、最近のアクティビティ、ファネル上の推移を確認できます。',
    },
    developers: {
      description:
        'connpass・GitHub・Slack などのアカウントを開発者ごとに1つのプロフィールにまとめ、アクティビティとファネルのステージを表示します。',
    },
    campaigns: {
      description: 'キャンペーンごとに、予算、紐づくアクティビティ、コンバージョン単価を表示します。',
    },
    funnel: {
      description: '期間内に認知・関心・利用・推奨の各ステージに到達した開発者の数と、ステージ間の転換率を表示します。',
    },
    import: {
      description:
        'connpass・GitHub・Slack や自社ツールから書き出した CSV ファイルをドロップし、列の対応を確認してから取り込みます。進捗とエラーの一覧も確認できます。',
    },
    settings: {
      description:
        'インポート時のタイムゾーン、各ファネルステージに対応するアクション、コンバージョンとみなすステージ、通貨、データベースの保存場所とバックアップを設定します。',
    },
    notFound: {
      title: 'ページが見つかりません',
      body: 'このアドレスに該当するページはありません。',
      back: '概要へ戻る',
    },
  },
  imports: jaImport,
  ...jaDevelopers,
  ...jaOrganizations,
  ...jaAnalytics,
  ...jaMoney,
  ...jaBackup,
  ...jaNotifications,
  ...jaShortlinks,
  ...jaResources,
  ...jaBreakdown,
  ...jaApi,
  ...jaTeam,
  ...jaTeamClient,
  status: {
    title: 'ステータス',
    description: 'このアプリが使用しているデータベースの状態です。バージョン、データの保存場所、スキーマの内容を確認できます。',
    loading: 'データベースの状態を読み込み中…',
    updatedAt: '{{time}} 時点',
    database: 'データベース',
    version: 'PostgreSQL バージョン',
    location: '接続先',
    embedded: 'このコンピューター上の内蔵 PostgreSQL',
    external: '外部の PostgreSQL サーバー',
    dataDir: 'データディレクトリ',
    port: 'ポート',
    url: '接続先 URL',
    migrations: 'マイグレーション',
    migrationName: '名前',
    migrationRunAt: '適用日時',
    noMigrations: '適用済みのマイグレーションはありません。',
    extensions: '拡張機能',
    extensionName: '名前',
    extensionVersion: 'バージョン',
    noExtensions: 'インストールされている拡張機能はありません。',
    tables: 'テーブル',
    tableName: 'テーブル名',
    rowCount: '行数',
    total: '合計',
    tablesSummary: '{{tables}} テーブル・合計 {{rows}} 行',
    noTables: 'テーブルが見つかりません。マイグレーションが実行されていない可能性があります。',
  },
};

export default ja;
