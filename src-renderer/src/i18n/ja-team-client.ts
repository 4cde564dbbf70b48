/** デスクトップアプリをチームのデータにつなぐ画面（設定 →「チームのデータベース」）と、全ページに出る表示。 */
const jaTeamClient = {
  teamClient: {
    title: 'チームのデータベース',
    lead: 'チームの共有データに接続すると、このコンピューターのデータの代わりにチームの開発者・キャンペーン・インポートを表示します。このコンピューターのデータはそのまま残り、いつでも戻せます。',
    how: '接続方法',
    kinds: {
      database: 'データベース URL（DATABASE_URL）',
      server: 'チームサーバーのアドレス',
    },
    kindHints: {
      database: 'チームの PostgreSQL の、1 つのワークスペースを直接使います。',
      server: 'ウィンドウでチームサーバー（drm serve --team）を開き、そこでサインインします。',
    },
    databaseUrl: 'データベース URL',
    databaseUrlHint:
      '例: postgres://user:password@db.example.com:5432/drm。このコンピューターのデータフォルダーに、あなただけが読める形で保存されます。パスワードが再び表示されることはありません。',
    workspace: 'ワークスペース',
    workspaceHint: 'そのデータベース内のワークスペース（テナント ID）。チームで複数使っていなければ「default」です。',
    serverUrl: 'チームサーバーのアドレス',
    serverUrlHint: '例: https://drm.example.com（http:// は localhost と 127.0.0.1 のみ）。',
    connect: '接続',
    connecting: '接続中… アドレスを確認してから、チームのデータを開きます。',
    connectFailed: '接続できませんでした',
    stayed: 'これまでのデータを表示したままです。アドレスを確認して、もう一度お試しください。',
    busy: 'インポートの実行中です。終わってからもう一度接続してください。',
    errors: {
      databaseUrl: 'postgres://user:password@db.example.com:5432/drm のような PostgreSQL の URL を入力してください。',
      serverUrl: 'https://drm.example.com のようなチームサーバーのアドレスを入力してください（http:// は localhost と 127.0.0.1 のみ）。',
      workspace: 'ワークスペース ID は、英小文字・数字・「-」「_」の 1〜63 文字で、英小文字か数字で始めてください。',
    },
    onDatabase: '下のチームのデータベースを表示しています。このコンピューターのデータは変更されずに残っています。',
    database: 'データベース',
    notices: 'チームのデータベースで必要な作業',
    useLocal: 'このコンピューターのデータを使う',
    switchingBack: 'このコンピューターのデータに切り替え中…',
    switchFailed: '切り替えられませんでした',
    problemTitle: 'チームのデータベースを開けませんでした',
    problemBody: '起動時に、保存されたチームのデータベースを開けなかったため、このコンピューターのデータを表示しています。',
    problemRetryHint: 'データベース URL をもう一度入力して（パスワードは表示されません）、接続してください。',
    unavailable:
      'ここではデータの切り替えはできません。このアプリは表示中のデータを指定して起動されています（チームサーバー、または drm serve --database-url）。チームのデータベースに接続するには、デスクトップアプリか、--database-url なしの drm serve を使ってください。',
    onServer: 'このアプリはチームサーバー {{url}} を開くよう設定されています。',
    openServer: '開く',
    opening: '開いています…',
    indicatorLabel: 'データの場所',
    indicator: 'チームのデータベース: {{place}} · ワークスペース {{tenant}}',
    problemStrip: 'チームのデータベースを開けなかったため、このコンピューターのデータを表示しています。',
    problemStripLink: 'チームのデータベースの設定',
  },
};

export default jaTeamClient;
