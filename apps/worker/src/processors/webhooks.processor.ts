import { Processor } from '@nestjs/bullmq';
import { WebhooksService } from '@app/domain';
import { JobName, QueueName } from '@app/queue';
import { isFinalAttempt, JobProcessor, type JobHandlers } from './job-processor';

/** Enterprise webhooks; on SIGTERM the POSTs in flight finish while the database is still open. */
@Processor(QueueName.Webhooks, { concurrency: 20 })
export class WebhooksProcessor extends JobProcessor {
  readonly queueName = QueueName.Webhooks;
  readonly handlers: JobHandlers = {
    [JobName.DeliverWebhook]: ({ deliveryId }, job) => this.webhooks.deliver(deliveryId, isFinalAttempt(job)),
  };

  constructor(private readonly webhooks: WebhooksService) {
    super();
  }
}
