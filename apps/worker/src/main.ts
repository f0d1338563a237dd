import 'reflect-metadata';
import { ConfigError, loadAppConfig, loadEnvFile } from '@app/config';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  loadEnvFile();
  loadAppConfig();
  await createWorkerApp();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
