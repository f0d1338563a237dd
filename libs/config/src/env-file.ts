import { existsSync } from 'node:fs';

/** Loads `.env` from the working directory into process.env (variables already set win), when it exists. */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) {
    process.loadEnvFile(path);
  }
}
