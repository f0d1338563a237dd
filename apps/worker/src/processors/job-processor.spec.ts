import type { Job } from 'bullmq';
import { JobName, QueueName } from '@app/queue';
import { checkJobHandlers, JobProcessor, type JobHandlers } from './job-processor';

class FakeProcessor extends JobProcessor {
  constructor(
    readonly queueName: QueueName,
    readonly handlers: JobHandlers,
  ) {
    super();
  }
}

const handle = () => Promise.resolve('done');
const complete = () => [
  new FakeProcessor(QueueName.Matching, { [JobName.MatchTask]: handle, [JobName.MatchResident]: handle }),
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
});
