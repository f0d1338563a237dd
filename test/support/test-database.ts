import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDatabaseIfMissing, dataSourceOptions, dropDatabaseIfExists } from '@app/database';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A fresh database with the real migrations applied; dropped by `drop()`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await createDatabaseIfMissing(url.toString());
  // Tests provoke constraint violations on purpose; TypeORM would print each one.
  const dataSource = new DataSource({
    ...dataSourceOptions({ databaseUrl: url.toString(), dbPoolSize: 5, dbLogQueries: false }),
    logger: 'advanced-console',
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return {
    url: url.toString(),
    dataSource,
    async drop() {
      await dataSource.destroy();
      await dropDatabaseIfExists(url.toString());
    },
  };
}
