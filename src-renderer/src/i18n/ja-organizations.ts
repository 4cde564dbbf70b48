/** 組織ページの日本語テキスト。 */
const jaOrganizations = {
  organizations: {
    title: '組織',
    description:
      '開発者が所属する企業や団体です。ファイルの組織列、または会社のメールドメインから作られます（フリーメールのドメインからは作られません）。',
    searchLabel: '組織を検索',
    searchPlaceholder: '名前またはドメイン',
    loading: '組織を読み込んでいます…',
    listLabel: '組織一覧',
    emptyTitle: '組織はまだありません',
    emptyBody: '組織名や会社のメールアドレスを含む開発者やアクティビティをインポートすると、組織が表示されます。',
    noMatchTitle: '一致する組織はありません',
    noMatchBody: '別の名前やドメインで検索してください。',
    columns: { name: '名前', domain: 'ドメイン', developers: '開発者数', lastActivity: '最新のアクティビティ', actions: '操作' },
    rename: '名前を変更',
    renameOf: '{{name}} の名前を変更',
    newName: '新しい名前',
    save: '保存',
    cancel: 'キャンセル',
    renamed: '名前を {{name}} に変更しました。',
    renameErrors: {
      empty: '名前を入力してください。',
      tooLong: '名前は200文字以内で入力してください。',
      unchanged: '名前が変わっていません。',
    },
    showDevelopers: '{{name}} の開発者 {{count}} 人を表示',
    merge: '統合…',
    mergeOf: '{{name}} を別の組織に統合',
    mergeTitle: '{{name}} を別の組織に統合',
    mergeHelp: '開発者は選んだ組織に移ります。統合先の名前はそのままで、この組織は削除されます。',
    findTarget: '組織を探す',
    mergeInto: '統合先',
    chooseTarget: '組織を選んでください',
    mergeButton: '統合',
    confirmTitle: 'これらの組織を統合しますか？',
    confirmBody: '{{from}}（開発者 {{count}} 人）を {{into}} に統合し、削除します。元に戻せません。',
    confirmMerge: '統合する',
    merged: '{{from}} を {{into}} に統合しました。{{count}} 人の開発者が移りました。',
  },
};

export default jaOrganizations;
