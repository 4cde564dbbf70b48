import enDevelopers from './en-developers';
import enOrganizations from './en-organizations';
import enAnalytics from './en-analytics';
import enBackup from './en-backup';
import enImport from './en-import';
import enMoney from './en-money';
import enShortlinks from './en-shortlinks';
import enResources from './en-resources';
import enBreakdown from './en-breakdown';
import enApi from './en-api';
import enTeam from './en-team';
import enTeamClient from './en-team-client';
import enNotifications from './en-notifications';

/** English UI text. The source of truth for keys: `ja.ts` must have exactly the same ones. */
const en = {
  app: {
    name: 'DRM Desktop',
    tagline: 'Developer Relationship Management',
    skipToContent: 'Skip to main content',
    navLabel: 'Main',
    language: 'Language',
    workspace: 'Workspace',
    documentTitle: '{{page}} – DRM Desktop',
  },
  nav: {
    overview: 'Overview',
    developers: 'Developers',
    organizations: 'Organizations',
    merges: 'Merge suggestions',
    campaigns: 'Campaigns',
    shortlinks: 'Short links',
    resources: 'Resources',
    funnel: 'Funnel',
    import: 'Import',
    settings: 'Settings',
    status: 'Status',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
    none: '—',
  },
  audit: {
    by: 'by',
    column: 'By',
    unknownTitle: 'Not recorded: this was done before DRM Desktop recorded who does what.',
  },
  errors: {
    title: 'Something went wrong',
    technical: 'Technical details',
    BAD_INPUT: 'The request was not accepted.',
    NOT_FOUND: 'What you asked for was not found.',
    CONFLICT: 'The data changed in the meantime. Try again.',
    UNAVAILABLE: 'The database cannot be reached right now.',
    INTERNAL: 'An unexpected error occurred.',
    UNAUTHORIZED: 'This page is not authorised. Open the URL that “drm serve” printed in the terminal, including its token.',
  },
  empty: {
    goToImport: 'Go to Import',
  },
  pages: {
    overview: {
      description:
        'A summary of your developer community: how many developers you know, recent activity, and how people move through the funnel.',
    },
    developers: {
      description:
        'One profile per developer, combining their connpass, GitHub, Slack and other accounts, with their activity and funnel stage.',
    },
    campaigns: {
      description: 'Each campaign with its budget, the activities attributed to it, and what each conversion cost.',
    },
    funnel: {
      description:
        'How many developers reached Awareness, Engagement, Adoption and Advocacy in a period, and the conversion from one stage to the next.',
    },
    import: {
      description:
        'Drop CSV files exported from connpass, GitHub, Slack or your own tools, check how the columns map, and import them with progress and an error report.',
    },
    settings: {
      description:
        'The time zone used for imports, which actions count for each funnel stage, the conversion stage, the currency, where the database lives, and its backups.',
    },
    notFound: {
      title: 'Page not found',
      body: 'There is no page at this address.',
      back: 'Go to Overview',
    },
  },
  imports: enImport,
  ...enDevelopers,
  ...enOrganizations,
  ...enAnalytics,
  ...enMoney,
  ...enBackup,
  ...enNotifications,
  ...enShortlinks,
  ...enResources,
  ...enBreakdown,
  ...enApi,
  ...enTeam,
  ...enTeamClient,
  status: {
    title: 'Status',
    description: 'The database behind this app: its version, where the data lives, and what the schema holds.',
    loading: 'Loading database status…',
    updatedAt: 'Updated {{time}}',
    database: 'Database',
    version: 'PostgreSQL version',
    location: 'Location',
    embedded: 'Embedded PostgreSQL on this computer',
    external: 'External PostgreSQL server',
    dataDir: 'Data directory',
    port: 'Port',
    url: 'Connection',
    migrations: 'Migrations',
    migrationName: 'Name',
    migrationRunAt: 'Applied',
    noMigrations: 'No migrations have been applied.',
    extensions: 'Extensions',
    extensionName: 'Name',
    extensionVersion: 'Version',
    noExtensions: 'No extensions are installed.',
    tables: 'Tables',
    tableName: 'Table',
    rowCount: 'Rows',
    total: 'Total',
    tablesSummary: '{{tables}} tables, {{rows}} rows in all',
    noTables: 'No tables found. The migrations may not have run.',
  },
};

export type Messages = typeof en;
export default en;
