import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadAppConfig, loadEnvFile, type AppConfig } from '@app/config';
import { createDatabaseIfMissing, dataSourceOptions } from '@app/database';
import { CliModule } from '../../apps/cli/src/cli.module';
import { DEMO_ADMIN, DEMO_COORDINATOR, seedDemo } from './demo-seed';
import { MailCatcher } from './mail-catcher';

const MAIL_SMTP_PORT = Number(process.env.DEMO_SMTP_PORT ?? 1025);
const MAIL_WEB_PORT = Number(process.env.DEMO_MAIL_WEB_PORT ?? 8025);
const ROOT = join(__dirname, '..', '..', '..');

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

async function checkPostgres(config: AppConfig): Promise<void> {
  const url = new URL(config.databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    fail(
      `PostgreSQL is not reachable at ${url.host} (${(error as Error).message}). Start it (e.g. \`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\` or \`docker compose up -d postgres\`) or set DATABASE_URL.`,
    );
  }
}

async function checkRedis(config: AppConfig): Promise<void> {
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    fail(
      `Redis is not reachable at ${new URL(config.redisUrl).host} (${(error as Error).message}). Start it (e.g. \`redis-server --daemonize yes\` or \`docker compose up -d redis\`) or set REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}

function startApp(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist', script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`)
      .join('\n') + '\n';
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`[${name}] exited with code ${code}`);
    }
  });
  return child;
}

async function waitForHealthy(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  fail(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  loadEnvFile();
  process.env.SMTP_URL ??= `smtp://127.0.0.1:${MAIL_SMTP_PORT}`;
  process.env.LOG_LEVEL ??= 'warn';
  const config = loadAppConfig();
  await checkPostgres(config);
  await checkRedis(config);

  if (await createDatabaseIfMissing(config.databaseUrl)) {
    console.log(`Created database ${new URL(config.databaseUrl).pathname.slice(1)}`);
  }
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  const applied = await dataSource.runMigrations();
  await dataSource.destroy();
  console.log(`Migrations: ${applied.length} applied, schema up to date`);

  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  const seed = await seedDemo(context);
  await context.close();
  console.log(
    seed.seeded
      ? `Seeded ${seed.residents} residents in ${seed.technoparks} technoparks, users, an enterprise and sample tasks`
      : `Demo data already present (${seed.residents} residents); issued a fresh API key`,
  );

  const catcher = new MailCatcher(join(ROOT, '.demo', 'mail'));
  await catcher
    .start(MAIL_SMTP_PORT, MAIL_WEB_PORT)
    .catch((error: Error) =>
      fail(`Cannot start the mail catcher on ports ${MAIL_SMTP_PORT}/${MAIL_WEB_PORT}: ${error.message}`),
    );
  const env = { ...process.env };
  const children = [startApp('api', 'apps/api/src/main.js', env), startApp('worker', 'apps/worker/src/main.js', env)];
  const shutdown = () => {
    for (const child of children) {
      child.kill('SIGTERM');
    }
    void catcher.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const base = `http://localhost:${config.port}`;
  await waitForHealthy(`${base}/health/ready`);
  await waitForHealthy(`http://localhost:${config.workerHealthPort}/health/ready`);
  const body = JSON.stringify({
    title: 'Gear housing for a mining conveyor',
    substitutes: { name: 'Gearbox housing', manufacturer: 'SEW-Eurodrive' },
    requirements: [
      { capability: '25.62', weight: 1, required: true },
      { capability: '24.5', weight: 0.5, required: false },
    ],
    region: 'BY-MI',
    quantity: 50,
    budget: { amount: 90000, currency: 'USD' },
    // Three months from today, so that the printed example never carries a past deadline.
    deadline: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
  });
  console.log(`
TechnoMatch demo is running.

  API            ${base}/api/v1   (health: ${base}/health/ready)
  Mail catcher   http://localhost:${MAIL_WEB_PORT}   (SMTP on 127.0.0.1:${MAIL_SMTP_PORT}; messages in .demo/mail)
  Admin          ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}
  Coordinator    ${DEMO_COORDINATOR.email} / ${DEMO_COORDINATOR.password}
  Enterprise API key (shown once): ${seed.apiKey}

Post a task:
  curl -s -X POST ${base}/api/v1/tasks \\
    -H 'Authorization: Bearer ${seed.apiKey}' -H 'Content-Type: application/json' \\
    -d '${body}'

Then read it back (use the id from the answer):
  curl -s ${base}/api/v1/tasks/<id>/matches -H 'Authorization: Bearer ${seed.apiKey}'

Press Ctrl+C to stop.
`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
