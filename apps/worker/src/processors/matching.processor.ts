import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { TaskMatchingService } from '@app/domain';
import { JobName, QueueName, type JobPayloads } from '@app/queue';

@Processor(QueueName.Matching, { concurrency: 4 })
export class MatchingProcessor extends WorkerHost {
  private readonly logger = new Logger(MatchingProcessor.name);

  constructor(private readonly matching: TaskMatchingService) {
    super();
  }

  async process(job: Job): Promise<string> {
    if (job.name === JobName.MatchTask) {
      const { taskId, version } = job.data as JobPayloads[typeof JobName.MatchTask];
      return this.matching.matchTask(taskId, version);
    }
    if (job.name === JobName.MatchResident) {
      const { residentId } = job.data as JobPayloads[typeof JobName.MatchResident];
      return `rematched ${await this.matching.matchResident(residentId)} tasks`;
    }
    throw new UnrecoverableError(`no handler for job ${job.name} on queue ${QueueName.Matching}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      `Job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed on attempt ${job?.attemptsMade ?? '?'}: ${error.message}`,
    );
  }
}
