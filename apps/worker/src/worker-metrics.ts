import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelayService } from '@app/domain';
import { Metrics } from '@app/metrics';
import { JobProducer, QueueName } from '@app/queue';
import { MatchingProcessor } from './processors/matching.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { WebhooksProcessor } from './processors/webhooks.processor';
import type { JobProcessor } from './processors/job-processor';

/** Feeds the worker's metrics: job durations and failures from BullMQ events, queue depths and the outbox on scrape. */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap {
  private readonly processors: JobProcessor[];

  constructor(
    private readonly metrics: Metrics,
    private readonly producer: JobProducer,
    private readonly relay: OutboxRelayService,
    matching: MatchingProcessor,
    notifications: NotificationsProcessor,
    webhooks: WebhooksProcessor,
  ) {
    this.processors = [matching, notifications, webhooks];
  }

  onApplicationBootstrap(): void {
    for (const processor of this.processors) {
      const queue = processor.queueName;
      processor.worker.on('completed', (job) =>
        this.observe(queue, job.name, 'completed', job.processedOn, job.finishedOn),
      );
      processor.worker.on('failed', (job) => {
        this.metrics.jobFailures.inc({ queue, name: job?.name ?? 'unknown' });
        this.observe(queue, job?.name ?? 'unknown', 'failed', job?.processedOn, job?.finishedOn);
      });
    }
    this.metrics.useOutboxBacklogSource(() => this.relay.backlog());
    this.metrics.useQueueDepthSource(async () => {
      const depths: { queue: string; state: string; count: number }[] = [];
      for (const queue of Object.values(QueueName)) {
        const counts = await this.producer
          .queue(queue)
          .getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
        for (const [state, count] of Object.entries(counts)) {
          depths.push({ queue, state, count });
        }
      }
      return depths;
    });
  }

  private observe(queue: string, name: string, outcome: string, start?: number, end?: number): void {
    if (start !== undefined && end !== undefined) {
      this.metrics.jobDuration.observe({ queue, name, outcome }, (end - start) / 1000);
    }
  }
}
