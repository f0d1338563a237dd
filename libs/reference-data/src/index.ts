export * from './capabilities';
export * from './regions';
