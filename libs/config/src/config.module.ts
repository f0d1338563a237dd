import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, loadAppConfig, type AppConfig } from './app-config';

/**
 * Provides the validated, typed {@link AppConfig} under {@link APP_CONFIG}. Read when the app is
 * created (not when this file is imported), so tests can set the environment per suite; `main.ts`
 * loads `.env` and validates before creating the app, to fail with one clear line.
 */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: (): AppConfig => loadAppConfig(process.env) }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
