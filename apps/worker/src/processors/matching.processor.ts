import { Processor } from '@nestjs/bullmq';
import { TaskMatchingService } from '@app/domain';
import { JobName, QueueName } from '@app/queue';
import { JobProcessor, type JobHandlers } from './job-processor';

@Processor(QueueName.Matching, { concurrency: 4 })
export class MatchingProcessor extends JobProcessor {
  readonly queueName = QueueName.Matching;
  readonly handlers: JobHandlers = {
    [JobName.MatchTask]: ({ taskId, version }) => this.matching.matchTask(taskId, version),
    [JobName.MatchResident]: async ({ residentId }) =>
      `rematched ${await this.matching.matchResident(residentId)} tasks`,
    [JobName.MatchImportedResidents]: async ({ importId }) =>
      `rematched ${await this.matching.matchImportedResidents(importId)} tasks`,
  };

  constructor(private readonly matching: TaskMatchingService) {
    super();
  }
}
