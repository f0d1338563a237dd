import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { JobName, QueueName } from '@app/queue';
import { checkJobHandlers, JobProcessor, type JobHandlers } from './job-processor';

class FakeProcessor extends JobProcessor {
  constructor(
    readonly queueName: QueueName,
    readonly handlers: JobHandlers,
  ) {
    super();
    this.pino = new PinoLogger({ pinoHttp: { level: 'silent' } });
  }
}

const handle = () => Promise.resolve('done');
const complete = () => [
  new FakeProcessor(QueueName.Matching, {
    [JobName.MatchTask]: handle,
    [JobName.MatchResident]: handle,
    [JobName.MatchImportedResidents]: handle,
  }),
  new FakeProcessor(QueueName.Notifications, {
    [JobName.SendNotification]: handle,
    [JobName.SendDailyDigests]: handle,
    [JobName.SweepNotifications]: handle,
  }),
  new FakeProcessor(QueueName.Webhooks, { [JobName.DeliverWebhook]: handle }),
  new FakeProcessor(QueueName.ResidentImports, { [JobName.ProcessResidentImport]: handle }),
];

describe(checkJobHandlers.name, () => {
  it('accepts one handler per job on its own queue', () => {
    expect(() => checkJobHandlers(complete())).not.toThrow();
  });

  it('names a job without a handler, one with two, and one on the wrong queue', () => {
    const [matching, notifications] = complete();
    const webhooksOnWrongQueue = new FakeProcessor(QueueName.Matching, {
      [JobName.DeliverWebhook]: handle,
      [JobName.MatchTask]: handle,
    });
    delete notifications.handlers[JobName.SweepNotifications];
    expect(() => checkJobHandlers([matching, notifications, webhooksOnWrongQueue])).toThrow(
      /task\.match has 2 handlers; notification\.sweep has 0 handlers; webhook\.deliver is handled on matching but queued on webhooks/,
    );
  });

  it('dispatches a job to its handler with the payload, and refuses an unknown job for good', async () => {
    const seen: unknown[] = [];
    const processor = new FakeProcessor(QueueName.Matching, {
      [JobName.MatchTask]: (data) => {
        seen.push(data);
        return Promise.resolve('matched');
      },
    });
    await expect(
      processor.process({ name: JobName.MatchTask, data: { taskId: 't', version: 2 } } as Job),
    ).resolves.toBe('matched');
    expect(seen).toEqual([{ taskId: 't', version: 2 }]);
    await expect(processor.process({ name: 'nope', data: {} } as Job)).rejects.toThrow(
      'no handler for job nope on queue matching',
    );
  });

  it('runs a handler in a logging context that names the job and the request behind it', async () => {
    const logger = new PinoLogger({ pinoHttp: { level: 'silent' } });
    const processor = new FakeProcessor(QueueName.Matching, {
      [JobName.MatchTask]: () => Promise.resolve(logger.logger.bindings()),
    });
    const job = { id: 'match-task-t-v1', name: JobName.MatchTask, attemptsMade: 1 };
    await expect(
      processor.process({ ...job, data: { taskId: 't', version: 1, requestId: 'req-42' } } as Job),
    ).resolves.toEqual({
      job: { id: 'match-task-t-v1', name: 'task.match', queue: 'matching', attempt: 2 },
      requestId: 'req-42',
    });
    await expect(processor.process({ ...job, data: { taskId: 't', version: 1 } } as Job)).resolves.not.toHaveProperty(
      'requestId',
    );
  });
});
