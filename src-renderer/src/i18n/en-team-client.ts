/** English text of the desktop app as a team client: Settings → Team database, and the strip on every page (issue 14 §2). */
const enTeamClient = {
  teamClient: {
    title: 'Team database',
    lead: 'Connect to your team’s shared data: the app then shows the team’s developers, campaigns and imports instead of this computer’s. This computer’s data is kept as it is, and you can switch back at any time.',
    how: 'Connect with',
    kinds: {
      database: 'Database URL (DATABASE_URL)',
      server: 'Team server address',
    },
    kindHints: {
      database: 'The app works directly on the team’s PostgreSQL, in one workspace of it.',
      server: 'The window opens the team server (drm serve --team), where you sign in.',
    },
    databaseUrl: 'Database URL',
    databaseUrlHint:
      'Such as postgres://user:password@db.example.com:5432/drm. It is kept in this computer’s data folder, readable only by you; the password is never shown again.',
    workspace: 'Workspace',
    workspaceHint: 'The workspace (tenant id) in that database: “default” unless your team uses several.',
    serverUrl: 'Team server address',
    serverUrlHint: 'Such as https://drm.example.com (http:// only for localhost or 127.0.0.1).',
    connect: 'Connect',
    connecting: 'Connecting… the app checks the address, then opens the team’s data.',
    connectFailed: 'Could not connect',
    stayed: 'The app stays on the data it showed before. Check the address and try again.',
    busy: 'An import is running: connect again once it has finished.',
    errors: {
      databaseUrl: 'Enter a PostgreSQL URL such as postgres://user:password@db.example.com:5432/drm.',
      serverUrl: 'Enter the team server’s address, such as https://drm.example.com (http:// only for localhost or 127.0.0.1).',
      workspace: 'Enter a workspace id: 1–63 lowercase letters, digits, “-” or “_”, starting with a letter or digit.',
    },
    onDatabase: 'The app is showing the team database below. This computer’s own data is kept, unchanged.',
    database: 'Database',
    notices: 'To do on the team database',
    useLocal: 'Use this computer’s data',
    switchingBack: 'Switching to this computer’s data…',
    switchFailed: 'Could not switch',
    problemTitle: 'The team database could not be opened',
    problemBody: 'When the app started, the saved team database could not be opened, so the app is showing this computer’s data.',
    problemRetryHint: 'Enter the database URL again (its password is not shown back), then connect.',
    unavailable:
      'Switching to other data is not offered here: this app was started on the data it shows (a team server, or drm serve --database-url). To connect to a team database, use the desktop app, or drm serve without --database-url.',
    onServer: 'This app is set to open the team server {{url}}.',
    openServer: 'Open it',
    opening: 'Opening…',
    indicatorLabel: 'Where the data is',
    indicator: 'Team database: {{place}} · workspace {{tenant}}',
    problemStrip: 'The team database could not be opened; the app is showing this computer’s data.',
    problemStripLink: 'Team database settings',
  },
};

export default enTeamClient;
