import type { Technopark } from '@app/domain';
import { createEnterprise, createResident, createTechnopark } from './support/factories';
import { notificationsOf, postTask, sleep, waitForNotifications } from './support/notification-helpers';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';
import { buildApps, spawnWorker, type WorkerProcess } from './support/worker-process';

/**
 * The worker as a separate process, killed while the SMTP server holds messages it has received but
 * not yet acknowledged: the documented at-least-once window, where a resend carries the same Message-ID.
 */
describe('notification delivery across worker crashes and shutdowns', () => {
  let system: SystemUnderTest;
  let build: ReturnType<typeof buildApps>;
  let apiKey: string;
  let park: Technopark;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    build = buildApps();
    system = await startSystem({ worker: false });
    park = await createTechnopark(system.api, { name: 'Crash Park' });
    apiKey = (await createEnterprise(system.api)).apiKey;
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers.filter((candidate) => candidate.running())) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    system?.smtp.release();
    await system?.close();
    build?.remove();
  });

  const start = () => {
    const worker = spawnWorker(build.workerMain);
    workers.push(worker);
    return worker;
  };

  async function residents(count: number, tag: string): Promise<void> {
    await system.database.dataSource.query(`UPDATE residents SET active = false`);
    await system.database.dataSource.query(`UPDATE tasks SET status = 'closed'`);
    for (let index = 0; index < count; index += 1) {
      await createResident(system.api, {
        technoparkId: park.id,
        capabilities: ['25.62.cnc-turning'],
        emails: [`${tag}${index}@firm.example`],
      });
    }
  }

  it('SIGKILL while sending, then a restart: every notification delivered, duplicates only from the crash window', async () => {
    await residents(12, 'crash');
    system.smtp.hold(3);
    const first = start();
    const taskId = await postTask(system, apiKey);
    await waitFor(
      'three sent and more held at the SMTP server',
      async () => {
        const rows = await notificationsOf(system, taskId);
        const sent = rows.filter((row) => row.status === 'sent').length;
        return rows.length === 12 && sent === 3 && system.smtp.received.length >= 6 ? rows : undefined;
      },
      30_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const atCrash = await notificationsOf(system, taskId);
    const statusAtCrash = new Map(atCrash.map((row) => [row.message_id, row.status]));
    const inFlight = atCrash.filter((row) => row.status === 'sending');
    expect(inFlight.length).toBeGreaterThan(0);
    system.smtp.release();

    const second = start();
    const rows = await waitForNotifications(system, taskId, 12, ['sent'], 60_000);
    await sleep(500);
    const counts = system.smtp.countByMessageId();
    const report = rows.map((row) => ({
      messageId: row.message_id,
      inCrashWindow: statusAtCrash.get(row.message_id) === 'sending',
      delivered: counts.get(row.message_id) ?? 0,
    }));
    expect(report.filter((entry) => entry.delivered < 1)).toEqual([]);
    // Sent, or not yet started, when the worker died: exactly once.
    expect(report.filter((entry) => !entry.inCrashWindow && entry.delivered !== 1)).toEqual([]);
    expect(report.filter((entry) => entry.delivered > 2)).toEqual([]);

    second.child.kill('SIGTERM');
    await second.exited;
  }, 120_000);

  it('SIGTERM lets in-flight emails finish before the worker exits, and sends none twice', async () => {
    await residents(6, 'term');
    const before = system.smtp.received.length;
    system.smtp.hold(0);
    const worker = start();
    const taskId = await postTask(system, apiKey);
    await waitFor('held messages', () => Promise.resolve(system.smtp.received.length - before >= 3 ? true : undefined));
    const inFlight = (await notificationsOf(system, taskId)).filter((row) => row.status === 'sending');
    expect(inFlight.length).toBeGreaterThanOrEqual(3);

    worker.child.kill('SIGTERM');
    await sleep(1000);
    // Still waiting for the SMTP server's replies to the emails in flight.
    expect(worker.running()).toBe(true);
    system.smtp.release();
    const exit = await worker.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);

    const afterShutdown = new Map((await notificationsOf(system, taskId)).map((row) => [row.id, row]));
    for (const row of inFlight) {
      expect(afterShutdown.get(row.id)).toMatchObject({ status: 'sent', attempts: 1 });
    }
    // Whatever had not started yet is delivered by the next worker; nothing is sent twice.
    await system.startWorker();
    const rows = await waitForNotifications(system, taskId, 6, ['sent'], 30_000);
    await sleep(300);
    const counts = system.smtp.countByMessageId();
    expect(rows.map((row) => counts.get(row.message_id))).toEqual(rows.map(() => 1));
  }, 120_000);
});
