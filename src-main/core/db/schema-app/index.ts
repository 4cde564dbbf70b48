// The app's own schemas beside the spec's (./schema): `app` (data the user owns) and `derived` (computed).
export * from './app';
export * from './derived';
export * from './team';
export * from './auth';
