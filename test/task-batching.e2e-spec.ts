import { randomUUID } from 'node:crypto';
import { TasksService, type CreateTaskInput } from '@app/domain';
import { createEnterprise } from './support/factories';
import { startSystem, type SystemUnderTest } from './support/system-under-test';

const task = (title: string): CreateTaskInput => ({
  title,
  substitutes: { name: 'Valve body' },
  requirements: [
    { capability: '25.62', weight: 1, required: true },
    { capability: '24.5', weight: 0.5, required: false },
  ],
  region: 'BY-HM',
});

/**
 * Concurrent posts share one INSERT statement (TaskInsertBatcher): each caller still gets its own task or its
 * own error, every task has its requirements, its matching job and its audit entry, and Idempotency-Keys hold
 * within a batch.
 */
describe('task posts written in batches', () => {
  let system: SystemUnderTest;
  let tasks: TasksService;
  let enterpriseId: string;

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    tasks = system.api.get(TasksService);
    enterpriseId = (await createEnterprise(system.api)).enterprise.id;
  });

  afterAll(async () => {
    await system?.close();
  });

  const count = async (sql: string, ids: string[]) =>
    (await system.database.dataSource.query<{ n: number }[]>(sql, [ids]))[0].n;

  it('writes 200 concurrent posts with their requirements, jobs and audit entries, each answered with its own task', async () => {
    const titles = Array.from({ length: 200 }, (_, index) => `Batch task ${index}`);
    const created = await Promise.all(titles.map((title) => tasks.create(enterpriseId, task(title))));
    expect(created.map((result) => result.task.title)).toEqual(titles);
    expect(created.every((result) => result.task.status === 'open' && result.task.version === 1)).toBe(true);
    const ids = created.map((result) => result.task.id);
    expect(new Set(ids).size).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1::uuid[])`, ids)).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM task_requirements WHERE task_id = ANY($1::uuid[])`, ids)).toBe(
      400,
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'task.match' AND (payload->>'taskId')::uuid = ANY($1::uuid[])`,
        ids,
      ),
    ).toBe(200);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'task.create' AND entity_id = ANY($1::text[])`,
        ids,
      ),
    ).toBe(200);
  });

  it('fails only the post whose row the database refuses; its batch-mates are written', async () => {
    const unknownEnterprise = randomUUID();
    const results = await Promise.allSettled([
      tasks.create(enterpriseId, task('Good 1')),
      tasks.create(unknownEnterprise, task('Refused by the foreign key')),
      tasks.create(enterpriseId, task('Good 2')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/foreign key/);
    const [row]: { n: number }[] = await system.database.dataSource.query(
      `SELECT count(*)::int AS n FROM tasks WHERE title IN ('Good 1', 'Good 2', 'Refused by the foreign key')`,
    );
    expect(row.n).toBe(2);
  });

  it('keeps Idempotency-Keys within one batch: the same body replays the task, another body is a 422', async () => {
    const key = `retry-${randomUUID()}`;
    const [first, second] = await Promise.all([
      tasks.create(enterpriseId, task('Idempotent'), key),
      tasks.create(enterpriseId, task('Idempotent'), key),
    ]);
    expect(second.task.id).toBe(first.task.id);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    await expect(tasks.create(enterpriseId, task('Another body'), key)).rejects.toMatchObject({ status: 422 });
    const [row]: { n: number }[] = await system.database.dataSource.query(
      `SELECT count(*)::int AS n FROM tasks WHERE idempotency_key = $1`,
      [key],
    );
    expect(row.n).toBe(1);
  });
});
