import { Processor } from '@nestjs/bullmq';
import { digestDay, DigestsService, NotificationDeliveryService, NotificationsService } from '@app/domain';
import { JobName, QueueName } from '@app/queue';
import { isFinalAttempt, JobProcessor, type JobHandlers } from './job-processor';

/**
 * A job whose worker died (SIGKILL, OOM) is taken back after `lockDuration` and re-run by the next
 * stalled check; the row's `sending` status lets that re-run resend with the same Message-ID. A live
 * worker renews its lock every `lockDuration / 2`, so slow SMTP servers do not cause false stalls.
 * On SIGTERM the worker closes first, so emails in flight finish while the SMTP pool and the database
 * are still open (they close on application shutdown).
 */
@Processor(QueueName.Notifications, {
  concurrency: 10,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
})
export class NotificationsProcessor extends JobProcessor {
  readonly queueName = QueueName.Notifications;
  readonly handlers: JobHandlers = {
    [JobName.SendNotification]: ({ notificationId }, job) => this.delivery.deliver(notificationId, isFinalAttempt(job)),
    [JobName.SendDailyDigests]: ({ day }, job) =>
      this.digests.queueDailyDigests(day ?? digestDay(new Date(job.timestamp))),
    [JobName.SweepNotifications]: () => this.notifications.sweepStuck(),
  };

  constructor(
    private readonly delivery: NotificationDeliveryService,
    private readonly digests: DigestsService,
    private readonly notifications: NotificationsService,
  ) {
    super();
  }
}
