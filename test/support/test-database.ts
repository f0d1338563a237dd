import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createMigratedDatabase, dropDatabaseIfExists } from '@app/database';

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
  const dataSource = await createMigratedDatabase(url.toString(), 5);
  return {
    url: url.toString(),
    dataSource,
    async drop() {
      await dataSource.destroy();
      await dropDatabaseIfExists(url.toString());
    },
  };
}
