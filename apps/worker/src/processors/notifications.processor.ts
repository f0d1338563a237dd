import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { NotificationDeliveryService } from '@app/domain';
import { JobName, QueueName, type JobPayloads } from '@app/queue';

@Processor(QueueName.Notifications, { concurrency: 10 })
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(private readonly delivery: NotificationDeliveryService) {
    super();
  }

  async process(job: Job): Promise<string> {
    if (job.name === JobName.SendNotification) {
      const { notificationId } = job.data as JobPayloads[typeof JobName.SendNotification];
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return this.delivery.deliver(notificationId, finalAttempt);
    }
    throw new UnrecoverableError(`no handler for job ${job.name} on queue ${QueueName.Notifications}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      `Job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed on attempt ${job?.attemptsMade ?? '?'}: ${error.message}`,
    );
  }
}
