import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadAppConfig, loadEnvFile } from '@app/config';
import { CliModule } from './cli.module';
import { COMMANDS, usage, UsageError } from './commands';

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command: ${name}\n\n${usage()}` : usage());
    return 2;
  }
  loadEnvFile();
  loadAppConfig();
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    console.log(JSON.stringify(await command.run(app, args)));
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ConfigError || error instanceof TypeError;
    console.error(known || error instanceof Error ? (error as Error).message : error);
    if (error instanceof UsageError) {
      console.error(`\n${usage()}`);
    }
    process.exit(known ? 2 : 1);
  },
);
