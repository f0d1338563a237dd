import 'reflect-metadata';
import { ConfigError, loadAppConfig, loadEnvFile } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadAppConfig();
  const app = await createApiApp();
  await app.listen({ port: config.port, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
