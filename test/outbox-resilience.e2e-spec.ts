import { WorkerHealthServer } from '../apps/worker/src/health/health.server';
import { createEnterprise, createResident, createTechnopark } from './support/factories';
import { metricValue } from './support/metrics';
import { RedisServer } from './support/redis-server';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

/**
 * DESIGN.md §5: "Redis being down when a task is posted delays the matching; it never loses it."
 * The suite runs its own redis-server, kills it, posts tasks, and brings Redis back empty.
 */
describe('a task posted while Redis is down', () => {
  let redis: RedisServer;
  let system: SystemUnderTest;
  let apiKey: string;

  beforeAll(async () => {
    redis = await RedisServer.start();
    system = await startSystem({ redisUrl: redis.url });
    const park = await createTechnopark(system.api);
    await createResident(system.api, {
      technoparkId: park.id,
      capabilities: ['26.12.smt-assembly'],
      emails: ['smt@board.example'],
    });
    apiKey = (await createEnterprise(system.api)).apiKey;
  });

  afterAll(async () => {
    await redis?.start();
    await system?.close();
    await redis?.kill();
  });

  it('is accepted, waits in the outbox, and is matched and emailed once Redis is back', async () => {
    await redis.kill();
    const response = await fetch(`${system.baseUrl}/api/v1/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Controller board',
        substitutes: { name: 'Motor controller PCB' },
        requirements: [{ capability: '26.12', weight: 1, required: true }],
        region: 'BY-HM',
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };

    // The relay keeps failing and rolling back: the row stays unpublished, its attempts count up.
    const stuck = await waitFor(
      'a failed relay attempt',
      async () => {
        const [row] = await system.database.dataSource.query<{ published_at: Date | null; attempts: number }[]>(
          `SELECT published_at, attempts FROM outbox WHERE payload->>'taskId' = $1`,
          [id],
        );
        return row && row.attempts > 0 ? row : undefined;
      },
      30_000,
    );
    expect(stuck.published_at).toBeNull();

    // Operators see the backlog from PostgreSQL; the queue depths, which need Redis, are left out of the scrape
    // rather than stalling it.
    const metricsUrl = `http://127.0.0.1:${system.worker!.get(WorkerHealthServer).port}/metrics`;
    const started = Date.now();
    const scrape = await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) });
    expect(scrape.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
    const text = await scrape.text();
    // The task's job, and any row the relay had not published before Redis went (the resident's, say).
    const [{ unpublished }] = await system.database.dataSource.query<{ unpublished: number }[]>(
      `SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL`,
    );
    expect(unpublished).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, 'technomatch_outbox_unpublished_rows')).toBe(unpublished);
    expect(metricValue(text, 'technomatch_outbox_oldest_unpublished_age_seconds')).toBeGreaterThan(0);
    expect(text).not.toMatch(/^technomatch_queue_jobs\{/m);

    await redis.start();
    await waitFor(
      'the task to be matched',
      async () => {
        const [task] = await system.database.dataSource.query<{ status: string }[]>(
          `SELECT status FROM tasks WHERE id = $1`,
          [id],
        );
        return task.status === 'matched' ? true : undefined;
      },
      30_000,
    );
    const emails = await waitFor(
      'the email',
      () => Promise.resolve(system.smtp.received.length > 0 ? system.smtp.received : undefined),
      30_000,
    );
    expect(emails.map((email) => email.envelopeTo)).toEqual([['smt@board.example']]);
    const after = await (await fetch(metricsUrl)).text();
    expect(metricValue(after, 'technomatch_outbox_unpublished_rows')).toBe(0);
    expect(metricValue(after, 'technomatch_outbox_oldest_unpublished_age_seconds')).toBe(0);
    expect(metricValue(after, 'technomatch_queue_jobs{queue="matching",state="waiting"}')).toBe(0);
  });
});
