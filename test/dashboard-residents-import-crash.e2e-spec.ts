import { ResidentImportsService } from '@app/domain';
import { createStaff, createTechnopark, RESIDENT_CSV_HEADER, residentCsvRows } from './support/factories';
import { startSystem, type SystemUnderTest } from './support/system-under-test';
import { waitFor } from './support/wait-for';
import { buildApps, spawnWorker, type WorkerProcess } from './support/worker-process';

const ROWS = 2000;

/**
 * A resident import's commit is one transaction: the worker, run as a separate process, is killed
 * half-way through it; nothing of the file is left behind, and the restarted worker takes the stalled
 * job again and commits every row exactly once.
 */
describe('resident import commit across a worker crash', () => {
  let system: SystemUnderTest;
  let build: ReturnType<typeof buildApps>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    build = buildApps();
    system = await startSystem({ worker: false });
  }, 300_000);

  afterAll(async () => {
    for (const worker of workers.filter((candidate) => candidate.running())) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await system?.close();
    build?.remove();
  });

  const start = () => {
    const worker = spawnWorker(build.workerMain);
    workers.push(worker);
    return worker;
  };
  const stateOf = async (id: string) => {
    const [row] = await system.database.dataSource.query<
      { status: string; processed: number; errors: number; created: number | null; failure: string | null }[]
    >(
      `SELECT status, processed_rows AS processed, error_count AS errors, created_count AS created,
              failure_reason AS failure
         FROM resident_imports WHERE id = $1`,
      [id],
    );
    return row;
  };
  const residentsOf = async (id: string) => {
    const [row] = await system.database.dataSource.query<{ count: number; legalIds: number }[]>(
      `SELECT count(*)::int AS count, count(DISTINCT legal_id)::int AS "legalIds" FROM residents WHERE import_id = $1`,
      [id],
    );
    return row;
  };

  it('SIGKILL mid-commit leaves no resident of the file; the restarted worker commits all of them once', async () => {
    const park = await createTechnopark(system.api, { name: 'Crash Import Park' });
    const { user } = await createStaff(system.api, 'coordinator', [park.id]);
    const imports = system.api.get(ResidentImportsService);
    const csv = [RESIDENT_CSV_HEADER, ...residentCsvRows('Crash Import Park', ROWS, 'Crash Firm')].join('\n');
    const started = await imports.start({ csv, fileName: 'crash.csv', uploadedBy: user.id, scope: [park.id] });

    const first = start();
    const checked = await waitFor(
      'the import to be checked',
      async () => {
        const state = await stateOf(started.id);
        return state.status === 'checked' ? state : undefined;
      },
      240_000,
    );
    expect(checked).toMatchObject({ processed: ROWS, errors: 0 });
    await expect(imports.requestCommit(started.id, [park.id], { type: 'user', id: user.id })).resolves.toBe('queued');
    await waitFor(
      'the commit to be part-way through',
      async () => {
        const state = await stateOf(started.id);
        return state.status === 'committing' && state.processed >= 300 ? state : undefined;
      },
      240_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    await expect(residentsOf(started.id)).resolves.toEqual({ count: 0, legalIds: 0 });
    await expect(stateOf(started.id)).resolves.toMatchObject({ status: 'committing', created: null });

    start();
    const committed = await waitFor(
      'the restarted worker to commit the import',
      async () => {
        const state = await stateOf(started.id);
        return state.status === 'committed' || state.status === 'failed' ? state : undefined;
      },
      300_000,
    );
    expect(committed).toMatchObject({ status: 'committed', created: ROWS, processed: ROWS, failure: null });
    await expect(residentsOf(started.id)).resolves.toEqual({ count: ROWS, legalIds: ROWS });
  }, 900_000);
});
