import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database-options';

/** The maintenance connection (`postgres` database) of the server in `databaseUrl`, and the database's name. */
async function connectToServer(databaseUrl: string): Promise<{ client: Client; name: string }> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return { client, name };
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in `databaseUrl` when it does not exist yet. */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  const { client, name } = await connectToServer(databaseUrl);
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) {
      return false;
    }
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops the database named in `databaseUrl`, closing its connections (tests and benchmarks clean up with it). */
export async function dropDatabaseIfExists(databaseUrl: string): Promise<void> {
  const { client, name } = await connectToServer(databaseUrl);
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for a test suite, a benchmark or the chaos run: dropped if it exists, created, and migrated
 * with the real migrations. Returns an initialized DataSource; the caller destroys it (and drops the database).
 */
export async function createMigratedDatabase(databaseUrl: string, poolSize: number): Promise<DataSource> {
  await dropDatabaseIfExists(databaseUrl);
  await createDatabaseIfMissing(databaseUrl);
  // Callers provoke or expect failures of their own; TypeORM would print every failed query.
  const dataSource = new DataSource({
    ...dataSourceOptions({ databaseUrl, dbPoolSize: poolSize, dbLogQueries: false }),
    logger: 'advanced-console',
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}
