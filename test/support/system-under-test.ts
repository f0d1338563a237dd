import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { deleteQueueKeys } from '@app/queue';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';
import { createTestDatabase, type TestDatabase } from './test-database';
import { SmtpSink } from './smtp-sink';

export const TEST_SECRET = 'test-secret-0123456789-0123456789-abcdef';

/** The whole system for one suite: a fresh database, an SMTP sink, the real API and the real worker. */
export interface SystemUnderTest {
  database: TestDatabase;
  smtp: SmtpSink;
  api: NestFastifyApplication;
  worker: INestApplicationContext | null;
  baseUrl: string;
  startWorker(): Promise<INestApplicationContext>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startSystem(
  options: { worker?: boolean; redisUrl?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<SystemUnderTest> {
  const database = await createTestDatabase();
  const smtp = new SmtpSink();
  const smtpPort = await smtp.start();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'TechnoMatch <no-reply@technomatch.test>',
    PUBLIC_BASE_URL: 'http://technomatch.test',
    APP_SECRET: TEST_SECRET,
    PORT: '0',
    WORKER_HEALTH_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Each suite gets its own BullMQ key space, so suites never see each other's jobs.
    QUEUE_PREFIX: `tmtest-${randomBytes(4).toString('hex')}`,
    OUTBOX_POLL_MS: '50',
    NOTIFICATION_ATTEMPTS: '3',
    // The suites' webhook receivers listen on 127.0.0.1, which the SSRF guard refuses in production.
    WEBHOOK_ALLOW_PRIVATE: 'true',
    ...options.env,
  });
  const api = await createApiApp();
  await api.listen({ port: 0, host: '127.0.0.1' });
  const address = api.getHttpServer().address() as { port: number };
  const system: SystemUnderTest = {
    database,
    smtp,
    api,
    worker: null,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async startWorker() {
      system.worker = await createWorkerApp();
      await system.worker.init();
      return system.worker;
    },
    async stopWorker() {
      await system.worker?.close();
      system.worker = null;
    },
    async close() {
      await system.stopWorker();
      await api.close();
      await smtp.stop();
      await database.drop();
      await deleteQueueKeys(process.env.REDIS_URL!, process.env.QUEUE_PREFIX!);
    },
  };
  if (options.worker !== false) {
    await system.startWorker();
  }
  return system;
}
