import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadAppConfig, loadEnvFile } from '@app/config';
import { createDatabaseIfMissing, dataSourceOptions } from '@app/database';

/** `npm run migration:run`: creates the database when missing and applies pending migrations, one transaction each. */
async function main(): Promise<void> {
  loadEnvFile();
  const config = loadAppConfig();
  const databaseName = new URL(config.databaseUrl).pathname.slice(1);
  if (await createDatabaseIfMissing(config.databaseUrl)) {
    console.log(`Created database ${databaseName}`);
  }
  const dataSource = new DataSource({ ...dataSourceOptions(config), logging: ['error'] });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    for (const migration of applied) {
      console.log(`Applied ${migration.name}`);
    }
    console.log(
      applied.length ? `${applied.length} migrations applied to ${databaseName}` : `${databaseName} is up to date`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
