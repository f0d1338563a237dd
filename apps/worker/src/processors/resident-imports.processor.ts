import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ResidentImportsService } from '@app/domain';
import { JobName, QueueName, type JobPayloads } from '@app/queue';
import { JobProcessor, type JobHandlers } from './job-processor';

/**
 * Resident CSV imports: checking and committing thousands of rows, one import at a time per worker.
 * A job that failed for good (its last attempt, or stalled once too often after worker crashes) marks
 * its import failed, so that the progress page stops waiting and says why.
 */
@Processor(QueueName.ResidentImports, { concurrency: 1 })
export class ResidentImportsProcessor extends JobProcessor {
  readonly queueName = QueueName.ResidentImports;
  readonly handlers: JobHandlers = {
    [JobName.ProcessResidentImport]: ({ importId, step, userId }) =>
      step === 'check' ? this.imports.check(importId) : this.imports.commit(importId, userId ?? null),
  };

  constructor(private readonly imports: ResidentImportsService) {
    super();
  }

  @OnWorkerEvent('failed')
  async failImportForGood(job: Job | undefined, error: Error): Promise<void> {
    // BullMQ sets finishedOn only when it will not retry the job.
    const finished = job && (job.finishedOn !== undefined || /stalled/i.test(error.message));
    if (job?.name === JobName.ProcessResidentImport && finished) {
      const { importId, step } = job.data as JobPayloads[typeof JobName.ProcessResidentImport];
      await this.imports.fail(importId, `the ${step} stopped after ${job.attemptsMade} attempts: ${error.message}`);
    }
  }
}
