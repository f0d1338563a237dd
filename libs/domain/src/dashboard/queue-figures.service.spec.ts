import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { loadAppConfig } from '@app/config';
import { deleteQueueKeys, QueueName } from '@app/queue';
import { QueueFiguresService } from './queue-figures.service';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe(QueueFiguresService.name, () => {
  it('counts the jobs of every queue under the configured prefix, and only those', async () => {
    const prefix = `tmtest-${randomBytes(4).toString('hex')}`;
    const other = `tmtest-${randomBytes(4).toString('hex')}`;
    const producer = new Queue(QueueName.Webhooks, { connection: { url: REDIS_URL }, prefix });
    const stranger = new Queue(QueueName.Webhooks, { connection: { url: REDIS_URL }, prefix: other });
    const sut = new QueueFiguresService(loadAppConfig({ REDIS_URL, QUEUE_PREFIX: prefix }));
    try {
      await producer.addBulk([1, 2, 3].map((n) => ({ name: 'webhook.deliver', data: { n } })));
      await producer.add('webhook.deliver', { n: 4 }, { delay: 60_000 });
      await stranger.add('webhook.deliver', { n: 5 });
      const figures = await sut.figures();
      expect(figures).toEqual({
        available: true,
        queues: Object.values(QueueName).map((queue) => ({
          queue,
          waiting: queue === QueueName.Webhooks ? 3 : 0,
          active: 0,
          delayed: queue === QueueName.Webhooks ? 1 : 0,
          failed: 0,
        })),
      });
      expect(sut.boardQueues().map((queue) => queue.name)).toEqual(Object.values(QueueName));
    } finally {
      await sut.onModuleDestroy();
      await producer.close();
      await stranger.close();
      await deleteQueueKeys(REDIS_URL, prefix);
      await deleteQueueKeys(REDIS_URL, other);
    }
  });

  it('reports the figures unavailable, quickly, when Redis does not answer', async () => {
    // BullMQ prints connection errors to the console when nobody listens for them; this service listens.
    const consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const sut = new QueueFiguresService(loadAppConfig({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` }));
    try {
      const started = Date.now();
      await expect(sut.figures()).resolves.toEqual({ available: false });
      expect(Date.now() - started).toBeLessThan(3000);
      await expect(sut.figures()).resolves.toEqual({ available: false });
      expect(consoleErrors).not.toHaveBeenCalled();
    } finally {
      await sut.onModuleDestroy();
      consoleErrors.mockRestore();
    }
  });
});
