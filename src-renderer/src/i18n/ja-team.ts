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
    // サインイン中の表示から、自分のパスワードを変更する（src-renderer/src/team/ChangePasswordForm.tsx）。
    changePassword: {
      open: 'パスワードを変更',
      title: 'パスワードの変更',
      lead: '{{email}} のパスワードです。変更すると、ほかのブラウザーや端末でのサインインは終了します。この画面はサインインしたままです。',
      currentPassword: '現在のパスワード',
      newPassword: '新しいパスワード',
      confirmPassword: '新しいパスワード（確認）',
      newHint: '{{min}} 文字以上。関係のない単語をいくつか並べると、入力しやすく推測されにくくなります。',
      save: '新しいパスワードを保存',
      saving: '変更しています…',
      done: 'パスワードを変更しました。次回のサインインから新しいパスワードを使ってください。',
      doneEnded:
        'パスワードを変更しました。終了したほかのサインイン: {{sessions}} 件。次回のサインインから新しいパスワードを使ってください。',
      close: '閉じる',
      errors: {
        currentMissing: '現在のパスワードを入力してください。',
        currentWrong: '現在のパスワードが違います。サインインに使ったパスワードを入力して、もう一度お試しください。',
        locked: 'パスワードの誤りが多すぎます。{{seconds}} 秒後にもう一度お試しください。',
        changed: 'その間にパスワードが変更またはリセットされました。サインアウトして、新しいパスワードでサインインしてください。',
        newMissing: '新しいパスワードを入力してください。',
        tooShort: '短すぎます。{{min}} 文字以上にしてください。',
        tooLong: '長すぎます。{{max}} 文字以下にしてください。',
        same: '現在のパスワードと同じです。別のパスワードを選んでください。',
        mismatch: '2 つの新しいパスワードが一致しません。両方に同じパスワードを入力してください。',
        signedOut: 'セッションが終了したため、何も変更されていません。ページを再読み込みして、もう一度サインインしてください。',
        other: 'パスワードを変更できませんでした: {{message}}',
      },
    },
  },
};

export default jaTeam;
