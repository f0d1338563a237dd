import { ResidentsService, CLI_ACTOR, type Resident, type Technopark } from '@app/domain';
import { JobName, JobProducer } from '@app/queue';
import { createEnterprise, createResident, createStaff, createTechnopark } from './support/factories';
import { MACHINING_TASK, notificationsOf, postTask, sleep, waitForNotifications } from './support/notification-helpers';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

/** Delivery guarantees against a real SMTP server: retries, permanent failures, who is never emailed. */
describe('notification delivery', () => {
  let system: SystemUnderTest;
  let apiKey: string;
  let park: Technopark;
  let otherPark: Technopark;

  beforeAll(async () => {
    system = await startSystem();
    park = await createTechnopark(system.api, { name: 'Delivery Park' });
    otherPark = await createTechnopark(system.api, { name: 'Elsewhere Park' });
    apiKey = (await createEnterprise(system.api)).apiKey;
  });

  afterAll(async () => {
    await system?.close();
  });

  /**
   * Residents exist only for the task posted next: the previous ones are switched off, and earlier
   * tasks closed (a new resident is matched against open tasks).
   */
  async function onlyResidents(...emails: string[]): Promise<Resident[]> {
    await system.database.dataSource.query(`UPDATE residents SET active = false`);
    await system.database.dataSource.query(`UPDATE tasks SET status = 'closed'`);
    const created: Resident[] = [];
    for (const email of emails) {
      created.push(
        await createResident(system.api, {
          technoparkId: park.id,
          capabilities: ['25.62.cnc-turning'],
          emails: [email],
        }),
      );
    }
    return created;
  }

  const received = (address: string) => system.smtp.received.filter((email) => email.envelopeTo.includes(address));

  it('retries a 451 with backoff and delivers exactly one email', async () => {
    await onlyResidents('greylisted@firm.example');
    system.smtp.respondWith((attempt) => (attempt === 1 ? { code: 451, message: 'Greylisted, try later' } : null));
    const taskId = await postTask(system, apiKey);
    const [row] = await waitForNotifications(system, taskId, 1, ['sent']);
    expect(row.attempts).toBe(2);
    expect(row.last_error).toBeNull();
    await sleep(500);
    expect(received('greylisted@firm.example')).toHaveLength(1);
    expect(received('greylisted@firm.example')[0].parsed.messageId).toBe(row.message_id);
    const [match] = await system.database.dataSource.query<{ status: string }[]>(
      `SELECT status FROM matches WHERE id = $1`,
      [row.match_id],
    );
    expect(match.status).toBe('notified');
  });

  /** Makes PostgreSQL refuse the first `times` writes of status `sent` (a sequence: not undone by the refusal). */
  async function refuseSentWrites(times: number): Promise<() => Promise<void>> {
    const db = system.database.dataSource;
    await db.query(`CREATE SEQUENCE test_sent_refusals`);
    await db.query(
      `CREATE FUNCTION test_refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.status = 'sent' AND nextval('test_sent_refusals') <= ${times} THEN
           RAISE EXCEPTION 'test: the database refuses to record the email as sent';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await db.query(
      `CREATE TRIGGER test_refuse_sent BEFORE UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION test_refuse_sent()`,
    );
    return async () => {
      await db.query(`DROP TRIGGER test_refuse_sent ON notifications`);
      await db.query(`DROP FUNCTION test_refuse_sent()`);
      await db.query(`DROP SEQUENCE test_sent_refusals`);
    };
  }

  it('records an email the SMTP server accepted as sent when the database refuses the first write, and sends it once', async () => {
    await onlyResidents('recorded@firm.example');
    const restore = await refuseSentWrites(1);
    try {
      const taskId = await postTask(system, apiKey);
      const [row] = await waitForNotifications(system, taskId, 1, ['sent', 'failed']);
      expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
      await sleep(500);
      expect(received('recorded@firm.example').map((email) => email.parsed.messageId)).toEqual([row.message_id]);
    } finally {
      await restore();
    }
  });

  it('resends with the same Message-ID when the sent email cannot be recorded at all, never marking it failed', async () => {
    await onlyResidents('unrecorded@firm.example');
    // Three refusals: the delivery's own three tries; the job's retry sends again and records it.
    const restore = await refuseSentWrites(3);
    try {
      const taskId = await postTask(system, apiKey);
      const [row] = await waitForNotifications(system, taskId, 1, ['sent', 'failed']);
      expect(row).toMatchObject({ status: 'sent', attempts: 2 });
      await sleep(500);
      expect(received('unrecorded@firm.example').map((email) => email.parsed.messageId)).toEqual([
        row.message_id,
        row.message_id,
      ]);
    } finally {
      await restore();
    }
  });

  it('marks a 550 failed at once, and a coordinator retry delivers it', async () => {
    await onlyResidents('bounced@firm.example');
    system.smtp.respondWith((attempt) => (attempt === 1 ? { code: 550, message: 'Mailbox unavailable' } : null));
    const taskId = await postTask(system, apiKey);
    const [failed] = await waitForNotifications(system, taskId, 1, ['failed']);
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain('550');
    expect(received('bounced@firm.example')).toHaveLength(0);

    const retry = (token: string | null, id = failed.id) =>
      fetch(`${system.baseUrl}/api/v1/notifications/${id}/retry`, {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await retry(null)).status).toBe(401);
    const stranger = await createStaff(system.api, 'coordinator', [otherPark.id]);
    expect((await retry(stranger.token)).status).toBe(404);
    const coordinator = await createStaff(system.api, 'coordinator', [park.id]);
    const accepted = await retry(coordinator.token);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ id: failed.id, status: 'queued' });

    const [sent] = await waitForNotifications(system, taskId, 1, ['sent']);
    expect(sent.attempts).toBe(2);
    expect(received('bounced@firm.example')).toHaveLength(1);
    // A sent notification is not retried again.
    const again = await retry(coordinator.token);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const admin = await createStaff(system.api, 'admin');
    expect((await retry(admin.token)).status).toBe(409);
    await sleep(300);
    expect(received('bounced@firm.example')).toHaveLength(1);
  });

  it('never emails a resident who became inactive or unsubscribed while the email waited for a retry', async () => {
    const [leaving, unsubscribing, staying] = await onlyResidents(
      'leaving@firm.example',
      'unsubscribing@firm.example',
      'staying@firm.example',
    );
    const tempFail = new Set(['leaving@firm.example', 'unsubscribing@firm.example', 'staying@firm.example']);
    system.smtp.respondWith((_, to) =>
      to.some((address) => tempFail.has(address)) ? { code: 421, message: 'Try again later' } : null,
    );
    const taskId = await postTask(system, apiKey);
    await waitFor('a first attempt for each', async () => {
      const rows = await notificationsOf(system, taskId);
      return rows.length === 3 && rows.every((row) => row.attempts >= 1 && row.status === 'queued') ? rows : undefined;
    });
    await system.api.get(ResidentsService).setActive(leaving.id, false, CLI_ACTOR);
    await system.database.dataSource.query(`UPDATE residents SET unsubscribed_at = now() WHERE id = $1`, [
      unsubscribing.id,
    ]);
    system.smtp.respondWith(() => null);
    const rows = await waitForNotifications(system, taskId, 3, ['sent', 'skipped']);
    const byResident = new Map(rows.map((row) => [row.resident_id, row]));
    expect(byResident.get(staying.id)?.status).toBe('sent');
    expect(byResident.get(leaving.id)).toMatchObject({
      status: 'skipped',
      last_error: expect.stringContaining('inactive'),
    });
    expect(byResident.get(unsubscribing.id)?.status).toBe('skipped');
    expect(received('staying@firm.example')).toHaveLength(1);
    expect(received('leaving@firm.example')).toHaveLength(0);
    expect(received('unsubscribing@firm.example')).toHaveLength(0);
  });

  it('queues nothing for inactive, unsubscribed or "off" residents', async () => {
    const [active, inactive, unsubscribed, off] = await onlyResidents(
      'active@firm.example',
      'inactive@firm.example',
      'unsubscribed@firm.example',
      'off@firm.example',
    );
    await system.database.dataSource.query(`UPDATE residents SET active = false WHERE id = $1`, [inactive.id]);
    await system.database.dataSource.query(`UPDATE residents SET unsubscribed_at = now() WHERE id = $1`, [
      unsubscribed.id,
    ]);
    await system.database.dataSource.query(`UPDATE residents SET notification_mode = 'off' WHERE id = $1`, [off.id]);
    const taskId = await postTask(system, apiKey);
    const rows = await waitForNotifications(system, taskId, 1, ['sent']);
    expect(rows.map((row) => row.resident_id)).toEqual([active.id]);
    await sleep(300);
    for (const address of ['inactive@firm.example', 'unsubscribed@firm.example', 'off@firm.example']) {
      expect(received(address)).toHaveLength(0);
    }
  });

  it('lets the database refuse a second email to one resident about one task', async () => {
    await onlyResidents('once@firm.example');
    const taskId = await postTask(system, apiKey, { ...MACHINING_TASK, title: 'Only once' });
    const [row] = await waitForNotifications(system, taskId, 1, ['sent']);
    const insertAgain = system.database.dataSource.query(
      `INSERT INTO notifications (kind, resident_id, task_id, match_id, recipients, language, message_id)
       VALUES ('match', $1, $2, $3, '{once@firm.example}', 'ru', '<another@technomatch.test>')`,
      [row.resident_id, taskId, row.match_id],
    );
    await expect(insertAgain).rejects.toThrow(/notifications_resident_task_key/);
    // Even a job id the queue has never seen cannot send the row twice: the row is `sent`.
    await system.database.dataSource.query(
      `INSERT INTO outbox (job_name, job_id, payload) VALUES ('notification.send', $1, $2::jsonb)`,
      [`notify-${row.id}-replayed`, JSON.stringify({ notificationId: row.id })],
    );
    await sleep(1000);
    expect(received('once@firm.example')).toHaveLength(1);
  });

  it('gives a notification whose job was lost a new job, and leaves sent ones alone', async () => {
    const [lost] = await onlyResidents('lost@firm.example');
    await system.database.dataSource.query(`UPDATE residents SET notification_mode = 'daily' WHERE id = $1`, [lost.id]);
    const taskId = await postTask(system, apiKey, { ...MACHINING_TASK, title: 'Lost job' });
    const match = await waitFor('the match', async () => {
      const [row] = await system.database.dataSource.query<{ id: string }[]>(
        `SELECT id FROM matches WHERE task_id = $1 AND resident_id = $2`,
        [taskId, lost.id],
      );
      return row;
    });
    // A notification row whose job never reached (or vanished from) Redis, 20 minutes ago.
    await system.database.dataSource.query(`UPDATE residents SET notification_mode = 'instant' WHERE id = $1`, [
      lost.id,
    ]);
    await system.database.dataSource.query(
      `INSERT INTO notifications (kind, resident_id, task_id, match_id, recipients, language, message_id, updated_at)
       VALUES ('match', $1, $2, $3, '{lost@firm.example}', 'ru', $4, now() - interval '20 minutes')`,
      [lost.id, taskId, match.id, `<match-${taskId}-${lost.id}@technomatch.test>`],
    );
    const sentBefore = system.smtp.received.length;
    await system
      .worker!.get(JobProducer)
      .addAll([{ name: JobName.SweepNotifications, data: {}, jobId: 'sweep-test-1' }]);
    const [row] = await waitForNotifications(system, taskId, 1, ['sent']);
    expect(row.attempts).toBe(1);
    expect(received('lost@firm.example')).toHaveLength(1);
    // Sent rows, however old, are not swept.
    await system.database.dataSource.query(`UPDATE notifications SET updated_at = now() - interval '1 day'`);
    await system
      .worker!.get(JobProducer)
      .addAll([{ name: JobName.SweepNotifications, data: {}, jobId: 'sweep-test-2' }]);
    await sleep(1000);
    expect(system.smtp.received.length).toBe(sentBefore + 1);
  });
});
