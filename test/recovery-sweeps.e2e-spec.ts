import { CLI_ACTOR, ResidentImportsService } from '@app/domain';
import { JobProducer, QueueName, deleteQueueKeys } from '@app/queue';
import {
  createEnterprise,
  createResident,
  createTechnopark,
  RESIDENT_CSV_HEADER,
  residentCsvRows,
} from './support/factories';
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

  it('checks again an import whose check job was lost, and puts an interrupted commit back to checked', async () => {
    const imports = system.api.get(ResidentImportsService);
    const statusOf = async (id: string) => (await imports.get(id, null))?.status;
    const start = (prefix: string) =>
      imports.start({
        csv: [RESIDENT_CSV_HEADER, ...residentCsvRows('Sweep Park', 2, prefix)].join('\n'),
        fileName: `${prefix}.csv`,
        uploadedBy: null,
        scope: null,
      });
    // A check whose job Redis lost: relayed, then gone.
    await deleteQueueKeys(process.env.REDIS_URL!, process.env.QUEUE_PREFIX!);
    await system.stopWorker();
    const lostCheck = await start('Lostcheck');
    await system.database.dataSource.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
    // A commit interrupted for good: committing, and no job will ever run it.
    const interrupted = await start('Interrupted');
    await system.database.dataSource.query(
      `UPDATE resident_imports SET status = 'checked', processed_rows = total_rows WHERE id = $1`,
      [interrupted.id],
    );
    expect(await imports.requestCommit(interrupted.id, null, CLI_ACTOR)).toBe('queued');
    await system.database.dataSource.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
    await system.database.dataSource.query(
      `UPDATE resident_imports SET updated_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [[lostCheck.id, interrupted.id]],
    );
    await system.startWorker();

    await waitFor(
      'the lost check to be redone',
      async () => ((await statusOf(lostCheck.id)) === 'checked' ? true : undefined),
      30_000,
    );
    await waitFor(
      'the interrupted commit to be back to checked',
      async () => ((await statusOf(interrupted.id)) === 'checked' ? true : undefined),
      30_000,
    );
    const [{ residents }] = await system.database.dataSource.query<{ residents: number }[]>(
      `SELECT count(*)::int AS residents FROM residents WHERE import_id = $1`,
      [interrupted.id],
    );
    expect(residents).toBe(0);
    // Asked again, the commit runs under a new job id and creates both rows.
    expect(await imports.requestCommit(interrupted.id, null, CLI_ACTOR)).toBe('queued');
    await waitFor(
      'the second commit',
      async () => ((await statusOf(interrupted.id)) === 'committed' ? true : undefined),
      30_000,
    );
  }, 90_000);
});
