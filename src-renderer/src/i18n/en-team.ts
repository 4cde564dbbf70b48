/** English text of the team server's sign-in page and signed-in bar (`drm serve --team`, issue 14 §2). */
const enTeam = {
  team: {
    signInTitle: 'Sign in to DRM Desktop',
    signInLead: 'This server is shared by your team. Sign in with the email and password your administrator gave you.',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    invalid: 'Wrong email or password. Check both and try again.',
    disabled: 'This account is disabled. Ask your administrator to enable it (drm users enable).',
    locked: 'Too many failed sign-ins. Try again in {{seconds}} seconds.',
    failed: 'Could not sign in: {{message}}',
    forgot: 'Forgot your password? Ask your administrator for a new one (drm users reset-password).',
    signedInAs: 'Signed in as {{user}} · workspace {{tenant}}',
    signOut: 'Sign out',
    signOutFailed: 'Could not sign out: {{message}}',
    // The desktop app showing a team server's pages (src-renderer/src/team/DesktopPlace.tsx).
    serverPlace: 'Team server: {{host}}',
    backToThisComputer: 'Back to this computer’s data',
    goingBack: 'Going back…',
    backFailed: 'Could not go back to this computer’s data: {{message}}',
    // Changing one's own password, from the signed-in bar (src-renderer/src/team/ChangePasswordForm.tsx).
    changePassword: {
      open: 'Change password',
      title: 'Change your password',
      lead: 'For {{email}}. Your other sign-ins (other browsers and devices) end when you change it; this one stays signed in.',
      currentPassword: 'Current password',
      newPassword: 'New password',
      confirmPassword: 'Confirm new password',
      newHint: 'At least {{min}} characters. A few unrelated words are easy to type and hard to guess.',
      save: 'Save new password',
      saving: 'Changing…',
      done: 'Your password is changed. Use the new one the next time you sign in.',
      doneEnded: 'Your password is changed. Other sign-ins ended: {{sessions}}. Use the new password the next time you sign in.',
      close: 'Close',
      errors: {
        currentMissing: 'Type your current password.',
        currentWrong: 'Wrong current password. Type the password you signed in with, then try again.',
        locked: 'Too many wrong passwords. Try again in {{seconds}} seconds.',
        changed: 'Your password was changed or reset meanwhile. Sign out and sign in with the new one.',
        newMissing: 'Type a new password.',
        tooShort: 'Too short: use at least {{min}} characters.',
        tooLong: 'Too long: use at most {{max}} characters.',
        same: 'This is your current password. Choose a different one.',
        mismatch: 'The two new passwords differ. Type the same password in both fields.',
        signedOut: 'Your session ended, so nothing was changed. Reload the page and sign in again.',
        other: 'Could not change the password: {{message}}',
      },
    },
  },
};

export default enTeam;
