import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { JobsOptions, Queue } from 'bullmq';
import { QUEUE_OF_JOB, QueueName, type JobRequest } from './jobs';

const RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * How long an add may wait for Redis. The connection queues commands while Redis is away (workers
 * need that); the outbox relay must instead give up, roll back and retry, so no row stays locked.
 * An add that lands after the timeout is harmless: the retried add has the same job id.
 */
const ADD_TIMEOUT_MS = 5000;

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The one place that adds jobs to BullMQ. Nothing else imports `bullmq` to enqueue. */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Matching) matching: Queue,
    @InjectQueue(QueueName.Notifications) notifications: Queue,
    @InjectQueue(QueueName.Webhooks) webhooks: Queue,
    @InjectQueue(QueueName.ResidentImports) residentImports: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.queues = {
      [QueueName.Matching]: matching,
      [QueueName.Notifications]: notifications,
      [QueueName.Webhooks]: webhooks,
      [QueueName.ResidentImports]: residentImports,
    };
  }

  /** Adds the jobs, grouped by queue; a job whose id already exists is ignored by BullMQ. */
  async addAll(jobs: readonly JobRequest[], options: JobsOptions = {}): Promise<void> {
    const byQueue = new Map<QueueName, JobRequest[]>();
    for (const job of jobs) {
      const queue = QUEUE_OF_JOB[job.name];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), job]);
    }
    for (const [queue, queued] of byQueue) {
      const added = this.queues[queue].addBulk(
        queued.map((job) => ({
          name: job.name,
          data: job.data,
          opts: { ...RETENTION, ...this.defaultsFor(queue), ...options, jobId: job.jobId },
        })),
      );
      await withTimeout(added, ADD_TIMEOUT_MS, `Redis did not accept ${queued.length} jobs on ${queue}`);
    }
  }

  /** True when Redis answers within the timeout (used by readiness checks). */
  async ping(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const answer = this.queues[QueueName.Matching].getJobCounts('waiting').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  private defaultsFor(queue: QueueName): JobsOptions {
    if (queue === QueueName.Notifications) {
      // SMTP 4xx and network errors: 2 s, 4 s, 8 s, ... up to NOTIFICATION_ATTEMPTS tries.
      return { attempts: this.config.notificationAttempts, backoff: { type: 'exponential', delay: 2000 } };
    }
    if (queue === QueueName.Webhooks) {
      // Receivers may be down for a while: 5 s, 10 s, 20 s, ... about 11 hours over 14 tries.
      return { attempts: 14, backoff: { type: 'exponential', delay: 5000 } };
    }
    return { attempts: 5, backoff: { type: 'exponential', delay: 1000 } };
  }
}
