/** English text of the Organizations page. */
const enOrganizations = {
  organizations: {
    title: 'Organizations',
    description:
      'Companies and groups your developers belong to, from the organization column of your files or a company email domain (never a free mail domain).',
    searchLabel: 'Search organizations',
    searchPlaceholder: 'Name or domain',
    loading: 'Loading organizations…',
    listLabel: 'Organizations',
    emptyTitle: 'No organizations yet',
    emptyBody: 'Organizations appear when you import developers or activities with an organization or a company email address.',
    noMatchTitle: 'No organization matches',
    noMatchBody: 'Try another name or domain.',
    columns: { name: 'Name', domain: 'Domain', developers: 'Developers', lastActivity: 'Latest activity', actions: 'Actions' },
    rename: 'Rename',
    renameOf: 'Rename {{name}}',
    newName: 'New name',
    save: 'Save',
    cancel: 'Cancel',
    renamed: 'Renamed to {{name}}.',
    renameErrors: { empty: 'Enter a name.', tooLong: 'A name can be at most 200 characters.', unchanged: 'The name is unchanged.' },
    showDevelopers: 'Show the {{count}} developers of {{name}}',
    merge: 'Merge…',
    mergeOf: 'Merge {{name}} into another organization',
    mergeTitle: 'Merge {{name}} into another organization',
    mergeHelp: 'Its developers move to the organization you choose, which keeps its name; this one is deleted.',
    findTarget: 'Find an organization',
    mergeInto: 'Merge into',
    chooseTarget: 'Choose an organization',
    mergeButton: 'Merge',
    confirmTitle: 'Merge these organizations?',
    confirmBody: '{{from}} ({{count}} developers) will be merged into {{into}} and deleted. This cannot be undone.',
    confirmMerge: 'Merge',
    merged: '{{from}} was merged into {{into}}; {{count}} developers moved.',
  },
};

export default enOrganizations;
