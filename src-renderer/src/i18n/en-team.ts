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
  },
};

export default enTeam;
