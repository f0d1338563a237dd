import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { deleteQueueKeys } from '@app/queue';
import { CliModule } from '../../apps/cli/src/cli.module';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';
import { SmtpSink } from './smtp-sink';
import { TEST_SECRET } from './system-under-test';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * The matching side of the system for one suite: a fresh database, an SMTP sink, the real worker, and the
 * domain services the API calls (so that matching suites do not depend on the HTTP layer).
 */
export interface MatchingSystem {
  database: TestDatabase;
  smtp: SmtpSink;
  domain: INestApplicationContext;
  worker: INestApplicationContext;
  close(): Promise<void>;
}

export async function startMatchingSystem(): Promise<MatchingSystem> {
  const database = await createTestDatabase();
  const smtp = new SmtpSink();
  const smtpPort = await smtp.start();
  const queuePrefix = `tmtest-${randomBytes(4).toString('hex')}`;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'TechnoMatch <no-reply@technomatch.test>',
    PUBLIC_BASE_URL: 'http://technomatch.test',
    APP_SECRET: TEST_SECRET,
    PORT: '0',
    WORKER_HEALTH_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_PREFIX: queuePrefix,
    OUTBOX_POLL_MS: '50',
    NOTIFICATION_ATTEMPTS: '3',
  });
  const domain = await NestFactory.createApplicationContext(CliModule, { logger: false });
  const worker = await createWorkerApp();
  await worker.init();
  return {
    database,
    smtp,
    domain,
    worker,
    async close() {
      await worker.close();
      await domain.close();
      await smtp.stop();
      await database.drop();
      await deleteQueueKeys(redisUrl, queuePrefix);
    },
  };
}
