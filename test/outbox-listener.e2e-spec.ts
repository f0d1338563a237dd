import { OUTBOX_LISTENER_NAME } from '@app/domain';
import { createEnterprise } from './support/factories';
import { postTask } from './support/notification-helpers';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';

/**
 * The relay's LISTEN connection is cut, as a database restart or failover cuts it. Polling is slowed to a minute,
 * so a task relayed within seconds proves that the worker listens again and that NOTIFY woke it.
 */
describe('the outbox relay after its database connection is cut', () => {
  let system: SystemUnderTest;
  let apiKey: string;

  const listenerPid = async () => {
    const rows = await system.database.dataSource.query<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [OUTBOX_LISTENER_NAME],
    );
    return rows[0]?.pid;
  };

  beforeAll(async () => {
    system = await startSystem({ env: { OUTBOX_POLL_MS: '60000' } });
    apiKey = (await createEnterprise(system.api)).apiKey;
  });

  afterAll(async () => {
    await system?.close();
  });

  it('listens again, and a task posted afterwards is relayed at once rather than at the next poll', async () => {
    const first = await waitFor('the outbox listener', listenerPid);
    await system.database.dataSource.query(`SELECT pg_terminate_backend($1)`, [first]);
    const second = await waitFor('a new outbox listener', async () => {
      const pid = await listenerPid();
      return pid !== undefined && pid !== first ? pid : undefined;
    });
    expect(second).not.toBe(first);

    const id = await postTask(system, apiKey);
    const publishedAfterMs = await waitFor(
      'the task to be relayed',
      async () => {
        const [row] = await system.database.dataSource.query<{ ms: number | null }[]>(
          `SELECT (extract(epoch FROM published_at - created_at) * 1000)::int AS ms FROM outbox
           WHERE payload->>'taskId' = $1`,
          [id],
        );
        return row?.ms ?? undefined;
      },
      15_000,
    );
    expect(publishedAfterMs).toBeLessThan(10_000);
  });
});
