import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { QueueName } from '@app/queue';

/** How many jobs one queue holds in each state the dashboard shows. */
export interface QueueDepth {
  queue: QueueName;
  /** Waiting to run, prioritised ones included. */
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** Queue depths, or `available: false` when Redis does not answer in time. */
export type QueueFigures = { available: true; queues: QueueDepth[] } | { available: false };

/** A page waits at most this long for Redis; past it the figures are reported unavailable. */
const READ_TIMEOUT_MS = 1500;

/**
 * Read-only access to the BullMQ queues for the dashboard: their depths, and the queue handles Bull Board
 * shows. It has a Redis connection of its own that fails fast (no offline queue, one retry), unlike the
 * workers' connection, which waits for Redis forever: a page must render while Redis is away, saying
 * the figures are unavailable, rather than hang. The queue names and QUEUE_PREFIX are the workers' own.
 */
@Injectable()
export class QueueFiguresService implements OnModuleDestroy {
  private readonly logger = new Logger(QueueFiguresService.name);
  private readonly connection: Redis;
  private readonly queues: Queue[];
  private reportedDown = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    this.connection.on('ready', () => {
      this.reportedDown = false;
    });
    this.connection.on('error', (error: Error) => this.reportDown(error));
    this.queues = Object.values(QueueName).map((name) => {
      const queue = new Queue(name, { connection: this.connection, prefix: config.queuePrefix });
      // Connection errors reach every queue too; the connection's listener has already reported them.
      queue.on('error', () => undefined);
      return queue;
    });
  }

  /** The queues, in the order of {@link QueueName}, for Bull Board. */
  boardQueues(): readonly Queue[] {
    return this.queues;
  }

  async figures(): Promise<QueueFigures> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS);
    });
    try {
      const depths = await Promise.race([Promise.all(this.queues.map((queue) => this.depthOf(queue))), timeout]);
      return depths ? { available: true, queues: depths } : { available: false };
    } catch (error) {
      this.reportDown(error as Error);
      return { available: false };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether Redis answers PING on this connection (for readiness); fails at once while it is down. */
  reachable(): Promise<boolean> {
    return this.connection.ping().then(
      (answer) => answer === 'PONG',
      () => false,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled(this.queues.map((queue) => queue.close()));
    this.connection.disconnect();
  }

  private async depthOf(queue: Queue): Promise<QueueDepth> {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    return {
      queue: queue.name as QueueName,
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  /** Once per outage: the connection retries every few seconds and would otherwise flood the log. */
  private reportDown(error: Error): void {
    if (!this.reportedDown) {
      this.reportedDown = true;
      this.logger.warn(`Queue figures unavailable: ${error.message}`);
    }
  }
}
