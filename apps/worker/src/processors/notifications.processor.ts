import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { digestDay, DigestsService, NotificationDeliveryService, NotificationsService } from '@app/domain';
import { JobName, QueueName, type JobPayloads } from '@app/queue';

/**
 * A job whose worker died (SIGKILL, OOM) is taken back after `lockDuration` and re-run by the next
 * stalled check; the row's `sending` status lets that re-run resend with the same Message-ID. A live
 * worker renews its lock every `lockDuration / 2`, so slow SMTP servers do not cause false stalls.
 */
@Processor(QueueName.Notifications, {
  concurrency: 10,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
})
export class NotificationsProcessor extends WorkerHost implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly delivery: NotificationDeliveryService,
    private readonly digests: DigestsService,
    private readonly notifications: NotificationsService,
  ) {
    super();
  }

  async process(job: Job): Promise<string | number> {
    if (job.name === JobName.SendNotification) {
      const { notificationId } = job.data as JobPayloads[typeof JobName.SendNotification];
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return this.delivery.deliver(notificationId, finalAttempt);
    }
    if (job.name === JobName.SendDailyDigests) {
      const { day } = job.data as JobPayloads[typeof JobName.SendDailyDigests];
      return this.digests.queueDailyDigests(day ?? digestDay(new Date(job.timestamp)));
    }
    if (job.name === JobName.SweepNotifications) {
      return this.notifications.sweepStuck();
    }
    throw new UnrecoverableError(`no handler for job ${job.name} on queue ${QueueName.Notifications}`);
  }

  /**
   * Graceful shutdown (SIGTERM): stop taking jobs and let the ones in flight finish, in the first
   * shutdown phase, while the SMTP pool and the database are still open (they close on application shutdown).
   */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      `Job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed on attempt ${job?.attemptsMade ?? '?'}: ${error.message}`,
    );
  }
}
