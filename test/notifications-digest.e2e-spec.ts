import type { INestApplicationContext } from '@nestjs/common';
import { DAILY_DIGEST_SCHEDULER_ID, type Resident } from '@app/domain';
import { JobName, JobProducer, QueueName } from '@app/queue';
import { createEnterprise, createResident, createTechnopark } from './support/factories';
import { MACHINING_TASK, postTask, sleep } from './support/notification-helpers';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

/** Daily digests: one email a day listing new matches; `off` gets none; switching modes loses nothing. */
describe('daily digests', () => {
  let system: SystemUnderTest;
  let apiKey: string;
  const residents: Record<'daily' | 'off' | 'instant' | 'switching', Resident> = {} as never;

  beforeAll(async () => {
    system = await startSystem();
    const park = await createTechnopark(system.api, { name: 'Digest Park' });
    for (const [key, mode] of [
      ['daily', 'daily'],
      ['off', 'off'],
      ['instant', 'instant'],
      ['switching', 'daily'],
    ] as const) {
      residents[key] = await createResident(system.api, {
        technoparkId: park.id,
        capabilities: ['25.62.cnc-turning'],
        emails: [`${key}@firm.example`],
      });
      await system.database.dataSource.query(`UPDATE residents SET notification_mode = $2 WHERE id = $1`, [
        residents[key].id,
        mode,
      ]);
    }
    apiKey = (await createEnterprise(system.api)).apiKey;
  });

  afterAll(async () => {
    await system?.close();
  });

  const received = (key: keyof typeof residents) =>
    system.smtp.received.filter((email) => email.envelopeTo.includes(`${key}@firm.example`));
  const runDigests = async (day: string, run: string) => {
    await (system.worker as INestApplicationContext)
      .get(JobProducer)
      .addAll([{ name: JobName.SendDailyDigests, data: { day }, jobId: `digest-${day}-${run}` }]);
  };
  const matchStatus = async (taskId: string, resident: Resident) => {
    const [row] = await system.database.dataSource.query<{ status: string }[]>(
      `SELECT status FROM matches WHERE task_id = $1 AND resident_id = $2`,
      [taskId, resident.id],
    );
    return row.status;
  };

  it('is scheduled with a BullMQ job scheduler', async () => {
    const scheduler = await (system.worker as INestApplicationContext)
      .get(JobProducer)
      .queue(QueueName.Notifications)
      .getJobScheduler(DAILY_DIGEST_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ pattern: '0 8 * * *', tz: 'Europe/Minsk', name: JobName.SendDailyDigests });
  });

  it("lists the day's matches once, for daily residents and for those who switched away from daily", async () => {
    const first = await postTask(system, apiKey, { ...MACHINING_TASK, title: 'First task' });
    await waitFor('the instant email', () => Promise.resolve(received('instant').length === 1 ? true : undefined));
    expect(await matchStatus(first, residents.daily)).toBe('approved');
    // Switching to instant after the match was made must not lose it: the next digest carries it.
    await system.database.dataSource.query(`UPDATE residents SET notification_mode = 'instant' WHERE id = $1`, [
      residents.switching.id,
    ]);

    await runDigests('2026-11-24', 'a');
    await waitFor('two digests', () =>
      Promise.resolve(received('daily').length === 1 && received('switching').length === 1 ? true : undefined),
    );
    const digest = received('daily')[0].parsed;
    expect(digest.subject).toBe('Новые задачи за 2026-11-24: 1');
    expect(digest.text).toContain('1. First task');
    expect(digest.messageId).toBe(`<digest-${residents.daily.id}-2026-11-24@technomatch.test>`);
    expect(digest.headerLines.map((line) => line.line)).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    await waitFor('the match to be notified', async () =>
      (await matchStatus(first, residents.daily)) === 'notified' ? true : undefined,
    );

    // A second run the same day (a retried job, a second worker) sends nothing more.
    await runDigests('2026-11-24', 'b');
    await sleep(1000);
    expect(received('daily')).toHaveLength(1);
    expect(received('switching')).toHaveLength(1);
    expect(received('instant')).toHaveLength(1);
    expect(received('off')).toHaveLength(0);
  });

  it('lists only new matches the next day, and never emails "off"', async () => {
    const second = await postTask(system, apiKey, { ...MACHINING_TASK, title: 'Second task' });
    await waitFor('instant emails about the second task', () =>
      Promise.resolve(received('instant').length === 2 && received('switching').length === 2 ? true : undefined),
    );
    await runDigests('2026-11-25', 'a');
    await waitFor('the next digest', () => Promise.resolve(received('daily').length === 2 ? true : undefined));
    const digest = received('daily')[1].parsed;
    expect(digest.subject).toBe('Новые задачи за 2026-11-25: 1');
    expect(digest.text).toContain('Second task');
    expect(digest.text).not.toContain('First task');
    await sleep(500);
    expect(received('off')).toHaveLength(0);
    expect(await matchStatus(second, residents.off)).toBe('approved');
  });
});
