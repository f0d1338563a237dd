import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DAILY_DIGEST_SCHEDULE, DAILY_DIGEST_SCHEDULER_ID } from '@app/domain';
import { JobName, JobProducer, QueueName } from '@app/queue';

export const NOTIFICATION_SWEEP_SCHEDULER_ID = 'notification-sweep';

/**
 * Keeps the notifications' BullMQ job schedulers in Redis (BullMQ 6 has no `repeat` option): the daily
 * digest, and the sweep that re-queues notifications whose job was lost. Upserting is idempotent, so
 * every worker does it on start and the schedule follows the code.
 */
@Injectable()
export class NotificationSchedulers implements OnApplicationBootstrap {
  constructor(private readonly producer: JobProducer) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsert();
  }

  /** Upserts both schedulers; also run by the recovery sweep, since a Redis that lost its data lost them too. */
  async upsert(): Promise<void> {
    const queue = this.producer.queue(QueueName.Notifications);
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await queue.upsertJobScheduler(DAILY_DIGEST_SCHEDULER_ID, DAILY_DIGEST_SCHEDULE, {
      name: JobName.SendDailyDigests,
      data: {},
      opts: { ...opts, attempts: 5, backoff: { type: 'exponential', delay: 60_000 } },
    });
    await queue.upsertJobScheduler(
      NOTIFICATION_SWEEP_SCHEDULER_ID,
      { every: 5 * 60_000 },
      { name: JobName.SweepNotifications, data: {}, opts },
    );
  }
}
