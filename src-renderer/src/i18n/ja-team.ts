/** チームサーバー（`drm serve --team`）のサインイン画面とサインイン中の表示。 */
const jaTeam = {
  team: {
    signInTitle: 'DRM Desktop にサインイン',
    signInLead: 'このサーバーはチームで共有しています。管理者から受け取ったメールアドレスとパスワードでサインインしてください。',
    email: 'メールアドレス',
    password: 'パスワード',
    signIn: 'サインイン',
    signingIn: 'サインイン中…',
    invalid: 'メールアドレスまたはパスワードが違います。両方を確認してもう一度お試しください。',
    disabled: 'このアカウントは無効になっています。管理者に有効化を依頼してください（drm users enable）。',
    locked: 'サインインの失敗が多すぎます。{{seconds}} 秒後にもう一度お試しください。',
    failed: 'サインインできませんでした: {{message}}',
    forgot: 'パスワードを忘れた場合は、管理者に新しいパスワードを発行してもらってください（drm users reset-password）。',
    signedInAs: '{{user}} としてサインイン中 · ワークスペース {{tenant}}',
    signOut: 'サインアウト',
    signOutFailed: 'サインアウトできませんでした: {{message}}',
    // デスクトップアプリがチームサーバーのページを表示しているとき（src-renderer/src/team/DesktopPlace.tsx）。
    serverPlace: 'チームサーバー: {{host}}',
    backToThisComputer: 'このコンピューターのデータに戻る',
    goingBack: '戻っています…',
    backFailed: 'このコンピューターのデータに戻れませんでした: {{message}}',
  },
};

export default jaTeam;
