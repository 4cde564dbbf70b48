export * from './admin';
export * from './core';
export * from './campaigns';
export * from './activities';
export * from './plugins';
export * from './analytics';
export * from './migrations';
