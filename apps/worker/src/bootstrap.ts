import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** Builds the worker: BullMQ processors, the outbox relay and a health endpoint; no other HTTP. */
export async function createWorkerApp(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Without shutdown hooks BullMQ workers do not finish their in-flight jobs on SIGTERM.
  app.enableShutdownHooks();
  return app;
}
