export * from './create-database';
export * from './database-options';
export * from './database.module';
export * from './typeorm-logger';
