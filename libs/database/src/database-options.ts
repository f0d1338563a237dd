import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@app/config';
import { ENTITIES } from '@app/domain';
import { MIGRATIONS } from '../../../migrations';
import { TypeOrmLogger } from './typeorm-logger';

/** The one set of DataSource options shared by the apps, the CLI and the TypeORM CLI. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'dbPoolSize' | 'dbLogQueries'>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    uuidExtension: 'pgcrypto',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logger: new TypeOrmLogger(config.dbLogQueries),
    logging: config.dbLogQueries ? 'all' : ['error', 'warn'],
    maxQueryExecutionTime: 1000,
    extra: { max: config.dbPoolSize, application_name: 'technomatch' },
  };
}
