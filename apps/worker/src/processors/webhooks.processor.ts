import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { WebhooksService } from '@app/domain';
import { JobName, QueueName, type JobPayloads } from '@app/queue';

@Processor(QueueName.Webhooks, { concurrency: 20 })
export class WebhooksProcessor extends WorkerHost implements OnModuleDestroy {
  private readonly logger = new Logger(WebhooksProcessor.name);

  constructor(private readonly webhooks: WebhooksService) {
    super();
  }

  async process(job: Job): Promise<string> {
    if (job.name === JobName.DeliverWebhook) {
      const { deliveryId } = job.data as JobPayloads[typeof JobName.DeliverWebhook];
      return this.webhooks.deliver(deliveryId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
    }
    throw new UnrecoverableError(`no handler for job ${job.name} on queue ${QueueName.Webhooks}`);
  }

  /** Finishes the POSTs in flight on SIGTERM while the database is still open. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`Job ${job?.id ?? '?'} failed on attempt ${job?.attemptsMade ?? '?'}: ${error.message}`);
  }
}
