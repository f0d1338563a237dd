import { JobProducer, QueueName, deleteQueueKeys } from '@app/queue';
import { createEnterprise, createResident, createTechnopark } from './support/factories';
import { notificationsOf, postTask, sleep } from './support/notification-helpers';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

/**
 * Redis losing its data (a restart without persistence) loses every job it held. The workers' recovery
 * sweep (SWEEP_EVERY_MS, STUCK_AFTER_SECONDS) gives a new job to tasks left unmatched and notifications
 * left queued, and puts back the job schedulers, so nothing waits for a worker restart.
 */
describe('recovery sweeps after Redis lost its jobs', () => {
  let system: SystemUnderTest;
  let apiKey: string;
  let technoparkId: string;

  beforeAll(async () => {
    Object.assign(process.env, { SWEEP_EVERY_MS: '1000', STUCK_AFTER_SECONDS: '2' });
    system = await startSystem({ worker: false });
    technoparkId = (await createTechnopark(system.api, { name: 'Sweep Park' })).id;
    apiKey = (await createEnterprise(system.api)).apiKey;
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    delete process.env.SWEEP_EVERY_MS;
    delete process.env.STUCK_AFTER_SECONDS;
  });

  const receivedCount = (messageId: string) => system.smtp.countByMessageId().get(messageId) ?? 0;

  it('matches a task whose job was relayed and then lost, and emails its resident once', async () => {
    await createResident(system.api, {
      technoparkId,
      capabilities: ['25.62.cnc-turning'],
      emails: ['lost@job.example'],
    });
    const taskId = await postTask(system, apiKey);
    // As if the relay had moved the row into a Redis that then lost it.
    await system.database.dataSource.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
    await system.startWorker();

    const [task] = await waitFor(
      'the task to be matched by the sweep',
      async () => {
        const rows = await system.database.dataSource.query<{ status: string }[]>(
          `SELECT status FROM tasks WHERE id = $1 AND status = 'matched'`,
          [taskId],
        );
        return rows.length > 0 ? rows : undefined;
      },
      30_000,
    );
    expect(task.status).toBe('matched');
    const [notification] = await waitFor(
      'the email',
      async () => {
        const rows = await notificationsOf(system, taskId);
        return rows.length === 1 && rows[0].status === 'sent' ? rows : undefined;
      },
      30_000,
    );
    await sleep(2500);
    expect(receivedCount(notification.message_id)).toBe(1);
  }, 60_000);

  it('sends a notification whose retry job was lost, once, and puts the job schedulers back', async () => {
    await system.database.dataSource.query(`UPDATE residents SET active = false`);
    await createResident(system.api, {
      technoparkId,
      capabilities: ['25.62.cnc-turning'],
      emails: ['retry@job.example'],
    });
    system.smtp.respondWith(() => ({ code: 451, message: 'try again later' }));
    const taskId = await postTask(system, apiKey);
    const [deferred] = await waitFor(
      'a first attempt refused with 451',
      async () => {
        const rows = await notificationsOf(system, taskId);
        return rows.length === 1 && rows[0].status === 'queued' && rows[0].attempts === 1 ? rows : undefined;
      },
      30_000,
    );
    // Redis loses its data: the delayed retry and the job schedulers are gone.
    await deleteQueueKeys(process.env.REDIS_URL!, process.env.QUEUE_PREFIX!);
    system.smtp.respondWith(() => null);

    const [sent] = await waitFor(
      'the notification to be sent after the sweep',
      async () => {
        const rows = await notificationsOf(system, taskId);
        return rows[0]?.status === 'sent' ? rows : undefined;
      },
      30_000,
    );
    expect(sent.id).toBe(deferred.id);
    await sleep(2500);
    expect(receivedCount(sent.message_id)).toBe(1);
    const notifications = system.worker!.get(JobProducer).queue(QueueName.Notifications);
    expect(await notifications.getJobScheduler('notification-sweep')).toMatchObject({ key: 'notification-sweep' });
    expect(await notifications.getJobScheduler('daily-digest')).toMatchObject({ key: 'daily-digest' });
  }, 60_000);
});
